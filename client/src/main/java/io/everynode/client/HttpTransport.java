package io.everynode.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;

/**
 * Calls the API over HTTP/1.1 or HTTPS with the JDK's {@link HttpClient} (which checks the
 * server certificate's names against the URL's host), optionally sending a bearer token. Whole exchanges time out
 * after {@code requestTimeout}. A stream's answer (status line and headers) must come within
 * {@code requestTimeout} too, so that a server that accepts connections and says nothing (a
 * stopped process) fails the request and a {@link FailoverTransport} moves on; its body then has
 * no time limit of its own (the server ends a watch after its {@code timeoutSeconds}) and is read
 * line by line as chunks arrive, except that a watch which asked for bookmarks
 * ({@code allowWatchBookmarks=true}) and then stays silent for {@code watchIdleTimeout} ends with
 * an {@link HttpTimeoutException}: the server writes a bookmark every 30 s on such a watch, so
 * that silence means the server or the way to it is gone. (client-go gets the same from HTTP/2
 * pings; this client speaks HTTP/1.1, where the server's bookmarks are the heartbeat.)
 */
public final class HttpTransport implements Transport {
    private final URI base;
    private final Duration requestTimeout;
    private final Duration watchIdleTimeout;
    private final Clock clock;
    private final String userAgent;
    private final String authorization;
    private final Set<Transport.Lines> open = ConcurrentHashMap.newKeySet();
    /** Replaced by {@link #renewTls}; each exchange reads it once. */
    private volatile HttpClient http;

    private volatile boolean closed;

    /** @param base e.g. {@code http://127.0.0.1:6443}; a path on it is kept as a prefix */
    public HttpTransport(URI base) {
        this(base, ClientConfig.defaults());
    }

    public HttpTransport(URI base, ClientConfig config) {
        this(base, config, null, null);
    }

    /**
     * @param ssl the TLS settings for an https base (trusted CAs, a client certificate), or null
     *     for the JDK's defaults
     * @param bearerToken sent as {@code Authorization: Bearer ...} with every request, or null
     */
    public HttpTransport(URI base, ClientConfig config, SSLContext ssl, String bearerToken) {
        this(base, config, ssl, bearerToken, Clock.systemUTC());
    }

