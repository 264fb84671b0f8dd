package io.everynode.agent.container;

import io.everynode.agent.PullAttempt;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Times one try at an image on the runtime's clock from what the {@link ImageSource} tells: the
 * pull's own time (from its turn at the registry to its end) and its time including the wait for
 * another pull of the same image. Passes the start of a pull on at once. One per try, used by the
 * thread making it.
 */
final class PullTimer implements ImageSource.Progress {
    private final Clock clock;
    private final Runnable onPulling;
    private Instant pulling;
    private Instant fetching;
    private Instant pulled;
    private long size;

    PullTimer(Clock clock, Runnable onPulling) {
        this.clock = clock;
        this.onPulling = onPulling;
    }

    @Override
    public void pulling() {
        pulling = clock.instant();
        onPulling.run();
    }

    @Override
    public void fetching() {
        fetching = clock.instant();
    }

    @Override
    public void pulled(long bytes) {
        pulled = clock.instant();
        size = bytes;
    }

    /** How the image was had: pulled (with its times and size) if the source said so, else present. */
    PullAttempt attempt() {
        if (pulled == null) return PullAttempt.present();
        Instant began = pulling == null ? pulled : pulling;
        Instant turn = fetching == null ? began : fetching;
        return PullAttempt.pulled(Duration.between(turn, pulled), Duration.between(began, pulled), size);
    }
}
