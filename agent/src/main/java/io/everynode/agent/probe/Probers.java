package io.everynode.agent.probe;

import io.everynode.agent.ContainerRuntime;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HTTPHeader;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The probe mechanisms, shared by every agent of a process (one HTTP client and a small pool,
 * never a thread per container): httpGet through the JDK's asynchronous HTTP client, tcpSocket
 * and exec on the pool, each answering a future that completes within the probe's timeout.
 *
 * <ul>
 *   <li>httpGet: {@code scheme://host:port/path}, host defaulting to the pod IP, a named port
 *       resolved among the container's ports; HTTPS without certificate or host name checks (as
 *       the kubelet); headers {@code User-Agent: kube-probe/1.35} and {@code Accept: *}{@code /*}
 *       unless httpHeaders set them; success is a status of 200 to 399. Redirects are not
 *       followed: a 3xx counts as success, as the kubelet counts a redirect to another host.</li>
 *   <li>tcpSocket: a connection accepted within the timeout.</li>
 *   <li>exec: {@link ContainerRuntime#exec}; exit code 0 is success.</li>
 *   <li>grpc: the gRPC health protocol is not implemented; the probe checks that the port
 *       accepts a TCP connection (the agent says so once per container in a ProbeWarning event).</li>
 * </ul>
 */
public final class Probers implements AutoCloseable {
    static final String USER_AGENT = "kube-probe/1.35";
    /** Threads for blocking probes (tcpSocket, exec): each waits at most its probe's timeout. */
    static final int POOL_THREADS = 4;

    private final ExecutorService pool;
    private volatile HttpClient http;

    public Probers() {
        ThreadPoolExecutor p = new ThreadPoolExecutor(
                POOL_THREADS, POOL_THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "agent-probe");
                    t.setDaemon(true);
                    return t;
                });
        p.allowCoreThreadTimeOut(true);
        this.pool = p;
    }

    /** Where a probe is aimed: the pod's IP and the container (for named ports and exec). */
    record Target(String uid, String podIP, Container container) {}

    /** Runs one attempt of {@code probe} against {@code target}. Never completes exceptionally. */
    CompletableFuture<ProbeResult> run(Probe probe, Duration timeout, Target target, ContainerRuntime runtime) {
        try {
            if (probe.getHttpGet() != null) return httpGet(probe.getHttpGet(), timeout, target);
            if (probe.getTcpSocket() != null) {
                String host = blank(probe.getTcpSocket().getHost())
                        ? target.podIP()
                        : probe.getTcpSocket().getHost();
                int port = port(probe.getTcpSocket().getPort(), target.container());
                return async(() -> tcp(host, port, timeout));
            }
            if (probe.getGrpc() != null) {
                int port =
                        probe.getGrpc().getPort() == null ? 0 : probe.getGrpc().getPort();
                return async(() -> tcp(target.podIP(), port, timeout));
            }
            if (probe.getExec() != null) {
                List<String> cmd = probe.getExec().getCommand() == null
                        ? List.of()
                        : probe.getExec().getCommand();
                return async(() -> exec(runtime, target, cmd, timeout));
            }
            return CompletableFuture.completedFuture(
                    new ProbeResult(ProbeResult.Outcome.UNKNOWN, "probe has no handler"));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(ProbeResult.failure(e.getMessage()));
        }
    }

    private CompletableFuture<ProbeResult> async(java.util.function.Supplier<ProbeResult> work) {
        try {
            return CompletableFuture.supplyAsync(work, pool);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(new ProbeResult(ProbeResult.Outcome.UNKNOWN, "shutting down"));
        }
    }

    // ---- httpGet -----------------------------------------------------------------------------

    private CompletableFuture<ProbeResult> httpGet(HTTPGetAction a, Duration timeout, Target target) {
        String scheme = blank(a.getScheme()) ? "http" : a.getScheme().toLowerCase(Locale.ROOT);
        String host = blank(a.getHost()) ? target.podIP() : a.getHost();
        int port = port(a.getPort(), target.container());
        String path = blank(a.getPath()) ? "/" : a.getPath().startsWith("/") ? a.getPath() : "/" + a.getPath();
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        String url = scheme + "://" + hostPart + ":" + port + path;
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(ProbeResult.failure("invalid probe URL " + url));
        }
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).GET().timeout(timeout);
        boolean agent = false;
        boolean accept = false;
        if (a.getHttpHeaders() != null) {
            for (HTTPHeader h : a.getHttpHeaders()) {
                if (blank(h.getName())) continue;
                agent |= h.getName().equalsIgnoreCase("User-Agent");
                accept |= h.getName().equalsIgnoreCase("Accept");
                try {
                    req.header(h.getName(), h.getValue() == null ? "" : h.getValue());
                } catch (IllegalArgumentException restricted) {
                    // Headers the JDK client sets itself (Host, Connection, ...) are left to it.
                }
            }
        }
        if (!agent) req.header("User-Agent", USER_AGENT);
        if (!accept) req.header("Accept", "*/*");
        return client().sendAsync(req.build(), HttpResponse.BodyHandlers.discarding())
                .handle((resp, err) -> {
                    if (err == null) {
                        int code = resp.statusCode();
                        return code >= 200 && code < 400
                                ? ProbeResult.success()
                                : ProbeResult.failure("HTTP probe failed with statuscode: " + code);
                    }
                    Throwable cause =
                            err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
                    return ProbeResult.failure("Get \"" + url + "\": " + httpError(cause, host, port));
                });
    }

    private static String httpError(Throwable cause, String host, int port) {
        if (cause instanceof HttpTimeoutException)
            return "context deadline exceeded (Client.Timeout exceeded while awaiting headers)";
        if (cause instanceof ConnectException) return "dial tcp " + host + ":" + port + ": connect: connection refused";
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private HttpClient client() {
        HttpClient c = http;
        if (c == null) {
            synchronized (this) {
                c = http;
                if (c == null) {
                    c = HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .sslContext(trustingEverything())
                            .executor(pool)
                            .build();
                    http = c;
                }
            }
        }
        return c;
    }

    /**
     * The kubelet probes HTTPS without verifying the certificate. An extended trust manager also
     * skips the host name check, which the JDK would otherwise do on its behalf.
     */
    private static SSLContext trustingEverything() {
        X509ExtendedTrustManager none = new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {none}, new SecureRandom());
            return ctx;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- tcpSocket and exec ------------------------------------------------------------------

    private static ProbeResult tcp(String host, int port, Duration timeout) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
            return ProbeResult.success();
        } catch (SocketTimeoutException e) {
            return ProbeResult.failure("dial tcp " + host + ":" + port + ": i/o timeout");
        } catch (ConnectException e) {
            return ProbeResult.failure("dial tcp " + host + ":" + port + ": connect: connection refused");
        } catch (java.io.IOException | IllegalArgumentException e) {
            return ProbeResult.failure("dial tcp " + host + ":" + port + ": " + e.getMessage());
        }
    }

    private static ProbeResult exec(ContainerRuntime runtime, Target t, List<String> cmd, Duration timeout) {
        String shown = "\"" + String.join(" ", cmd) + "\"";
        try {
            ContainerRuntime.ExecResult r = runtime.exec(t.uid(), t.container().getName(), cmd, timeout);
            if (r.timedOut()) return ProbeResult.failure("command " + shown + " timed out");
            if (r.exitCode() == 0) return ProbeResult.success();
            String out = r.output() == null ? "" : r.output().strip();
            return ProbeResult.failure(
                    "command " + shown + " exited with " + r.exitCode() + (out.isEmpty() ? "" : ": " + out));
        } catch (RuntimeException e) {
            return new ProbeResult(ProbeResult.Outcome.UNKNOWN, "exec failed: " + e.getMessage());
        }
    }

    /** A port number, or the number of the container port of that name. */
    static int port(IntOrString p, Container c) {
        if (p == null) throw new IllegalArgumentException("probe has no port");
        if (p.getIntVal() != null) return p.getIntVal();
        String name = p.getStrVal();
        if (name != null && name.chars().allMatch(Character::isDigit) && !name.isEmpty()) return Integer.parseInt(name);
        if (c.getPorts() != null) {
            for (ContainerPort cp : c.getPorts()) {
                if (name != null && name.equals(cp.getName()) && cp.getContainerPort() != null)
                    return cp.getContainerPort();
            }
        }
        throw new IllegalArgumentException("couldn't find port: " + name + " in container " + c.getName());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
