package io.everynode.e2e;

import static org.awaitility.Awaitility.await;

import io.everynode.testkit.Kubectl;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code kubectl port-forward TARGET :REMOTE} running in the background on a local port kubectl
 * picks (it prints {@code Forwarding from 127.0.0.1:LOCAL -> REMOTE}), and plain HTTP/1.0 requests
 * through it. Closing stops kubectl as Ctrl-C does (SIGINT).
 */
public final class PortForwarding implements AutoCloseable {
    private static final Pattern FORWARDING = Pattern.compile("Forwarding from 127\\.0\\.0\\.1:(\\d+) -> ");

    private final Kubectl.Background kubectl;
    public final int localPort;

    private PortForwarding(Kubectl.Background kubectl, int localPort) {
        this.kubectl = kubectl;
        this.localPort = localPort;
    }

    /** Starts kubectl and waits until it listens. */
    public static PortForwarding start(Kubectl kubectl, String target, int remotePort) {
        Kubectl.Background bg = kubectl.background("port-forward", "--address", "127.0.0.1", target, ":" + remotePort);
        int[] port = {0};
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Matcher m = FORWARDING.matcher(bg.outputSoFar());
            if (m.find()) port[0] = Integer.parseInt(m.group(1));
            else if (bg.finished()) throw new AssertionError("kubectl port-forward ended early: " + bg.await());
            return port[0] != 0;
        });
        return new PortForwarding(bg, port[0]);
    }

    /** A new connection to the local port, open. */
    public Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", localPort);
        s.setSoTimeout(30_000);
        return s;
    }

    /** Sends {@code GET path} on {@code s} and answers everything the server sends until it closes. */
    public static String get(Socket s, String path) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(("GET " + path + " HTTP/1.0\r\nHost: pod\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    /** kubectl's result once it has ended by itself. */
    public Kubectl.Result ended() {
        return kubectl.await();
    }

    /** Stops kubectl with SIGINT, as Ctrl-C does, and answers how it ended. */
    public Kubectl.Result interrupt() throws Exception {
        if (!kubectl.finished()) {
            long pid = kubectl.pid();
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(pid)).start();
            kill.waitFor(10, TimeUnit.SECONDS);
        }
        return kubectl.await();
    }

    @Override
    public void close() {
        kubectl.kill();
    }
}
