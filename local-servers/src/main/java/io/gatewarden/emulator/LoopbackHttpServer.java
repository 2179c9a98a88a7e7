package io.gatewarden.emulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/** The JDK HTTP server on 127.0.0.1 and any free port, as the emulators use it. */
final class LoopbackHttpServer {

    static {
        // Without TCP_NODELAY every answer waits for the client's delayed ACK: about 40 ms a request, which would
        // make the emulators, not the code under test, the cost of every benchmark. Read once, when the JDK's
        // server configuration loads, so it is set before the first server is created.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private LoopbackHttpServer() {
    }

    static HttpServer create() throws IOException {
        return HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    }
}
