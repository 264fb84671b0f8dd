package io.everynode.agent.images;

import io.everynode.images.Digest;
import io.everynode.images.DiskUsage;
import io.everynode.images.ImageGc;
import io.everynode.images.ImageStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Image garbage collection of one image store on a timer, as the kubelet's image manager runs it
 * (every 5 minutes, high 85 %, low 80 %, images unused for 2 minutes, see {@link ImageGc}). One
 * timer per store: the container nodes of {@code up} share one store, so they share one timer,
 * whose in-use set is every node's running containers' images. A run that fails is logged and
 * the next one tries again. Closing stops the timer.
 */
public final class ImageGcTimer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ImageGcTimer.class);
    public static final Duration PERIOD = Duration.ofMinutes(5);

    private final ImageGc gc;
    private final ScheduledExecutorService timer;

    /**
     * Starts the kubelet's schedule for {@code store} on the filesystem it is on.
     *
     * @param imageIDsInUse the imageIDs ({@code repository@sha256:…}) of the containers that run
     *     now on every node using the store
     */
    public static ImageGcTimer start(
            ImageStore store, Clock clock, Supplier<? extends Collection<String>> imageIDsInUse) {
        ImageGc gc = new ImageGc(
                store,
                DiskUsage.of(store.root()),
                clock,
                () -> digests(imageIDsInUse.get()),
                ImageGc.DEFAULT_HIGH_PERCENT,
                ImageGc.DEFAULT_LOW_PERCENT,
                ImageGc.DEFAULT_MIN_AGE);
        return new ImageGcTimer(gc, PERIOD);
    }

    /** Runs {@code gc} every {@code period}, the first time one period from now. */
    ImageGcTimer(ImageGc gc, Duration period) {
        this.gc = gc;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "image-gc");
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(1, period.toMillis());
        timer.scheduleWithFixedDelay(this::runOnce, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** One collection now; empty when it failed (logged). */
    public Optional<ImageGc.Result> runOnce() {
        try {
            ImageGc.Result r = gc.run();
            if (!r.removed().isEmpty()) {
                LOG.info(
                        "image GC: disk {}% used, freed {} bytes by removing {}",
                        r.usagePercent(), r.bytesFreed(), r.removed());
            } else if (r.bytesToFree() > 0) {
                LOG.warn(
                        "image GC: disk {}% used, {} bytes to free, but every image is in use or was used lately",
                        r.usagePercent(), r.bytesToFree());
            }
            return Optional.of(r);
        } catch (IOException | RuntimeException e) {
            LOG.warn("image GC failed: {}", e.toString());
            return Optional.empty();
        }
    }

    /** The image digests that {@code imageIDs} name; IDs that name none (a runtime's own) are skipped. */
    static Set<Digest> digests(Collection<String> imageIDs) {
        Set<Digest> out = new HashSet<>();
        for (String id : imageIDs) StoreImageSource.digestOfImageId(id).ifPresent(out::add);
        return out;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
