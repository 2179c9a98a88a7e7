package io.gatewarden.webhook.server;

import io.gatewarden.webhook.admission.AdmissionEndpoint;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;

/**
 * Answers {@code POST /validate} and {@code POST /mutate} on an HTTP/1.1 connection straight after the HTTP codec,
 * through the same {@link AdmissionEndpoint} as the Micronaut controller; every other request goes on to Micronaut
 * untouched. The API server calls the webhook once per write, each call on an otherwise idle connection, and
 * Micronaut's routing, binding and response building cost about as much as the decision itself there
 * ({@code gatewarden_server_exchange_seconds} against {@code gatewarden_admission_latency_seconds}). One instance
 * per connection; bodies beyond {@code micronaut.server.max-request-size} get 413 and the connection is closed.
 */
final class AdmissionFastPath extends ChannelInboundHandlerAdapter {

    private final AdmissionEndpoint endpoint;
    private final long maxBody;
    private String current;
    private boolean keepAlive;
    private ByteBuf body;
    /** After a 413: the rest of that request is read and dropped, then the connection is closed. */
    private boolean discarding;
    private ChannelFuture refusal;

    AdmissionFastPath(AdmissionEndpoint endpoint, long maxBody) {
        this.endpoint = endpoint;
        this.maxBody = maxBody;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (discarding) {
            ReferenceCountUtil.release(msg);
            if (msg instanceof LastHttpContent) {
                refusal.addListener(ChannelFutureListener.CLOSE); // once the 413 is on the wire
            }
            return;
        }
        if (current == null && msg instanceof HttpRequest req && HttpMethod.POST.equals(req.method())) {
            String path = req.uri();
            int q = path.indexOf('?');
            path = q < 0 ? path : path.substring(0, q);
            if (path.equals("/validate") || path.equals("/mutate")) {
                current = path.substring(1);
                keepAlive = HttpUtil.isKeepAlive(req);
                body = ctx.alloc().buffer();
                if (HttpUtil.getContentLength(req, 0L) > maxBody) {
                    tooLarge(ctx);
                    channelRead(ctx, msg); // discarded, with whatever body it carries
                    return;
                }
            }
        }
        if (current == null) {
            super.channelRead(ctx, msg); // not ours: Micronaut's
            return;
        }
        try {
            if (msg instanceof HttpContent c) {
                if (body.readableBytes() + c.content().readableBytes() > maxBody) {
                    tooLarge(ctx);
                    if (msg instanceof LastHttpContent) {
                        refusal.addListener(ChannelFutureListener.CLOSE);
                    }
                    return; // released below
                }
                body.writeBytes(c.content());
            }
            if (msg instanceof LastHttpContent) {
                answer(ctx);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void answer(ChannelHandlerContext ctx) {
        byte[] bytes = ByteBufUtil.getBytes(body);
        String which = current;
        reset();
        AdmissionEndpoint.Answer a = endpoint.answer(which, bytes);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(a.status()),
                Unpooled.wrappedBuffer(a.body()));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, a.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, a.body().length);
        if (keepAlive) {
            ctx.writeAndFlush(r);
        } else {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /**
     * Answers 413 at once; the client may still be sending, and closing now would reset the connection before it
     * reads the answer, so the rest of the request is read and dropped first (the request deadline bounds that).
     */
    private void tooLarge(ChannelHandlerContext ctx) {
        reset();
        discarding = true;
        byte[] text = ("request body larger than " + maxBody + " bytes\n").getBytes(StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.wrappedBuffer(text));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain").setInt(HttpHeaderNames.CONTENT_LENGTH, text.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        refusal = ctx.writeAndFlush(r);
    }

    private void reset() {
        current = null;
        if (body != null) {
            body.release();
            body = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        reset();
        super.channelInactive(ctx);
    }
}
