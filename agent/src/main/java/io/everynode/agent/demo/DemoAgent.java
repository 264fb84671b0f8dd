package io.everynode.agent.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The demo agent shipped as image {@code everynode/demo-agent:1}: a stand-in for a log shipper or
 * metrics exporter that the guide's DaemonSets run. JDK only, so it starts from the project's jar
 * (or classes directory) alone.
 *
 * <p>It serves {@code GET /healthz} and {@code GET /ready} on {@code BIND:PORT} (env; defaults
 * {@code 0.0.0.0:8080}), logs a line a second to stdout, and misbehaves on request, through env
 * at start or HTTP control endpoints (POST):
 * <table>
 *   <tr><th>env at start</th><th>endpoint</th><th>effect</th></tr>
 *   <tr><td>FAIL_HEALTH_AFTER_SECONDS=N</td><td>/control/fail-health</td><td>/healthz answers 500</td></tr>
 *   <tr><td>—</td><td>/control/recover</td><td>/healthz answers 200 again</td></tr>
 *   <tr><td>NOT_READY_AFTER_SECONDS=N</td><td>/control/unready, /control/ready</td><td>/ready answers 503 / 200</td></tr>
 *   <tr><td>HANG_AFTER_SECONDS=N</td><td>/control/hang</td><td>stops answering and logging</td></tr>
 *   <tr><td>CRASH_AFTER_SECONDS=N, CRASH_EXIT_CODE=C (1)</td><td>/control/crash?code=C</td><td>exits with C</td></tr>
 *   <tr><td>HOLD_MEMORY_MIB=N</td><td>/control/hold-memory?mib=N</td><td>allocates and touches N MiB off-heap, and holds it</td></tr>
 * </table>
 * On SIGTERM it logs {@code demo-agent: SIGTERM received, shutting down} and exits 0, unless
 * {@code IGNORE_SIGTERM=true} (then it logs that it ignores it and runs on until SIGKILL).
 */
public final class DemoAgent {
    private final Map<String, String> env;
    private final PrintStream out;
    private final List<ByteBuffer> held = new ArrayList<>();
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, r -> {
        Thread t = new Thread(r, "demo-agent-timer");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean healthy = true;
    private volatile boolean ready = true;
    private volatile boolean hung;
    private HttpServer server;
    private long tick;

    DemoAgent(Map<String, String> env, PrintStream out) {
        this.env = env;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        DemoAgent a = new DemoAgent(System.getenv(), System.out);
        a.handleSigterm();
        a.start();
        Thread.currentThread().join();
    }

    void start() throws IOException {
        String bind = env.getOrDefault("BIND", "0.0.0.0");
        int port = Integer.parseInt(env.getOrDefault("PORT", "8080"));
        server = HttpServer.create(new InetSocketAddress(bind, port), 50);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "demo-agent-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/healthz", x -> answer(x, healthy ? 200 : 500, healthy ? "ok" : "failing"));
        server.createContext("/ready", x -> answer(x, ready ? 200 : 503, ready ? "ready" : "not ready"));
        server.createContext("/control/fail-health", x -> control(x, () -> healthy = false));
        server.createContext("/control/recover", x -> control(x, () -> healthy = true));
        server.createContext("/control/unready", x -> control(x, () -> ready = false));
        server.createContext("/control/ready", x -> control(x, () -> ready = true));
        server.createContext("/control/hang", x -> control(x, this::hang));
        server.createContext("/control/crash", x -> answerThen(x, () -> crash(intParam(x, "code", 1))));
        server.createContext("/control/hold-memory", x -> answerThen(x, () -> hold(intParam(x, "mib", 0))));
        server.start();
        log("listening on " + bind + ":" + server.getAddress().getPort());
        after("FAIL_HEALTH_AFTER_SECONDS", () -> healthy = false);
        after("NOT_READY_AFTER_SECONDS", () -> ready = false);
        after("HANG_AFTER_SECONDS", this::hang);
        after("CRASH_AFTER_SECONDS", () -> crash(Integer.parseInt(env.getOrDefault("CRASH_EXIT_CODE", "1"))));
        if (env.containsKey("HOLD_MEMORY_MIB")) hold(Integer.parseInt(env.get("HOLD_MEMORY_MIB")));
        timers.scheduleAtFixedRate(
                () -> {
                    if (!hung)
                        log("alive tick=" + (++tick) + " healthy=" + healthy + " ready=" + ready + " holding="
                                + held.size() + "MiB");
                },
                1,
                1,
                TimeUnit.SECONDS);
    }

