package io.everynode.agent.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
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
 * endpoint (pods are unique by namespace and name). Requests run on a small pool; only a
 * followed log holds a thread, for as long as it is followed.
 */
public final class LogServer implements AutoCloseable {
    private static final String PREFIX = "/containerLogs/";

    private final Server server;
    private final ServerConnector connector;

    private LogServer(String bind, int port, LogSource source, Clock clock) {
        QueuedThreadPool pool = new QueuedThreadPool(200, 2);
        pool.setName("agent-logs");
        pool.setDaemon(true);
        server = new Server(pool);
        connector = new ServerConnector(server, 1, 1);
        connector.setHost(bind);
        connector.setPort(port);
        connector.setIdleTimeout(3_600_000L);
        server.addConnector(connector);
        server.setHandler(new LogHandler(new LogStreamer(source, clock), clock));
    }

    /** Binds {@code bind:port} (port 0: any free port) and serves {@code source}'s pods. */
    public static LogServer start(String bind, int port, LogSource source, Clock clock) {
        LogServer s = new LogServer(bind, port, source, clock);
        try {
            s.server.start();
        } catch (Exception e) {
            s.close();
            throw new IllegalStateException("cannot serve logs on " + bind + ":" + port + ": " + e.getMessage(), e);
        }
        return s;
    }

    /** The port bound. */
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            // stopping anyway
        }
    }

    private static final class LogHandler extends Handler.Abstract {
        private final LogStreamer streamer;
        private final Clock clock;

        LogHandler(LogStreamer streamer, Clock clock) {
            this.streamer = streamer;
            this.clock = clock;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            JettyAnswer answer = new JettyAnswer(request, response);
            try {
                String path = request.getHttpURI().getDecodedPath();
                String[] parts = path.startsWith(PREFIX) ? path.substring(PREFIX.length()).split("/", -1) : new String[0];
                if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
                    answer.error(404, "404 page not found: expected /containerLogs/{namespace}/{pod}/{container}");
                } else if (!"GET".equals(request.getMethod())) {
                    answer.error(405, "only GET is served");
                } else {
                    Fields query = Request.extractQueryParameters(request);
                    LogOptions opts;
                    try {
                        opts = LogOptions.parse(query::getValue, clock.instant());
                    } catch (LogOptions.BadQuery e) {
                        answer.error(400, e.getMessage());
                        callback.succeeded();
                        return true;
                    }
                    streamer.serve(parts[0], parts[1], parts[2], opts, answer);
                }
                answer.end();
                callback.succeeded();
            } catch (Throwable t) {
                callback.failed(t);
            }
            return true;
        }
    }

    /** One answer over Jetty: a plain-text error, or a 200 whose chunks are written as they come. */
    private static final class JettyAnswer implements LogStreamer.Answer {
        private final Request request;
        private final Response response;
        private volatile boolean clientGone;
        private boolean started;
        private boolean ended;

        JettyAnswer(Request request, Response response) {
            this.request = request;
            this.response = response;
        }

        @Override
        public void error(int status, String message) throws IOException {
            byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            write(true, body);
            ended = true;
        }

        @Override
        public LogWriter.Sink begin() throws IOException {
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache, private");
            // The connection is not reused: watchForClose() reads from it while the log streams.
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            write(false, new byte[0]);
            started = true;
            watchForClose();
            return bytes -> {
                try {
                    write(false, bytes);
                } catch (IOException e) {
                    clientGone = true;
                    throw e;
                }
            };
        }

        @Override
        public boolean clientGone() {
            return clientGone;
        }

        void end() throws IOException {
            if (started && !ended) {
                ended = true;
                try {
                    write(true, new byte[0]);
                } catch (IOException e) {
                    // the client went away
                }
            }
        }

        private void write(boolean last, byte[] bytes) throws IOException {
            try (Blocker.Callback cb = Blocker.callback()) {
                response.write(last, ByteBuffer.wrap(bytes), cb);
                cb.block();
            }
        }

        /**
         * Notices the client closing the connection while a followed log is idle: an HTTP/1.1
         * client sends nothing during the answer, so any read here is the end of the connection.
         */
        private void watchForClose() {
            EndPoint ep = request.getConnectionMetaData().getConnection().getEndPoint();
            ep.tryFillInterested(Callback.from(() -> {
                try {
                    int n = ep.fill(BufferUtil.allocate(64));
                    if (n < 0) clientGone = true;
                    else if (!clientGone) watchForClose();
                } catch (IOException e) {
                    clientGone = true;
                }
            }, failure -> clientGone = true));
        }
    }
}
