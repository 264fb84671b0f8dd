package io.everynode.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code everynode ARGS} in a JVM of its own, on this test's class path, as a user runs the
 * command: for tests that kill it, restart it, or need it out of the test's JVM.
 */
final class EverynodeJvm {
    private EverynodeJvm() {}

    /** The command line: this JVM's {@code java}, the test class path, {@link Main}, then {@code args}. */
    static List<String> command(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(args);
        return cmd;
    }

    /** Starts {@code everynode args}, its stdout going to {@code out} and its stderr to {@code err}. */
    static Process start(Path out, Path err, String... args) throws IOException {
        return new ProcessBuilder(command(List.of(args)))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
    }

    /** Starts {@code everynode server --port 0 --data-dir DATA} and {@code flags}, output to files. */
    static Process server(Path data, Path out, Path err, String... flags) throws IOException {
        List<String> args = new ArrayList<>(List.of("server", "--port", "0", "--data-dir", data.toString()));
        args.addAll(List.of(flags));
        return start(out, err, args.toArray(String[]::new));
    }
}