    int port() {
        return server.getAddress().getPort();
    }

    void stop() {
        timers.shutdownNow();
        if (server != null) server.stop(0);
    }

    /**
     * SIGTERM through a shutdown hook, the standard API's one view of it (no internal signal API):
     * this program leaves only by {@code Runtime.halt} (crashes included), which runs no hooks, so
     * the hook runs only when a signal asks the JVM to exit. It exits 0 after a line or, when asked
     * to ignore SIGTERM, holds the hook, so the JVM keeps serving and logging until SIGKILL.
     */
    private void handleSigterm() {
        boolean ignore = "true".equalsIgnoreCase(env.get("IGNORE_SIGTERM"));
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            if (ignore) {
                                log("SIGTERM received, ignoring it (IGNORE_SIGTERM=true)");
                                holdUntilKilled();
                            } else {
                                log("SIGTERM received, shutting down");
                                stop();
                                Runtime.getRuntime().halt(0);
                            }
                        },
                        "demo-agent-sigterm"));
    }

    private static void holdUntilKilled() {
        while (true) LockSupport.park();
    }

    private void after(String var, Runnable r) {
        String v = env.get(var);
        if (v == null || v.isBlank()) return;
        timers.schedule(r, Long.parseLong(v.trim()), TimeUnit.SECONDS);
    }

    private void hang() {
        log("hanging: no more answers or log lines");
        hung = true;
    }

    private void crash(int code) {
        log("crashing with exit code " + code);
        Runtime.getRuntime().halt(code);
    }

    /** Allocates {@code mib} MiB off the heap, one MiB at a time, writing every page so it is resident. */
    private void hold(int mib) {
        log("holding " + mib + " MiB more");
        for (int i = 0; i < mib; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(1 << 20);
            for (int p = 0; p < b.capacity(); p += 4096) b.put(p, (byte) 1);
            synchronized (held) {
                held.add(b);
            }
        }
        log("holding " + held.size() + " MiB");
    }

    /**
     * Acts, then answers: once the caller has its "ok", the change is in effect (a probe sent right
     * after {@code /control/hang} or {@code /control/fail-health} sees it). The answer to the
     * control request itself goes out even when the agent now hangs.
     */
    private void control(HttpExchange x, Runnable r) throws IOException {
        if (!"POST".equals(x.getRequestMethod())) {
            answer(x, 405, "use POST");
            return;
        }
        r.run();
        reply(x, 200, "ok: " + x.getRequestURI().getPath());
    }

    /** Answers, then acts: for a crash or a memory grab that may end in an OOM kill, either of which would leave the caller without a reply. */
    private void answerThen(HttpExchange x, Runnable r) throws IOException {
        if (!"POST".equals(x.getRequestMethod())) {
            answer(x, 405, "use POST");
            return;
        }
        reply(x, 200, "ok: " + x.getRequestURI().getPath());
        r.run();
    }

    /** Answers, unless the agent hangs: then it never does (as a deadlocked agent). */
    private void answer(HttpExchange x, int status, String body) throws IOException {
        while (hung) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        reply(x, status, body);
    }

    private static void reply(HttpExchange x, int status, String body) throws IOException {
        byte[] b = (body + "\n").getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        x.sendResponseHeaders(status, b.length);
        try (OutputStream o = x.getResponseBody()) {
            o.write(b);
        }
    }

    private static int intParam(HttpExchange x, String name, int otherwise) {
        String q = x.getRequestURI().getQuery();
        if (q == null) return otherwise;
        for (String kv : q.split("&")) {
            if (kv.startsWith(name + "=")) {
                try {
                    return Integer.parseInt(kv.substring(name.length() + 1));
                } catch (NumberFormatException e) {
                    return otherwise;
                }
            }
        }
        return otherwise;
    }

    private void log(String line) {
        synchronized (out) {
            out.println(Instant.now() + " demo-agent: " + line);
            out.flush();
        }
    }
}
