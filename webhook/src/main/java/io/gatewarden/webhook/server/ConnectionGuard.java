package io.gatewarden.webhook.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps open connections and gives every request a deadline from its first byte to its last, on every listener of
 * the server. Netty's idle timer resets on each byte, so a client that trickles one header line at a time would
 * otherwise hold a connection (and a TLS session) for ever.
 */
@Singleton
public class ConnectionGuard implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

    private final ConnectionConfiguration config;
    private final AtomicInteger open = new AtomicInteger();
    private final Counter accepted;
    private final Counter refused;
    private final Counter timedOut;
    private final Timer exchange;

    private final io.gatewarden.webhook.admission.AdmissionEndpoint admission;
    private final long maxBody;

    public ConnectionGuard(ConnectionConfiguration config, MeterRegistry registry,
            io.gatewarden.webhook.admission.AdmissionEndpoint admission,
            @io.micronaut.context.annotation.Value("${micronaut.server.max-request-size:10485760}") long maxBody) {
        this.config = config;
        this.admission = admission;
        this.maxBody = maxBody;
        this.exchange = Timer.builder("gatewarden.server.exchange")
                .description("a request's first byte read to its response's last byte written to the socket: what "
                        + "the webhook's transport and decision cost a caller, beside the decision alone "
                        + "(gatewarden.admission.latency)")
                .publishPercentileHistogram().register(registry);
        Gauge.builder("gatewarden.server.connections", open, AtomicInteger::get)
                .description("open connections on the webhook's ports").register(registry);
        this.accepted = Counter.builder("gatewarden.server.connections.accepted")
                .description("connections accepted; a client that reuses its connections keeps this flat").register(registry);
        this.refused = Counter.builder("gatewarden.server.connections.refused")
                .description("connections closed at once because gatewarden.server.max-connections were open")
                .register(registry);
        this.timedOut = Counter.builder("gatewarden.server.requests.timed.out")
                .description("connections closed because a request took longer than gatewarden.server.request-timeout to arrive")
                .register(registry);
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new NettyServerCustomizer() {
            @Override
            public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
                return role == ChannelRole.CONNECTION ? connection(channel) : this;
            }
        });
        return event.getBean();
    }

    /** Open connections right now. */
    public int openConnections() {
        return open.get();
    }

    private NettyServerCustomizer connection(Channel channel) {
        int now = open.incrementAndGet();
        accepted.increment();
        channel.closeFuture().addListener(f -> open.decrementAndGet());
        if (now > config.getMaxConnections()) {
            refused.increment();
            if (refused.count() == 1 || refused.count() % 1000 == 0) {
                LOG.warn("{} connections open (gatewarden.server.max-connections {}): closing new ones at once "
                        + "({} so far)", now, config.getMaxConnections(), (long) refused.count());
            }
            channel.close();
        }
        return new NettyServerCustomizer() {
            @Override
            public void onStreamPipelineBuilt() {
                if (channel.pipeline().get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) == null) {
                    return; // HTTP/2 streams: the connection's own deadline does not apply per stream
                }
                RequestDeadline deadline = new RequestDeadline();
                channel.pipeline().addBefore(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC,
                        "gatewarden-request-start", deadline.start());
                channel.pipeline().addAfter(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC,
                        "gatewarden-request-end", deadline.end());
                if (config.isFastPath() // the admission listener only: the management port is plain HTTP
                        && channel.pipeline().get(ChannelPipelineCustomizer.HANDLER_SSL) != null) {
                    channel.pipeline().addAfter("gatewarden-request-end", "gatewarden-admission",
                            new AdmissionFastPath(admission, maxBody));
                }
            }
        };
    }

    /**
     * Armed by the first byte of a request (raw bytes, before the HTTP codec), disarmed when the codec has decoded
     * the request's last content. Between requests on a keep-alive connection only the idle timer runs.
     */
    private final class RequestDeadline {
        private ScheduledFuture<?> timer;
        private long firstByteAt;

        ChannelDuplexHandler start() {
            return new ChannelDuplexHandler() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
                    if (timer == null && msg instanceof ByteBuf b && b.isReadable()) {
                        firstByteAt = System.nanoTime();
                        timer = ctx.executor().schedule(() -> expire(ctx), config.getRequestTimeout().toMillis(),
                                TimeUnit.MILLISECONDS);
                    }
                    super.channelRead(ctx, msg);
                }

                @Override
                public void channelInactive(ChannelHandlerContext ctx) throws Exception {
                    disarm();
                    super.channelInactive(ctx);
                }
            };
        }

        ChannelDuplexHandler end() {
            return new ChannelDuplexHandler() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
                    if (msg instanceof LastHttpContent) {
                        disarm();
                    }
                    super.channelRead(ctx, msg);
                }

                @Override
                public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
                    if (msg instanceof LastHttpContent && firstByteAt != 0) {
                        long started = firstByteAt;
                        firstByteAt = 0;
                        promise = promise.unvoid();
                        promise.addListener(f -> exchange.record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
                    }
                    super.write(ctx, msg, promise);
                }
            };
        }

        private void disarm() {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }

        private void expire(ChannelHandlerContext ctx) {
            timer = null;
            timedOut.increment();
            ctx.channel().close();
        }
    }
}
