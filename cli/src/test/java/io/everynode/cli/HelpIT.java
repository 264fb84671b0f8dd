package io.everynode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * {@code --help} of every command, run as the user runs it, both streams read: in a JVM of its
 * own, started once for the class ({@link HelpRunnerMain} runs every command there, each with its
 * own stdout and stderr), since a JVM per command made this the slowest of the cli's tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HelpIT {
    record Run(int exit, String out, String err) {}

    private final Map<List<String>, Run> runs = new HashMap<>();

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

    @BeforeAll
    void runEveryHelp(@TempDir Path dir) throws IOException, InterruptedException {
        List<List<String>> commands = commands().toList();
        Path list = dir.resolve("commands");
        Files.write(list, commands.stream().map(c -> String.join(" ", c)).toList(), StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        HelpRunnerMain.class.getName(),
                        list.toString()))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("runner.log").toFile())
                .start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the help runner did not finish");
        }
        assertThat(p.exitValue())
                .as(Files.readString(dir.resolve("runner.log"), StandardCharsets.UTF_8))
                .isZero();
        for (int i = 0; i < commands.size(); i++) {
            runs.put(
                    commands.get(i),
                    new Run(
                            Integer.parseInt(Files.readString(dir.resolve(i + ".exit"), StandardCharsets.UTF_8)),
                            Files.readString(dir.resolve(i + ".out"), StandardCharsets.UTF_8),
                            Files.readString(dir.resolve(i + ".err"), StandardCharsets.UTF_8)));
        }
    }

    @ParameterizedTest(name = "everynode {0} --help")
    @MethodSource("commands")
    void helpPrintsUsageAndNoPicocliWarning(List<String> command) {
        Run r = runs.get(command);
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("Usage: everynode");
    }

    @Test
    void agentHelpDescribesThePercentThresholdWithOnePercentSign() {
        Run r = runs.get(List.of("agent"));
        assertThat(r.err()).isEmpty();
        assertThat(r.out().replaceAll("\\s+", " ")).contains("<PERCENT% (default: memory. available<100Mi)");
    }
}
