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
    /**
     * JVM flags for these test processes, which live for seconds to a couple of minutes beside
     * others on a small CI machine: the client compiler only (no C2 threads competing for the
     * cores while a server starts, the same choice as the agent's log relay) and the serial
     * collector (no parallel GC threads). The code run is the same.
     */
    static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private EverynodeJvm() {}

    /**
     * The command line: this JVM's {@code java} with {@link #QUICK_START}, the test class path,
     * {@link Main}, then {@code args}.
     */
    static List<String> command(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                QUICK_START.get(0),
                QUICK_START.get(1),
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
