package io.everynode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubectl logs --timestamps} and {@code --since-time} on a process node read the times the
 * runtime stored with each line (the CRI log format): a line written before a moment keeps its
 * time, whenever it is read. The container writes a line each time the test lets it (a file in a
 * directory both see), so the lines' order and the moments between them are the test's.
 */
class LogTimesOnProcessNodesIT {
    static final String IMAGE = "example.com/stepper:1";
    static final String SCRIPT = """
            #!/bin/sh
            d=$1
            echo first
            until [ -e "$d/1" ]; do sleep 0.05; done
            echo "to stderr" >&2
            until [ -e "$d/2" ]; do sleep 0.05; done
            echo second
            while :; do sleep 5; done
            """;

    @TempDir
    Path dir;

    @Test
    void timestampsAreWhenEachLineWasWrittenAndSinceTimeSelectsByThem() throws Exception {
        try (GuideCluster cluster = GuideCluster.upProcess(1, dir)) {
            Path steps = Files.createDirectories(dir.resolve("steps"));
            LocalImages.script(cluster.images(), IMAGE, SCRIPT, dir.resolve("images-src"));
            cluster.apply("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: stepper, namespace: default}
                    spec:
                      containers:
                      - name: main
                        image: %s
                        args: ["%s"]
                    """.formatted(IMAGE, steps));
            await().atMost(GuideCluster.WAIT)
                    .until(() -> cluster.kubectl.run("logs", "stepper").out().equals("first\n"));
            // A whole second after "first" was logged (kubectl sends --since-time in seconds), the rest is written.
            Instant between = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
            await().atMost(GuideCluster.WAIT).until(() -> Instant.now().isAfter(between));
            Files.writeString(steps.resolve("1"), "");
            await().atMost(GuideCluster.WAIT)
                    .until(() -> cluster.kubectl.run("logs", "stepper").out().equals("first\nto stderr\n"));
            Files.writeString(steps.resolve("2"), "");
            await().atMost(GuideCluster.WAIT)
                    .until(() -> cluster.kubectl.run("logs", "stepper").out().equals("first\nto stderr\nsecond\n"));

            List<String> stamped =
                    cluster.kubectl("logs", "stepper", "--timestamps").lines().toList();
            assertThat(stamped).hasSize(3);
            Instant first = Instant.parse(stamped.get(0).split(" ", 2)[0]);
            Instant err = Instant.parse(stamped.get(1).split(" ", 2)[0]);
            Instant second = Instant.parse(stamped.get(2).split(" ", 2)[0]);
            assertThat(stamped.get(0)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z first");
            assertThat(first).isBefore(between);
            assertThat(err).isAfter(between);
            assertThat(second).isAfterOrEqualTo(err);

            assertThat(cluster.kubectl("logs", "stepper", "--since-time=" + between))
                    .isEqualTo("to stderr\nsecond\n");
            assertThat(cluster.kubectl("logs", "stepper", "--since=1h")).isEqualTo("first\nto stderr\nsecond\n");
            assertThat(cluster.kubectl("logs", "stepper", "--tail=1")).isEqualTo("second\n");
        }
    }
}
