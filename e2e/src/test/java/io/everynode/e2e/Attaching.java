package io.everynode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.testkit.Kubectl;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@code kubectl attach} driven by a test, on any runtime: in the background with a pipe to type
 * into ({@link Attached}), or under a terminal of 77x33 ({@link #attachWithTerminal}).
 */
public final class Attaching {
    private Attaching() {}

    /** The shell of a pod that {@link #attachWithTerminal} reaches: reads a line, waits for its terminal's size, prints both, ends. */
    public static final String TERMINAL_SHELL = "read l; i=0; while [ $i -lt 50 ]; do s=$(busybox stty size);"
            + " [ \"$s\" = \"33 77\" ] && break; sleep 0.1; i=$((i+1)); done;"
            + " echo \"read $l size $s on $(busybox tty)\"";

    /**
     * {@code kubectl attach -it POD} under {@code script} (a terminal set to 77x33, which kubectl
     * sends as resize frames), typing "line": the container ({@link #TERMINAL_SHELL}, under a
     * terminal of its own) ends, so the attach ends with it; kubectl's output once it exited 0.
     * Skips without util-linux {@code script}.
     */
    public static String attachWithTerminal(Kubectl kubectl, String pod, java.time.Duration wait) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/script")), "needs util-linux script for kubectl's terminal");
        String command = Kubectl.binary() + " --kubeconfig " + kubectl.kubeconfig() + " attach -it " + pod;
        Process p = new ProcessBuilder(
                        "script", "--quiet", "--return", "--command", "stty cols 77 rows 33; " + command, "/dev/null")
                .redirectErrorStream(true)
                .start();
        Reader out = new Reader(p.getInputStream());
        try {
            await().atMost(wait)
                    .untilAsserted(() -> assertThat(out.text()).contains("If you don't see a command prompt"));
            p.getOutputStream().write("line\n".getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().flush();
            assertThat(p.waitFor(wait.toSeconds(), TimeUnit.SECONDS))
                    .as(out.text())
                    .isTrue();
            assertThat(p.exitValue()).as(out.text()).isZero();
            await().atMost(wait).until(() -> out.text().contains("read line"));
            return out.text();
        } finally {
            p.destroyForcibly();
        }
    }

    /** Everything a stream gives, collected by a thread of its own. */
    private static final class Reader {
        private final StringBuffer text = new StringBuffer();

        Reader(InputStream in) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[4096];
                try (in) {
                    for (int n; (n = in.read(buf)) >= 0; ) text.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // the process was destroyed
                }
            });
            t.setDaemon(true);
            t.start();
        }

        String text() {
            return text.toString();
        }
    }

    /** A kubectl attach running in the background, its stdin a pipe the test types into. */
    public static final class Attached implements AutoCloseable {
        private final Process process;
        private final Reader out;
        private final Reader err;

        private Attached(Process process) {
            this.process = process;
            this.out = new Reader(process.getInputStream());
            this.err = new Reader(process.getErrorStream());
        }

        public static Attached start(Kubectl kubectl, String... args) {
            return new Attached(kubectl.start(args));
        }

        public void type(String text) throws IOException {
            OutputStream in = process.getOutputStream();
            in.write(text.getBytes(StandardCharsets.UTF_8));
            in.flush();
        }

        public String output() {
            return out.text();
        }

        public String errors() {
            return err.text();
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