    /** @param clock measures how long a watch stayed silent ({@link ClientConfig#watchIdleTimeout()}) */
    public HttpTransport(URI base, ClientConfig config, SSLContext ssl, String bearerToken, Clock clock) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.requestTimeout = config.requestTimeout();
        this.watchIdleTimeout = config.watchIdleTimeout();
        this.clock = clock;
        this.userAgent = config.userAgent();
        this.authorization = bearerToken == null || bearerToken.isEmpty() ? null : "Bearer " + bearerToken;
        this.http = newClient(ssl);
    }

    private HttpClient newClient(SSLContext ssl) {
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(requestTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (ssl != null) b.sslContext(ssl);
        return b.build();
    }

    /**
     * Calls from now on with {@code ssl} (a rotated client certificate, say), without a new
     * transport: later exchanges open connections of a new client, and the open streams
     * (watches) are closed so that their owners reconnect with it, as client-go closes its
     * connections when a kubelet's certificate rotates. An exchange in flight finishes on the old
     * connection.
     */
    public void renewTls(SSLContext ssl) {
        this.http = newClient(ssl);
        for (Transport.Lines l : List.copyOf(open)) l.close();
    }

    /** A transport to the server of {@code kubeconfig}, with its CA, client certificate and token. */
    public static HttpTransport of(Kubeconfig kubeconfig, ClientConfig config) {
        return new HttpTransport(kubeconfig.server(), config, kubeconfig.sslContext(), kubeconfig.token());
    }

    @Override
    public Response send(Request request) throws IOException {
        checkOpen();
        HttpRequest req = build(request).timeout(requestTimeout).build();
        try {
            HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            return new Response(
                    r.statusCode(), r.headers().firstValue("content-type").orElse(null), r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted during " + request.method() + " " + request.path());
        }
    }

    @Override
    public Streamed stream(Request request) throws IOException {
        checkOpen();
        HttpResponse<InputStream> r = answer(build(request).build(), request.path());
        String contentType = r.headers().firstValue("content-type").orElse(null);
        if (r.statusCode() < 200 || r.statusCode() >= 300) {
            try (InputStream in = r.body()) {
                return new Streamed(new Response(r.statusCode(), contentType, in.readAllBytes()), null);
            }
        }
        boolean guarded = !watchIdleTimeout.isZero()
                && request.query()
                        .getOrDefault("allowWatchBookmarks", List.of())
                        .contains("true");
        Transport.Lines lines = new HttpLines(r.body(), guarded ? watchIdleTimeout : null);
        open.add(lines);
        if (closed) lines.close();
        return new Streamed(null, lines);
    }

    /**
     * Sends a stream's request and waits {@code requestTimeout} for its answer, not for its body
     * (the JDK's own request timeout, on a streamed body, also ends the body).
     */
    private HttpResponse<InputStream> answer(HttpRequest req, String path) throws IOException {
        CompletableFuture<HttpResponse<InputStream>> pending =
                http.sendAsync(req, HttpResponse.BodyHandlers.ofInputStream());
        try {
            return pending.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new HttpTimeoutException("no answer to " + path + " within " + requestTimeout);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            throw new IOException("opening " + path + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while opening " + path);
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Transport.Lines l : List.copyOf(open)) l.close();
    }

    private void checkOpen() throws IOException {
        if (closed) throw new IOException("the transport is closed");
    }

    private HttpRequest.Builder build(Request r) {
        HttpRequest.BodyPublisher body = r.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(r.body());
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + r.path() + query(r.query())))
                .method(r.method(), body)
                .header("Accept", "application/json")
                .header("User-Agent", userAgent);
        if (r.contentType() != null) b.header("Content-Type", r.contentType());
        if (authorization != null) b.header("Authorization", authorization);
        return b;
    }

    /** Encodes the query; names of Kubernetes objects need no escaping in the path. */
    static String query(Map<String, List<String>> query) {
        if (query.isEmpty()) return "";
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            for (String v : e.getValue()) {
                sb.append(sb.length() == 0 ? '?' : '&')
                        .append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
                        .append('=')
                        .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        }
        return sb.toString();
    }

    /**
     * Lines of a chunked body. Closing the body stream may not wake a reader blocked inside the
     * JDK client, so the reading thread is remembered and interrupted too. With an idle timeout,
     * a {@link ReadIdleTimer} closes the lines after that much silence and the read fails with
     * an {@link HttpTimeoutException} instead of ending quietly.
     */
    private final class HttpLines implements Transport.Lines {
        private final InputStream in;
        private final BufferedReader reader;
        private final ReadIdleTimer idle;
        private volatile Thread readerThread;
        private volatile boolean done;
        private volatile boolean idled;

        /** @param idleTimeout null: no limit on silence */
        HttpLines(InputStream in, Duration idleTimeout) {
            this.in = in;
            this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            this.idle = idleTimeout == null
                    ? null
                    : new ReadIdleTimer(clock, idleTimeout, () -> {
                                idled = true;
                                close();
                            })
                            .start();
        }

        @Override
        public String next() throws IOException {
            if (done) return end();
            readerThread = Thread.currentThread();
            try {
                String line = reader.readLine();
                if (idle != null) idle.touch();
                return line == null && done ? end() : line;
            } catch (IOException e) {
                if (done) return end();
                throw e;
            } finally {
                readerThread = null;
            }
        }

        /** After a close: the quiet end of the stream, or the idle timeout that closed it. */
        private String end() throws HttpTimeoutException {
            if (idled)
                throw new HttpTimeoutException("the watch was silent for longer than " + idle.timeout()
                        + " (no event and no bookmark): the server or the way to it is taken for gone");
            return null;
        }

        @Override
        public void close() {
            if (done) return;
            done = true;
            if (idle != null) idle.stop();
            open.remove(this);
            Thread t = readerThread;
            if (t != null) t.interrupt();
            try {
                in.close();
            } catch (IOException e) {
                // closing a cancelled exchange; nothing more to release
            }
        }
    }
}
