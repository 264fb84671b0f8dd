package io.everynode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** {@code --help} of every command, run as the user runs it: a separate JVM, both streams read. */
class HelpIT {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    /** Every command path under {@code everynode}, e.g. [agent], [bench, up]. */
    static Stream<List<String>> commands() {
        List<List<String>> out = new ArrayList<>();
        collect(new CommandLine(new Main()), new ArrayList<>(), out);
        return out.stream();
    }

    private static void collect(CommandLine cmd, List<String> path, List<List<String>> out) {
        out.add(List.copyOf(path));
        cmd.getSubcommands().forEach((name, sub) -> {
            if (!name.equals(sub.getCommandName())) return; // an alias
            List<String> p = new ArrayList<>(path);
            p.add(name);
            collect(sub, p, out);
        });
    }

    @ParameterizedTest(name = "everynode {0} --help")
    @MethodSource("commands")
    void helpPrintsUsageAndNoPicocliWarning(List<String> command) throws Exception {
        List<String> args = new ArrayList<>(command);
        args.add("--help");
        Run r = everynode(args);
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("Usage: everynode");
    }

    @Test
    void agentHelpDescribesThePercentThresholdWithOnePercentSign() throws Exception {
        Run r = everynode(List.of("agent", "--help"));
        assertThat(r.err()).isEmpty();
        assertThat(r.out().replaceAll("\\s+", " ")).contains("<PERCENT% (default: memory. available<100Mi)");
    }

    /** Runs {@code everynode args} in a new JVM on this test's class path; answers exit code and both streams. */
    private Run everynode(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = EverynodeJvm.command(args);
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        Process p = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("everynode " + args + " did not finish");
        }
        return new Run(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
