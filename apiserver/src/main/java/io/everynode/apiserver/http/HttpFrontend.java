package io.everynode.apiserver.http;

import io.everynode.apiserver.ApiRequest;
import io.everynode.apiserver.ApiResponse;
import io.everynode.apiserver.ApiServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Serves an {@link ApiServer} over plain HTTP/1.1 with Jetty core handlers. Requests are handled
 * on Jetty's pool with blocking I/O; a watch holds its thread for as long as it is open, so the
 * pool is sized for many concurrent watches.
 */
public final class HttpFrontend implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;

    /**
     * @param bind address to listen on; until authentication exists only loopback addresses are
     *     allowed, because whoever reaches this API can run processes on every node
     */
    public HttpFrontend(ApiServer api, String bind, int port) {
        requireLoopback(bind);
        QueuedThreadPool pool = new QueuedThreadPool(4000, 8);
        pool.setName("everynode-http");
        server = new Server(pool);
        connector = new ServerConnector(server);
        connector.setHost(bind);
        connector.setPort(port);
        connector.setIdleTimeout(3_600_000L);
        server.addConnector(connector);
        server.setHandler(new ApiHandler(api, api.config().maxRequestBytes()));
        server.setErrorHandler(new StatusErrorHandler()); // Jetty's own 400/414/431 as a Status
    }

    public static void requireLoopback(String bind) {
        boolean loopback;
        try {
            loopback = InetAddress.getByName(bind).isLoopbackAddress();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot resolve bind address " + bind + ": " + e.getMessage());
        }
        if (!loopback) {
            throw new IllegalArgumentException("refusing to bind " + bind + ": the API has no authentication yet, and whoever"
                    + " reaches it can run processes on every node; bind a loopback address such as 127.0.0.1");
        }
    }

    public void start() throws Exception {
        server.start();
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private static final class ApiHandler extends Handler.Abstract {
        private final ApiServer api;
        private final long maxBytes;

        ApiHandler(ApiServer api, long maxBytes) {
            this.api = api;
            this.maxBytes = maxBytes;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            Map<String, String> headers = new LinkedHashMap<>();
            for (HttpField f : request.getHeaders()) {
                headers.merge(f.getLowerCaseName(), f.getValue(), (a, b) -> a + "," + b);
            }
            Map<String, List<String>> query = new LinkedHashMap<>();
            Fields fields = Request.extractQueryParameters(request);
            for (Fields.Field f : fields) query.put(f.getName(), new ArrayList<>(f.getValues()));
            byte[] body;
            try {
                body = readBody(request, maxBytes);
            } catch (TooLarge e) {
                body = null;
            }
            JettyResponse out = new JettyResponse(request, response);
            ApiRequest req = new ApiRequest(request.getMethod().toUpperCase(Locale.ROOT),
                    request.getHttpURI().getDecodedPath(), query, headers, body);
            try {
                if (body == null) api.refuseTooLarge(out);
                else api.handle(req, out);
                callback.succeeded();
            } catch (Throwable t) {
                callback.failed(t);
            }
            return true;
        }

        /**
         * Reads the body up to {@code max} bytes. A larger body is read on and thrown away (up to
         * a bound) before the 413 is sent, so that a client still writing it can read the answer
         * instead of seeing the connection reset.
         */
        private static byte[] readBody(Request request, long max) throws IOException {
            try (InputStream in = Request.asInputStream(request)) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                byte[] chunk = new byte[16384];
                long total = 0;
                int n;
                while ((n = in.read(chunk)) >= 0) {
                    total += n;
                    if (total <= max) buf.write(chunk, 0, n);
                    else if (total > DRAIN_LIMIT) break;
                }
                if (total > max) throw new TooLarge();
                return buf.toByteArray();
            }
        }
    }

    private static final class TooLarge extends IOException {}

    /** How much of an oversized body is drained before answering 413 (then the connection closes). */
    private static final long DRAIN_LIMIT = 64L * 1024 * 1024;

    private static final class JettyResponse implements ApiResponse {
        private final Request request;
        private final Response response;
        private volatile boolean clientGone;

        JettyResponse(Request request, Response response) {
            this.request = request;
            this.response = response;
        }

        /**
         * Watches the connection for the client closing it while a stream is idle. Jetty does
         * not read while a handler runs, so nothing else would notice before the next write;
         * an HTTP/1.1 client sends nothing during a streamed answer, so any read here is the
         * end of the connection.
         */
        private void detectClientClose() {
            EndPoint ep = request.getConnectionMetaData().getConnection().getEndPoint();
            ep.tryFillInterested(Callback.from(() -> {
                try {
                    int n = ep.fill(BufferUtil.allocate(64));
                    if (n < 0) clientGone = true;
                    else if (!clientGone) detectClientClose();
                } catch (IOException e) {
                    clientGone = true;
                }
            }, failure -> clientGone = true));
        }

        @Override
        public void header(String name, String value) {
            response.getHeaders().add(name, value);
        }

        @Override
        public void send(int status, String contentType, byte[] body) {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            try (Blocker.Callback cb = Blocker.callback()) {
                response.write(true, ByteBuffer.wrap(body), cb);
                cb.block();
            } catch (IOException e) {
                // the client went away; nothing else to do
            }
        }

        @Override
        public Stream stream(int status, String contentType) throws IOException {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache, private");
            // The connection is not reused after a stream: detectClientClose() reads from it.
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            // Commit the headers now so the client sees the stream start before the first event.
            try (Blocker.Callback cb = Blocker.callback()) {
                response.write(false, ByteBuffer.allocate(0), cb);
                cb.block();
            }
            detectClientClose();
            return new Stream() {
                private volatile boolean open = true;

                @Override
                public void write(byte[] chunk) throws IOException {
                    try (Blocker.Callback cb = Blocker.callback()) {
                        response.write(false, ByteBuffer.wrap(chunk), cb);
                        cb.block();
                    } catch (IOException e) {
                        open = false;
                        throw e;
                    }
                }

                @Override
                public boolean isOpen() {
                    return open && !clientGone;
                }

                @Override
                public void close() {
                    if (!open) return;
                    open = false;
                    try (Blocker.Callback cb = Blocker.callback()) {
                        response.write(true, ByteBuffer.allocate(0), cb);
                        cb.block();
                    } catch (IOException e) {
                        // the client went away
                    }
                }
            };
        }
    }
}
