package io.everynode.agent.logs;

import io.everynode.agent.endpointauth.EndpointGuard;
import io.everynode.agent.endpointauth.EndpointSecurity;
import java.time.Clock;
import java.util.List;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * A node agent's endpoint (the kubelet's port): today the log route, the kubelet's
 * {@code GET /containerLogs/{namespace}/{pod}/{container}} with {@code follow}, {@code previous},
 * {@code tailLines}, {@code limitBytes}, {@code sinceSeconds}/{@code sinceTime} and
 * {@code timestamps}, read from the runtime's log file in the CRI format (see {@link LogStreamer}). The
 * API server proxies {@code pods/log} here. Routes live in one table ({@link EndpointRoutes}).
 *
 * <pre>{@code
 * LogServer logs = LogServer.start("127.0.0.1", 0, source, clock, security);
 * node status.daemonEndpoints.kubeletEndpoint.Port = logs.port();   // at the node's InternalIP
 * }</pre>
 *
 * <p>Secure ({@link EndpointSecurity}, what every agent of a TLS cluster runs): HTTPS with the
 * agent's serving certificate; a client certificate is wanted and must chain to the cluster CA
 * (one that does not fails the handshake); a request without one is 401 {@code Unauthorized}, and
 * one whose caller may not act on the node ({@link EndpointGuard}) 403 with the kubelet's
 * {@code Forbidden (user=..., verb=..., resource=nodes, subresource(s)=[...])}. Plain HTTP, with
 * no checks, only for control planes without TLS (tests and in-process setups on loopback).
 *
 * <p>Answers: 200 {@code text/plain} with the log; 400 with the kubelet's wording when there is
 * nothing to serve yet (waiting to start, no previous instance) or the query is bad; 404 when no
 * node behind this endpoint runs the pod, or its runtime keeps no log for the container. Error
 * bodies are plain text, as the kubelet's are. Several agents of one process may share one
 * endpoint (pods are unique by namespace and name).
 *
 * <p>Served by Jetty (12, as the API server): it does TLS with a certificate that changes under
 * it, and HTTP upgrades, which exec, attach and port-forward will need and the JDK's own server
 * cannot do. Requests run on a pool of daemon threads, at most {@link #MAX_THREADS}; only a
 * followed log holds a thread, for as long as it is followed. {@link #close()} stops the server.
 */
public final class LogServer implements AutoCloseable {
    /** At most this many requests are answered at once. */
    static final int MAX_THREADS = 200;
    /** How long a connection may stay quiet: a followed log of a quiet container writes nothing for long. */
    private static final long IDLE_MILLIS = 3_600_000L;

    private final Server server;
    private final ServerConnector connector;

    private LogServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /** Binds {@code bind:port} (port 0: any free port) and serves {@code source}'s pods over plain HTTP, unchecked. */
    public static LogServer start(String bind, int port, LogSource source, Clock clock) {
        return start(bind, port, source, clock, null);
    }

    /**
     * Binds {@code bind:port} (port 0: any free port) and serves {@code source}'s pods, over HTTPS
     * with the checks {@code security} sets, or (null) over plain HTTP.
     */
    public static LogServer start(String bind, int port, LogSource source, Clock clock, EndpointSecurity security) {
        QueuedThreadPool pool = new QueuedThreadPool(MAX_THREADS, 2);
        pool.setName("agent-endpoint");
        pool.setDaemon(true);
        // Jetty's own scheduler is not a daemon by default: an agent's endpoint never keeps its JVM alive.
        Server server = new Server(pool, new ScheduledExecutorScheduler("agent-endpoint-scheduler", true), null);
        ServerConnector connector = security == null
                ? new ServerConnector(server, 1, 1)
                : new ServerConnector(
                        server,
                        1,
                        1,
                        new SslConnectionFactory(tls(security), "http/1.1"),
                        new HttpConnectionFactory(secureHttp()));
        connector.setHost(bind);
        connector.setPort(port);
        connector.setIdleTimeout(IDLE_MILLIS);
        server.addConnector(connector);
        List<EndpointRoutes.Route> routes = List.of(
                new LogRequests(source, clock).route(),
                new io.everynode.agent.stream.ExecRequests(source, server).route(),
                new io.everynode.agent.stream.AttachRequests(source, clock, server).route(),
                new io.everynode.agent.portforward.PortForwardRequests(source, server).route());
        server.setHandler(
                new EndpointRoutes(routes, security == null ? null : new EndpointGuard(security.authorizer())));
        LogServer s = new LogServer(server, connector);
        try {
            server.start();
        } catch (Exception e) {
            s.close();
            throw new IllegalStateException("cannot serve logs on " + bind + ":" + port + ": " + e.getMessage(), e);
        }
        return s;
    }

    private static SslContextFactory.Server tls(EndpointSecurity security) {
        SslContextFactory.Server f = new SslContextFactory.Server();
        f.setSslContext(security.sslContext());
        // wanted, not needed: a request without one gets the kubelet's 401, not a failed handshake
        f.setWantClientAuth(true);
        return f;
    }

    private static HttpConfiguration secureHttp() {
        HttpConfiguration http = new HttpConfiguration();
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // The API server dials the node's IP and sends no SNI; it checks the certificate's SANs itself.
        secure.setSniHostCheck(false);
        http.addCustomizer(secure);
        return http;
    }

    /** The port bound. */
    public int port() {
        return connector.getLocalPort();
    }

    /** Stops accepting and closes the open connections (followed logs end); idempotent. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            // stopping anyway
        }
    }
}
