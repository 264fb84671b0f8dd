package io.everynode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Input {@code plan} refuses before it reads any cluster: exit code 2 and a readable message. */
class PlanCommandTest {
    @TempDir
    Path dir;

    @Test
    void aFileWithoutADaemonSetIsAnInputError() throws Exception {
        Path f = Files.writeString(dir.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n");
        StringWriter err = new StringWriter();

        int code =
                run(err, "-f", f.toString(), "--kubeconfig", dir.resolve("none").toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: no DaemonSet (apps/v1 or apps.kruise.io/v1alpha1) in " + f);
    }

    @Test
    void anUnknownOutputFormatIsAUsageError() {
        StringWriter err = new StringWriter();

        int code = run(err, "-f", "ds.yaml", "-o", "yaml");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("unknown output format \"yaml\"");
    }

    private static int run(StringWriter err, String... args) {
        CommandLine cmd = new CommandLine(new PlanCommand());
        cmd.setErr(new PrintWriter(err, true));
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        return cmd.execute(args);
    }
}
