package io.everynode.apiserver.table;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import java.time.Duration;
import java.time.Instant;

/** Shared clock and builders: every age in these tests is measured from {@link #NOW}. */
final class Fixtures {
    private Fixtures() {}

    static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");

    /**
     * An object from YAML text, converted as the Table code converts stored objects. Ages in these
     * texts are from 2024-06-01T11:55:00Z ({@code 5m} before {@link #NOW}).
     */
    static <T> T yaml(String text, Class<T> type) {
        return io.everynode.api.json.Json.convert(
                io.everynode.api.json.Json.parseYaml(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)), type);
    }

    /** RFC 3339 text of {@code NOW} minus {@code d}. */
    static String ago(Duration d) {
        return NOW.minus(d).toString();
    }

    static ContainerState running() {
        return new ContainerStateBuilder()
                .withNewRunning()
                .withStartedAt(ago(Duration.ofMinutes(4)))
                .endRunning()
                .build();
    }

    static ContainerState waiting(String reason) {
        return new ContainerStateBuilder()
                .withNewWaiting()
                .withReason(reason)
                .endWaiting()
                .build();
    }

    static ContainerState terminated(String reason, int exitCode, Integer signal) {
        return new ContainerStateBuilder()
                .withNewTerminated()
                .withReason(reason)
                .withExitCode(exitCode)
                .withSignal(signal)
                .withFinishedAt(ago(Duration.ofMinutes(1)))
                .endTerminated()
                .build();
    }

    static ContainerStatus status(String name, ContainerState state, boolean ready, int restarts) {
        return new ContainerStatusBuilder()
                .withName(name)
                .withState(state)
                .withReady(ready)
                .withRestartCount(restarts)
                .build();
    }

    /** A status whose previous run ended {@code lastEnded} ago. */
    static ContainerStatus restarted(
            String name, ContainerState state, boolean ready, int restarts, Duration lastEnded) {
        return new ContainerStatusBuilder(status(name, state, ready, restarts))
                .withNewLastState()
                .withNewTerminated()
                .withExitCode(1)
                .withReason("Error")
                .withFinishedAt(ago(lastEnded))
                .endTerminated()
                .endLastState()
                .build();
    }
}
