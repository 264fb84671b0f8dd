package io.everynode.images;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Image garbage collection as the kubelet's image manager does it: when the store's filesystem is
 * used at or above {@code highPercent} (85 by default), images that no container uses and that were
 * not used for {@code minAge} (2 minutes) are removed, least recently used first, until the bytes
 * freed bring usage down to {@code lowPercent} (80). Freed bytes are counted by image size, as the
 * kubelet counts them. Run it from a timer (the kubelet checks every 5 minutes).
 */
public final class ImageGc {
    public static final int DEFAULT_HIGH_PERCENT = 85;
    public static final int DEFAULT_LOW_PERCENT = 80;
    public static final Duration DEFAULT_MIN_AGE = Duration.ofMinutes(2);

    /** What one run did. */
    public record Result(int usagePercent, long bytesToFree, long bytesFreed, List<String> removed) {}

    private final ImageStore store;
    private final DiskUsage disk;
    private final Clock clock;
    private final Supplier<Set<Digest>> inUse;
    private final int highPercent;
    private final int lowPercent;
    private final Duration minAge;

    /**
     * @param inUse the digests (as {@link StoredImage#digest()}) of the images containers use now
     */
    public ImageGc(
            ImageStore store,
            DiskUsage disk,
            Clock clock,
            Supplier<Set<Digest>> inUse,
            int highPercent,
            int lowPercent,
            Duration minAge) {
        if (lowPercent < 0 || highPercent > 100 || lowPercent > highPercent) {
            throw new IllegalArgumentException(
                    "image GC thresholds want 0 <= low (" + lowPercent + ") <= high (" + highPercent + ") <= 100");
        }
        this.store = store;
        this.disk = disk;
        this.clock = clock;
        this.inUse = inUse;
        this.highPercent = highPercent;
        this.lowPercent = lowPercent;
        this.minAge = minAge;
    }

    public Result run() throws IOException {
        long capacity = disk.capacityBytes();
        long available = disk.availableBytes();
        if (capacity <= 0) return new Result(0, 0, 0, List.of());
        int usage = (int) (100 - available * 100 / capacity);
        if (usage < highPercent) return new Result(usage, 0, 0, List.of());
        long toFree = capacity * (100 - lowPercent) / 100 - available;
        Set<Digest> used = inUse.get();
        Instant now = clock.instant();
        List<StoredImage> candidates = new ArrayList<>();
        for (StoredImage image : store.list()) {
            if (used.contains(image.digest())) continue;
            if (store.lastUsed(image.digest()).plus(minAge).isAfter(now)) continue;
            candidates.add(image);
        }
        candidates.sort(Comparator.comparing((StoredImage i) -> store.lastUsed(i.digest())));
        long freed = 0;
        List<String> removed = new ArrayList<>();
        for (StoredImage image : candidates) {
            if (freed >= toFree) break;
            store.removeImage(image.digest());
            freed += image.size();
            removed.addAll(image.names());
        }
        return new Result(usage, toFree, freed, removed);
    }
}
