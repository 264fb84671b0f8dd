package io.everynode.agent;

import java.time.Duration;
import java.util.Objects;

/**
 * One try at having a container's image, as a runtime that pulls images saw it: facts only (the
 * agent's {@link StartEvents} words the kubelet's events from them). Durations are on the
 * runtime's clock.
 *
 * @param outcome how the try ended
 * @param pullTime how long the pull itself took (PULLED only; zero otherwise)
 * @param totalTime how long from the decision to pull to its end, waiting for another pull of the
 *     same image included (PULLED only; zero otherwise)
 * @param imageSize the pulled image's size in bytes (PULLED only; zero otherwise)
 * @param reason why the image cannot be had, in the kubelet's terms (FAILED only:
 *     ErrImagePull, ErrImageNeverPull, InvalidImageName; null otherwise)
 * @param message the registry's or the store's words (FAILED only; null otherwise)
 */
public record PullAttempt(
        Outcome outcome, Duration pullTime, Duration totalTime, long imageSize, String reason, String message) {
    public enum Outcome {
        /** The image was there and its pull policy asked for no pull. */
        PRESENT,
        /** A pull ran and succeeded. */
        PULLED,
        /** The image could not be had: a pull failed, or the policy or the name forbade one. */
        FAILED
    }

    public PullAttempt {
        Objects.requireNonNull(outcome, "outcome");
        pullTime = pullTime == null ? Duration.ZERO : pullTime;
        totalTime = totalTime == null ? Duration.ZERO : totalTime;
        if (outcome == Outcome.FAILED) Objects.requireNonNull(reason, "reason");
    }

    public static PullAttempt present() {
        return new PullAttempt(Outcome.PRESENT, Duration.ZERO, Duration.ZERO, 0, null, null);
    }

    public static PullAttempt pulled(Duration pullTime, Duration totalTime, long imageSize) {
        return new PullAttempt(Outcome.PULLED, pullTime, totalTime, imageSize, null, null);
    }

    public static PullAttempt failed(String reason, String message) {
        return new PullAttempt(Outcome.FAILED, Duration.ZERO, Duration.ZERO, 0, reason, message);
    }
}
