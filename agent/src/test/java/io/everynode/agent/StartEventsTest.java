package io.everynode.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Which of the kubelet's events a sequence of tries at a container's image yields, as {@code describe} lists them. */
class StartEventsTest {
    private static final String IMAGE = "127.0.0.1:5000/demo/app:1";
    private static final Container APP =
            new ContainerBuilder().withName("app").withImage(IMAGE).build();
    private static final String NOT_FOUND = "failed to pull and unpack image \"127.0.0.1:5000/demo/app:1\": failed to"
            + " resolve reference \"127.0.0.1:5000/demo/app:1\": 127.0.0.1:5000/demo/app:1: not found";

    /** A pull begins; the try ends as {@code attempt} says, leaving the container as {@code after}. */
    private record Try(boolean pulling, PullAttempt attempt, RuntimeContainer after) {}

    private static Try pulledIn(long pullMillis, long totalMillis, long size) {
        return new Try(
                true,
                PullAttempt.pulled(Duration.ofMillis(pullMillis), Duration.ofMillis(totalMillis), size),
                running());
    }

    private static Try pullFailed(String message) {
        return new Try(true, PullAttempt.failed("ErrImagePull", message), waiting("ErrImagePull", message));
    }

    private static Try present(RuntimeContainer after) {
        return new Try(false, PullAttempt.present(), after);
    }

    private static RuntimeContainer running() {
        return new RuntimeContainer(
                "app",
                "runc://pod-app-1",
                IMAGE,
                "127.0.0.1:5000/demo/app@sha256:00",
                RuntimeContainer.State.RUNNING,
                true,
                Instant.EPOCH,
                null,
                null,
                null,
                null);
    }

    private static RuntimeContainer waiting(String reason, String message) {
        return new RuntimeContainer(
                "app", null, IMAGE, "", RuntimeContainer.State.WAITING, false, null, null, null, reason, null, message);
    }

    /** Every event of the tries, in order, as "Type Reason Message". */
    private static List<String> eventsOf(Try... tries) {
        List<String> out = new ArrayList<>();
        for (Try t : tries) {
            List<StartEvents.Event> events = new ArrayList<>();
            if (t.pulling()) events.addAll(StartEvents.pulling(APP));
            events.addAll(StartEvents.tried(APP, t.attempt(), t.after()));
            for (StartEvents.Event e : events) out.add(e.type() + " " + e.reason() + " " + e.message());
        }
        return out;
    }

