package io.everynode.apiserver.http;

import io.everynode.api.json.Json;
import io.everynode.apiserver.ApiRequest;
import io.everynode.apiserver.ApiResponse;
import io.everynode.apiserver.ApiServer;
import io.everynode.apiserver.ApiServerConfig;
import io.everynode.apiserver.errors.ApiException;
import io.everynode.apiserver.errors.Statuses;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves an {@link ApiServer} over HTTP/1.1 with Jetty core handlers, on TLS when given a
 * {@link ServingTls} (client certificates wanted, verified against the cluster CA and handed to
 * the API as {@link ApiRequest#peerCertificates()}), else plain (loopback only).
 *
 * <p>Threads: a request holds a pool thread only while the API works on it. Bodies are read
 * asynchronously (a slow client holds a socket, not a thread), and a watch returns its thread
 * as soon as it is open: its events go out with non-blocking writes (see {@link ApiResponse}).
 * The pool is therefore sized for the in-flight limits, not for the number of watches.
 *
 * <p>Limits (upstream's): headers must arrive within the header read timeout (which is also the
 * idle timeout between requests), a body within the body read timeout (else 408), and at most so
 * many read-only and mutating requests run at once (else 429 with {@code Retry-After: 1}).
 * Streams lift the idle timeout: a quiet watch stays open until its own end.
 */
public final class HttpFrontend implements AutoCloseable {
    /** Threads beyond the in-flight limits: Jetty's selectors and acceptors, followed logs. */
    private static final int SPARE_THREADS = 200;
    /** How long a stream may stay quiet unless it says otherwise (a followed log). */
    private static final Duration STREAM_SILENCE = Duration.ofHours(1);

    /** The password of the in-memory key stores handed to Jetty (they never reach a disk). */
    private static final char[] IN_MEMORY = "in-memory".toCharArray();

    private final Server server;
    private final ServerConnector connector;
    private final SslContextFactory.Server tls;

    /** Plain HTTP: {@code bind} must be a loopback address ({@link #checkBind}). */
    public HttpFrontend(ApiServer api, String bind, int port) {
        this(api, bind, port, null);
    }

    /**
     * @param bind address to listen on: any address with TLS; only loopback without, because
     *     whoever reaches a plain-HTTP API sends unprotected credentials (or, on an open server,
     *     none at all)
     * @param tls what to serve HTTPS with, or null for plain HTTP
     */
    public HttpFrontend(ApiServer api, String bind, int port, ServingTls tls) {
        this(api, bind, port, tls, List.of());
    }

    /**
     * @param extensions handlers served beside the API under their own path prefixes (see
     *     {@link FrontExtension}: they are not authenticated by the API, and cannot shadow it)
     */
    public HttpFrontend(ApiServer api, String bind, int port, ServingTls tls, List<FrontExtension> extensions) {
        checkBind(bind, tls != null);
        ApiServerConfig config = api.config();
        QueuedThreadPool pool = new QueuedThreadPool(
                config.maxRequestsInflight() + config.maxMutatingRequestsInflight() + SPARE_THREADS, 8);
        pool.setName("everynode-http");
        server = new Server(pool);
        if (tls == null) {
            this.tls = null;
            connector = new ServerConnector(server);
        } else {
            this.tls = sslContextFactory(tls);
            HttpConfiguration http = new HttpConfiguration();
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            // Clients dial by IP address as often as by name (kubectl with 127.0.0.1, agents with
            // the advertise address) and send no SNI then; the certificate's SANs are checked by
            // the client, which is what matters.
            secure.setSniHostCheck(false);
            http.addCustomizer(secure);
            connector = new ServerConnector(server, this.tls, new HttpConnectionFactory(http));
        }
        connector.setHost(bind);
        connector.setPort(port);
        connector.setIdleTimeout(config.headerReadTimeout().toMillis());
        server.addConnector(connector);
        // pods/exec: kubectl's WebSocket ends here (ApiResponse#upgrade); a quiet session lives as long as a stream
        ServerWebSocketContainer websockets = ServerWebSocketContainer.ensure(server);
        websockets.setIdleTimeout(STREAM_SILENCE);
        Handler apiHandler = new ApiHandler(api, config, websockets);
        server.setHandler(extensions.isEmpty() ? apiHandler : new ExtensionsBeside(extensions, apiHandler));
        server.setErrorHandler(new StatusErrorHandler()); // Jetty's own 400/414/431 as a Status
    }

    /**
     * Refuses a bind address a server must not listen on: a non-loopback one without TLS.
     *
     * @throws IllegalArgumentException saying why and what to do instead
     */
    public static void checkBind(String bind, boolean tls) {
        boolean loopback;
        try {
            loopback = InetAddress.getByName(bind).isLoopbackAddress();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot resolve bind address " + bind + ": " + e.getMessage());
        }
        if (!loopback && !tls) {
            throw new IllegalArgumentException("refusing to bind " + bind + " without TLS: credentials and"
                    + " Secrets would cross the network in clear text, and whoever reaches the API can run"
                    + " processes on every node; serve TLS (as everynode server and up do) or bind a loopback"
                    + " address such as 127.0.0.1");
        }
    }

    /**
     * Serves new connections with {@code key} and {@code chain} (a renewed serving certificate)
     * without a restart; connections already open keep the certificate they were made with.
     */
    public void reloadCertificate(PrivateKey key, List<X509Certificate> chain) {
        if (tls == null) throw new IllegalStateException("this front serves plain HTTP");
        try {
            tls.reload(f -> f.setKeyStore(keyStore(key, chain)));
        } catch (Exception e) {
            throw new IllegalStateException("could not load the renewed serving certificate: " + e.getMessage(), e);
        }
    }

    /** Whether this front serves TLS. */
    public boolean secure() {
        return tls != null;
    }

    private static SslContextFactory.Server sslContextFactory(ServingTls tls) {
        SslContextFactory.Server f = new SslContextFactory.Server();
        f.setKeyStore(keyStore(tls.key(), tls.chain()));
        f.setKeyStorePassword(new String(IN_MEMORY));
        if (!tls.clientCas().isEmpty()) {
            f.setTrustStore(trustStore(tls.clientCas()));
            f.setWantClientAuth(true);
        }
        return f;
    }

    private static KeyStore keyStore(PrivateKey key, List<X509Certificate> chain) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("serving", key, IN_MEMORY, chain.toArray(new X509Certificate[0]));
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("unusable serving key or certificate: " + e.getMessage(), e);
        }
    }

    private static KeyStore trustStore(List<X509Certificate> cas) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            for (int i = 0; i < cas.size(); i++) ks.setCertificateEntry("ca-" + i, cas.get(i));
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("unusable client CA: " + e.getMessage(), e);
        }
    }

    public void start() throws Exception {
        server.start();
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** Stops the server and waits for it; an interrupted wait keeps the thread's interrupt flag. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the HTTP server", e);
        }
    }

    /**
     * Hands a request under an extension's prefix to that extension and every other to the API;
     * the extensions' handlers are managed beans, started and stopped with the server.
     */
    private static final class ExtensionsBeside extends Handler.Wrapper {
        private final List<FrontExtension> extensions;

        ExtensionsBeside(List<FrontExtension> extensions, Handler api) {
            super(api);
            this.extensions = List.copyOf(extensions);
            for (FrontExtension e : this.extensions) addBean(e.handler(), true);
        }

        @Override
        public void setServer(Server server) {
            super.setServer(server);
            for (FrontExtension e : extensions) e.handler().setServer(server);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String path = request.getHttpURI().getPath();
            for (FrontExtension e : extensions) {
                if (e.isBare(path)) {
                    Response.sendRedirect(request, response, callback, e.pathPrefix());
                    return true;
                }
                if (e.serves(path)) return e.handler().handle(request, response, callback);
            }
            return super.handle(request, response, callback);
        }
    }

    private static final class ApiHandler extends Handler.Abstract {
        private final ApiServer api;
        private final ApiServerConfig config;
        private final InflightLimits limits;
        private final ServerWebSocketContainer websockets;

        ApiHandler(ApiServer api, ApiServerConfig config, ServerWebSocketContainer websockets) {
            this.websockets = websockets;
            this.api = api;
            this.config = config;
            this.limits = new InflightLimits(config.maxRequestsInflight(), config.maxMutatingRequestsInflight());
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
            List<X509Certificate> peer = peerCertificates(request);
            ApiRequest head = new ApiRequest(
                    request.getMethod().toUpperCase(Locale.ROOT),
                    request.getHttpURI().getDecodedPath(),
                    query,
                    headers,
                    null,
                    peer,
                    null);
            Optional<InflightLimits.Permit> permit = limits.tryAcquire(head);
            if (permit.isEmpty()) {
                new JettyResponse(request, response, callback, null).refuse(tooManyRequests(), "Retry-After", "1");
                return true;
            }
            JettyResponse out = new JettyResponse(request, response, releasing(callback, permit.get()), websockets);
            BodyReader.read(
                    request, config.maxRequestBytes(), config.bodyReadTimeout().toMillis(), new BodyReader.Outcome() {
                        @Override
                        public void body(byte[] body) {
                            out.serve(() -> api.handle(
                                    new ApiRequest(head.method(), head.path(), query, headers, body, peer, null)
                                            .withRemoteAddress(Request.getRemoteAddr(request)),
                                    out));
                        }

                        @Override
                        public void tooLarge() {
                            out.serve(() -> api.refuseTooLarge(out));
                        }

                        @Override
                        public void tooSlow() {
                            out.refuse(
                                    Statuses.failure(
                                            408,
                                            "Timeout",
                                            "the request body did not arrive within "
                                                    + config.bodyReadTimeout().toSeconds() + "s",
                                            null),
                                    "Connection",
                                    "close");
                        }

                        @Override
                        public void failed(Throwable failure) {
                            out.fail(failure);
                        }
                    });
            return true;
        }

        /** The client certificate chain the TLS handshake verified (leaf first); empty on plain HTTP or without one. */
        private static List<X509Certificate> peerCertificates(Request request) {
            if (!(request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData ssl))
                return List.of();
            X509Certificate[] chain = ssl.peerCertificates();
            return chain == null ? List.of() : List.of(chain);
        }

        private static ApiException tooManyRequests() {
            ObjectNode details = Json.object();
            details.put("retryAfterSeconds", 1);
            return Statuses.failure(429, "TooManyRequests", "Too many requests, please try again later.", details);
        }

        /** Frees the in-flight slot when the exchange ends, however it ends. */
        private static Callback releasing(Callback callback, InflightLimits.Permit permit) {
            return new Callback() {
                @Override
                public void succeeded() {
                    permit.release();
                    callback.succeeded();
                }

                @Override
                public void failed(Throwable x) {
                    permit.release();
                    callback.failed(x);
                }
            };
        }
    }

    /**
     * One exchange's answer. A whole answer completes the exchange when the API returns; a
     * stream completes it when closed, which may be long after (a watch).
     */
    private static final class JettyResponse implements ApiResponse {
        private final Request request;
        private final Response response;
        private final Callback exchange;
        /** Upgrades pods/exec requests; null where the front has none. */
        private final ServerWebSocketContainer websockets;

        private final AtomicBoolean completed = new AtomicBoolean();
        private volatile boolean streaming;
        private volatile boolean clientGone;
        private volatile Runnable goneListener;

        JettyResponse(Request request, Response response, Callback exchange, ServerWebSocketContainer websockets) {
            this.websockets = websockets;
            this.request = request;
            this.response = response;
            this.exchange = exchange;
        }

        /** Runs the API on this exchange; completes it unless the API opened a stream. */
        void serve(Runnable handling) {
            try {
                handling.run();
            } catch (Throwable t) {
                fail(t);
                return;
            }
            if (!streaming) succeed();
        }

        /** Answers a refusal Status with one extra header and completes the exchange. */
        void refuse(ApiException e, String header, String value) {
            response.getHeaders().put(header, value);
            send(e.code(), "application/json", Json.bytes(e.status()));
            succeed();
        }

        private void succeed() {
            if (completed.compareAndSet(false, true)) exchange.succeeded();
        }

        void fail(Throwable t) {
            if (completed.compareAndSet(false, true)) exchange.failed(t);
        }

        /**
         * Watches the connection for the client closing it while a stream is idle. Jetty does
         * not read during a streamed answer, so nothing else would notice before the next write;
         * an HTTP/1.1 client sends nothing during a streamed answer, so any read here is the
         * end of the connection.
         */
        private void detectClientClose() {
            EndPoint ep = endPoint();
            ep.tryFillInterested(Callback.from(
                    () -> {
                        try {
                            int n = ep.fill(BufferUtil.allocate(64));
                            if (n < 0) clientLeft();
                            else if (!clientGone) detectClientClose();
                        } catch (IOException e) {
                            clientLeft();
                        }
                    },
                    failure -> clientLeft()));
        }

        private void clientLeft() {
            clientGone = true;
            Runnable l = goneListener;
            if (l != null) l.run();
        }

        private EndPoint endPoint() {
            return request.getConnectionMetaData().getConnection().getEndPoint();
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
        public boolean upgrade(String subprotocol, Tunnel tunnel) {
            if (websockets == null || !completed.compareAndSet(false, true)) return false;
            streaming = true; // the upgrade completes the exchange, not serve()
            boolean upgraded;
            try {
                upgraded = websockets.upgrade(
                        (req, resp, cb) -> {
                            resp.setAcceptedSubProtocol(subprotocol);
                            return new WebSocketTunnel(tunnel);
                        },
                        request,
                        response,
                        exchange);
            } catch (RuntimeException e) {
                upgraded = false;
            }
            if (!upgraded) {
                streaming = false;
                completed.set(false);
            }
            return upgraded;
        }

        @Override
        public Stream stream(int status, String contentType) throws IOException {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache, private");
            // The connection is not reused after a stream: detectClientClose() reads from it.
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            endPoint().setIdleTimeout(STREAM_SILENCE.toMillis());
            // Commit the headers now so the client sees the stream start before the first event.
            try (Blocker.Callback cb = Blocker.callback()) {
                response.write(false, ByteBuffer.allocate(0), cb);
                cb.block();
            }
            streaming = true;
            detectClientClose();
            return new JettyStream();
        }

        private final class JettyStream implements Stream {
            private final AtomicBoolean open = new AtomicBoolean(true);
            private final AtomicBoolean closed = new AtomicBoolean();

            @Override
            public void write(byte[] chunk) throws IOException {
                try (Blocker.Callback cb = Blocker.callback()) {
                    response.write(false, ByteBuffer.wrap(chunk), cb);
                    cb.block();
                } catch (IOException e) {
                    open.set(false);
                    throw e;
                }
            }

            @Override
            public void write(byte[] chunk, Consumer<IOException> done) {
                response.write(
                        false,
                        ByteBuffer.wrap(chunk),
                        Callback.from(
                                () -> done.accept(null),
                                failure -> done.accept(
                                        failure instanceof IOException io ? io : new IOException(failure))));
            }

            @Override
            public boolean isOpen() {
                return open.get() && !clientGone;
            }

            @Override
            public void onClientGone(Runnable listener) {
                goneListener = listener;
                if (clientGone) listener.run();
            }

            @Override
            public void allowSilence(Duration quiet) {
                endPoint().setIdleTimeout(Math.max(quiet.toMillis(), 1));
            }

            @Override
            public void abort() {
                clientGone = true;
                endPoint().close(new IOException("the client did not keep up with the stream"));
            }

            @Override
            public void close() {
                if (!closed.compareAndSet(false, true)) return;
                open.set(false);
                response.write(
                        true,
                        ByteBuffer.allocate(0),
                        Callback.from(JettyResponse.this::succeed, JettyResponse.this::fail));
            }
        }
    }
}
