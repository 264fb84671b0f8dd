package io.everynode.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import picocli.CommandLine;

/**
 * One {@code everynode} command run in the test's JVM, as the launcher would run it in its own:
 * its exit code and what it printed. {@code System.out} and {@code System.err} are swapped for the
 * run, so commands must not run concurrently within one test JVM.
 */
record CommandRun(int exitCode, String out, String err) {
    static CommandRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true, UTF_8));
        System.setErr(new PrintStream(err, true, UTF_8));
        try {
            int code = new CommandLine(new Main()).execute(args);
            return new CommandRun(code, out.toString(UTF_8), err.toString(UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