    static Stream<Arguments> sequences() {
        return Stream.of(
                Arguments.of(
                        "IfNotPresent with the image in the store",
                        new Try[] {present(running())},
                        List.of(
                                "Normal Pulled Container image \"" + IMAGE + "\" already present on machine",
                                "Normal Created Created container: app",
                                "Normal Started Started container app")),
                Arguments.of(
                        "a pull that succeeds",
                        new Try[] {pulledIn(1234, 1534, 1_102_000)},
                        List.of(
                                "Normal Pulling Pulling image \"" + IMAGE + "\"",
                                "Normal Pulled Successfully pulled image \"" + IMAGE
                                        + "\" in 1.234s (1.534s including waiting). Image size: 1102000 bytes.",
                                "Normal Created Created container: app",
                                "Normal Started Started container app")),
                Arguments.of(
                        "Always pulls on each start, though the image is present",
                        new Try[] {pulledIn(40, 40, 900), pulledIn(7, 7, 900)},
                        List.of(
                                "Normal Pulling Pulling image \"" + IMAGE + "\"",
                                "Normal Pulled Successfully pulled image \"" + IMAGE
                                        + "\" in 40ms (40ms including waiting). Image size: 900 bytes.",
                                "Normal Created Created container: app",
                                "Normal Started Started container app",
                                "Normal Pulling Pulling image \"" + IMAGE + "\"",
                                "Normal Pulled Successfully pulled image \"" + IMAGE
                                        + "\" in 7ms (7ms including waiting). Image size: 900 bytes.",
                                "Normal Created Created container: app",
                                "Normal Started Started container app")),
                Arguments.of(
                        "two failed pulls, each followed by its back-off, then the image appears",
                        new Try[] {pullFailed(NOT_FOUND), pullFailed(NOT_FOUND), pulledIn(2000, 2000, 5)},
                        List.of(
                                "Normal Pulling Pulling image \"" + IMAGE + "\"",
                                "Warning Failed Failed to pull image \"" + IMAGE + "\": " + NOT_FOUND,
                                "Warning Failed Error: ErrImagePull",
                                "Normal BackOff Back-off pulling image \"" + IMAGE + "\"",
                                "Warning Failed Error: ImagePullBackOff",
                                "Normal Pulling Pulling image \"" + IMAGE + "\"",
                                "Warning Failed Failed to pull image \"" + IMAGE + "\": " + NOT_FOUND,
                                "Warning Failed Error: ErrImagePull",
                                "Normal BackOff Back-off pulling image \"" + IMAGE + "\"",
                                "Warning Failed Error: ImagePullBackOff",
                                "Normal Pulling Pulling image \"" + IMAGE + "\"",
                                "Normal Pulled Successfully pulled image \"" + IMAGE
                                        + "\" in 2s (2s including waiting). Image size: 5 bytes.",
                                "Normal Created Created container: app",
                                "Normal Started Started container app")),
                Arguments.of(
                        "Never without the image: no pull, no back-off",
                        new Try[] {
                            new Try(
                                    false,
                                    PullAttempt.failed("ErrImageNeverPull", "absent"),
                                    waiting("ErrImageNeverPull", "absent"))
                        },
                        List.of(
                                "Warning ErrImageNeverPull Container image \"" + IMAGE
                                        + "\" is not present with pull policy of Never",
                                "Warning Failed Error: ErrImageNeverPull")),
                Arguments.of(
                        "a name the grammar refuses",
                        new Try[] {
                            new Try(
                                    false,
                                    PullAttempt.failed(
                                            "InvalidImageName",
                                            "Failed to apply default image tag \"Bad\": couldn't parse image name"),
                                    waiting("InvalidImageName", "x"))
                        },
                        List.of(
                                "Warning InspectFailed Failed to apply default image tag \"Bad\": couldn't parse"
                                        + " image name",
                                "Warning Failed Error: InvalidImageName")),
                Arguments.of(
                        "an image had, but a configuration the runtime refuses",
                        new Try[] {present(waiting("CreateContainerConfigError", "runAsNonRoot and image runs as root"))
                        },
                        List.of(
                                "Normal Pulled Container image \"" + IMAGE + "\" already present on machine",
                                "Warning Failed Error: runAsNonRoot and image runs as root")),
                Arguments.of(
                        "an image had, but the pod's sandbox not yet: the runtime tries again",
                        new Try[] {present(waiting("ContainerCreating", "cannot set up the pod's sandbox"))},
                        List.of("Normal Pulled Container image \"" + IMAGE + "\" already present on machine")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void eachTryYieldsTheKubeletsEventsForItsOutcome(String what, Try[] tries, List<String> expected) {
        assertThat(eventsOf(tries)).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "{0} ms is {1}")
    @CsvSource({
        "0, 0s",
        "1, 1ms",
        "345, 345ms",
        "999, 999ms",
        "1000, 1s",
        "1200, 1.2s",
        "1234, 1.234s",
        "1050, 1.05s",
        "60000, 1m0s",
        "63050, 1m3.05s",
        "3600000, 1h0m0s",
        "3723004, 1h2m3.004s"
    })
    void pullTimesAreWrittenAsGoWritesADurationTruncatedToMilliseconds(long millis, String written) {
        assertThat(StartEvents.goDuration(Duration.ofMillis(millis))).isEqualTo(written);
        assertThat(StartEvents.goDuration(Duration.ofMillis(millis).plusNanos(999_999)))
                .isEqualTo(written);
    }

    @Test
    void aLocalImageIsAlreadyPresentAndAContainerWaitingOnItsImageGetsNoEvents() {
        assertThat(StartEvents.localImage(APP, running()))
                .extracting(StartEvents.Event::reason)
                .containsExactly("Pulled", "Created", "Started");
        assertThat(StartEvents.localImage(APP, waiting("ErrImagePull", "no such image directory")))
                .isEmpty();
    }
}
