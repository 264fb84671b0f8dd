package io.everynode.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.json.Json;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code everynode lint} in the test's JVM: its exit codes, its two outputs and its input errors. */
class LintCommandTest {
    private static final String CLEAN = """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: cache, namespace: default}
            spec:
              selector: {matchLabels: {app: cache}}
              updateStrategy: {rollingUpdate: {maxUnavailable: %s}}
              template:
                metadata: {labels: {app: cache}}
                spec:
                  priorityClassName: infra
                  containers:
                    - name: cache
                      image: %s
                      resources: {requests: {cpu: 50m, memory: 64Mi}, limits: {memory: 128Mi}}
            """;

    @TempDir
    Path dir;

    private Path file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private static String ds(String maxUnavailable, String image) {
        return CLEAN.formatted(maxUnavailable, image);
    }

    @Test
    void noFindingExitsZero() throws Exception {
        CommandRun r = CommandRun.of(
                "lint", "-f", file("ok.yaml", ds("1", "cache:1.2")).toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("no findings in 1 object\n");
    }

    @Test
    void aWarningExitsOneUnlessFailOnIsAboveIt() throws Exception {
        String f = file("latest.yaml", ds("1", "cache:latest")).toString();
        CommandRun r = CommandRun.of("lint", "-f", f);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out())
                .startsWith(f + ":1 DaemonSet/default/cache warning EN008 latest-tag"
                        + " spec.template.spec.containers[0].image: image \"cache:latest\" uses the latest tag")
                .endsWith("1 finding in 1 object (0 errors, 1 warning, 0 info)\n");
        assertThat(CommandRun.of("lint", "-f", f, "--fail-on", "error").exitCode())
                .isZero();
        assertThat(CommandRun.of("lint", "-f", f, "--fail-on", "info").exitCode())
                .isEqualTo(1);
    }

    @Test
    void anErrorDoesNotFailWithFailOnNone() throws Exception {
        String f = file("all.yaml", ds("100%", "cache:1.2")).toString();
        assertThat(CommandRun.of("lint", "-f", f).exitCode()).isEqualTo(1);
        assertThat(CommandRun.of("lint", "-f", f, "--fail-on", "none").exitCode())
                .isZero();
    }

    @Test
    void theFleetSizeComesFromNodes() throws Exception {
        String f = file("five.yaml", ds("5", "cache:1.2")).toString();
        assertThat(CommandRun.of("lint", "-f", f).exitCode()).isZero();
        CommandRun r = CommandRun.of("lint", "-f", f, "--nodes", "8");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("warning EN005 budget-exceeds-fleet").contains("5 of 8 nodes");
    }

    @Test
    void jsonOutputFollowsTheDocumentedSchema() throws Exception {
        String f = file("two.yaml", ds("1", "cache:1.2") + "---\n" + ds("1", "cache"))
                .toString();
        CommandRun r = CommandRun.of("lint", "-f", f, "-o", "json");
        assertThat(r.exitCode()).isEqualTo(1);
        JsonNode root = Json.parse(r.out().getBytes(UTF_8));
        assertThat(root.get("schema").asString()).isEqualTo("everynode.io/lint/v1");
        JsonNode finding = root.get("findings").get(0);
        assertThat(finding.propertyNames())
                .containsExactly(
                        "file",
                        "document",
                        "apiVersion",
                        "kind",
                        "namespace",
                        "name",
                        "severity",
                        "code",
                        "rule",
                        "path",
                        "message");
        assertThat(finding.get("document").asInt()).isEqualTo(2);
        assertThat(finding.get("code").asString()).isEqualTo("EN008");
        assertThat(finding.get("severity").asString()).isEqualTo("warning");
        assertThat(finding.get("path").asString()).isEqualTo("spec.template.spec.containers[0].image");
        assertThat(root.get("summary").toString())
                .isEqualTo("{\"objects\":2,\"findings\":1,\"error\":0,\"warning\":1,\"info\":0}");
    }

    @Test
    void stdinIsReadForDash() throws Exception {
        InputStream old = System.in;
        System.setIn(new ByteArrayInputStream(ds("1", "cache").getBytes(UTF_8)));
        try {
            CommandRun r = CommandRun.of("lint", "-f", "-");
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.out()).startsWith("stdin:1 DaemonSet/default/cache warning EN008");
        } finally {
            System.setIn(old);
        }
    }

    @Test
    void unreadableInputExitsTwoNamingTheFileAndLine() throws Exception {
        String bad =
                file("bad.yaml", "kind: DaemonSet\nmetadata:\n  name: [x\n").toString();
        CommandRun r = CommandRun.of("lint", "-f", bad);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: " + bad + ":3: not valid YAML");
        assertThat(r.out()).isEmpty();
        CommandRun missing =
                CommandRun.of("lint", "-f", dir.resolve("nope.yaml").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.yaml: no such file or directory");
    }

    @Test
    void badUsageExitsTwo() throws Exception {
        String f = file("ok.yaml", ds("1", "cache:1.2")).toString();
        assertThat(CommandRun.of("lint").exitCode()).isEqualTo(2);
        assertThat(CommandRun.of("lint", "-f", f, "--fail-on", "sometimes").exitCode())
                .isEqualTo(2);
        assertThat(CommandRun.of("lint", "-f", f, "-o", "yaml").exitCode()).isEqualTo(2);
        CommandRun both = CommandRun.of("lint", "-f", f, "--nodes", "3", "--kubeconfig", f);
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("give --nodes or --kubeconfig, not both");
    }
}
