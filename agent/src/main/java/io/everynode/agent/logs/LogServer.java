package io.everynode.agent.logs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A node agent's log endpoint, the kubelet's {@code GET /containerLogs/{namespace}/{pod}/{container}}
 * with {@code follow}, {@code previous}, {@code tailLines}, {@code limitBytes},
 * {@code sinceSeconds}/{@code sinceTime} and {@code timestamps} (see {@link LogStreamer} for how
 * timestamps and since are approximated). The API server proxies {@code pods/log} here.
 *
 * <pre>{@code
 * LogServer logs = LogServer.start("127.0.0.1", 0, source, clock);
 * node status.daemonEndpoints.kubeletEndpoint.Port = logs.port();   // at the node's InternalIP
 * }</pre>
 *
 * <p>Answers: 200 {@code text/plain} with the log; 400 with the kubelet's wording when there is
 * nothing to serve yet (waiting to start, no previous instance) or the query is bad; 404 when no
 * node behind this endpoint runs the pod, or its runtime keeps no log for the container. Error
 * bodies are plain text, as the kubelet's are. Several agents of one process may share one
 * endpoint (pods are unique by namespace and name).
 *
 * <p>Served by the JDK's own HTTP server (module {@code jdk.httpserver}), so the agent carries no
 * HTTP server library. Requests run on a pool this object owns: daemon threads, at most
 * {@link #MAX_THREADS}, idle ones retired; a followed log holds a thread for as long as it is
 * followed, and requests beyond the bound wait their turn. {@link #close()} stops the server and
 * interrupts what is still streaming.
 */
public final class LogServer implements AutoCloseable {
    /** At most this many requests are answered at once (the Jetty pool this replaced had the same bound). */
    static final int MAX_THREADS = 200;

    private final HttpServer server;
    private final ExecutorService pool;

    private LogServer(HttpServer server, ExecutorService pool) {
        this.server = server;
        this.pool = pool;
    }

    /** Binds {@code bind:port} (port 0: any free port) and serves {@code source}'s pods. */
    public static LogServer start(String bind, int port, LogSource source, Clock clock) {
        ExecutorService pool = pool();
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(bind, port), 0);
        } catch (IOException | RuntimeException e) {
            pool.shutdownNow();
            throw new IllegalStateException("cannot serve logs on " + bind + ":" + port + ": " + e.getMessage(), e);
        }
        server.setExecutor(pool);
        server.createContext("/", new LogRequests(new LogStreamer(source, clock), clock));
        startAsDaemon(server);
        return new LogServer(server, pool);
    }

    /** The port bound. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops accepting, closes the open connections and interrupts followed logs; idempotent. */
    @Override
    public void close() {
        try {
            server.stop(0);
        } catch (IllegalStateException e) {
            // already stopped
        }
        pool.shutdownNow();
    }

    private static ExecutorService pool() {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                MAX_THREADS, MAX_THREADS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "agent-logs-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * The JDK's server makes its dispatcher thread as daemon as the thread that starts it; started
     * from a daemon thread, an agent's log endpoint never keeps its JVM alive (as Jetty's daemon
     * pool did not).
     */
    private static void startAsDaemon(HttpServer server) {
        Thread starter = new Thread(server::start, "agent-logs-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One answer over the JDK server: a plain-text error, or a 200 whose chunks are written as they come. */
    static final class ExchangeAnswer implements LogStreamer.Answer {
        private final HttpExchange exchange;
        private volatile boolean clientGone;

        ExchangeAnswer(HttpExchange exchange) {
            this.exchange = exchange;
        }

        @Override
        public void error(int status, String message) throws IOException {
            byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }

        @Override
        public LogWriter.Sink begin() throws IOException {
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.getResponseHeaders().set("Cache-Control", "no-cache, private");
            // Length 0: chunked, each write reaches the client as it is flushed.
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.flush();
            return bytes -> {
                try {
                    out.write(bytes);
                    out.flush();
                } catch (IOException e) {
                    clientGone = true;
                    throw e;
                }
            };
        }

        /**
         * True once a write failed. The JDK's server gives a handler no way to watch the
         * connection, so a client that goes away is noticed at the next write (the next line of a
         * followed log), when the instance ends, or when the server closes.
         */
        @Override
        public boolean clientGone() {
            return clientGone;
        }
    }
}
