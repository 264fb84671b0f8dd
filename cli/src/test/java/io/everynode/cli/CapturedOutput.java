package io.everynode.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import picocli.CommandLine;

/**
 * Runs {@code everynode} commands in the test's JVM with {@code System.out} and {@code System.err}
 * captured for each test (register with {@code @RegisterExtension}); what a command prints is read
 * back with {@link #out()} and {@link #err()}, which also clear it.
 */
final class CapturedOutput implements BeforeEachCallback, AfterEachCallback {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;

    @Override
    public void beforeEach(ExtensionContext context) {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    /** Runs {@code everynode args…}; its exit code. */
    int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    /** What was printed to stdout since the last call. */
    String out() {
        return take(out);
    }

    /** What was printed to stderr since the last call. */
    String err() {
        return take(err);
    }

    private static String take(ByteArrayOutputStream b) {
        String s = b.toString(StandardCharsets.UTF_8);
        b.reset();
        return s;
    }
}
