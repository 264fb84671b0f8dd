package io.everynode.images;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.testkit.ManualClock;
import io.everynode.testkit.images.Layer;
import io.everynode.testkit.images.OciImage;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageGcTest {
    @TempDir
    java.nio.file.Path tmp;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final AtomicLong capacity = new AtomicLong(1_000_000);
    private final AtomicLong available = new AtomicLong();
    private final DiskUsage disk = new DiskUsage() {
        @Override
        public long capacityBytes() {
            return capacity.get();
        }

        @Override
        public long availableBytes() {
            return available.get();
        }
    };
    private ImageStore store;

    @BeforeEach
    void setUp() throws Exception {
        store = new ImageStore(tmp.resolve("store"), Platform.current(), SpecialFiles.commands(), clock);
        for (String name : new String[] {"old", "older", "busy", "new"}) {
            OciImage image = OciImage.builder()
                    .layer(new Layer().file(name, name.repeat(1000), 0644))
                    .build();
            image.writeOciLayout(tmp.resolve(name), "x/" + name + ":1");
            new ImageImporter(store).importFrom(tmp.resolve(name), Optional.empty());
        }
        touch("older", Instant.parse("2026-01-01T00:00:00Z"));
        touch("busy", Instant.parse("2026-01-01T00:01:00Z"));
        touch("old", Instant.parse("2026-01-01T00:02:00Z"));
        touch("new", Instant.parse("2026-01-01T00:09:00Z"));
        clock.set(Instant.parse("2026-01-01T00:10:00Z"));
    }

    private void touch(String name, Instant at) throws Exception {
        clock.set(at);
        store.touch(digest(name));
    }

    private Digest digest(String name) {
        return store.find(ImageReference.parse("x/" + name + ":1"))
                .orElseThrow()
                .digest();
    }

    private ImageGc gc() {
        return new ImageGc(store, disk, clock, () -> Set.of(digest("busy")), 85, 80, Duration.ofMinutes(2));
    }

    @Test
    void belowTheHighThresholdNothingIsRemoved() throws Exception {
        available.set(160_000); // 84% used

        ImageGc.Result result = gc().run();

        assertThat(result.usagePercent()).isEqualTo(84);
        assertThat(result.removed()).isEmpty();
        assertThat(store.list()).hasSize(4);
    }

    @Test
    void aboveItTheLeastRecentlyUsedUnusedImagesGoUntilTheLowThresholdIsReached() throws Exception {
        // The 5% between the thresholds is one byte less than the least recently used image.
        long oldest =
                store.find(ImageReference.parse("x/older:1")).orElseThrow().size();
        capacity.set(20 * oldest);
        available.set(3 * oldest - 1); // 86% used; down to 80% frees oldest + 1 bytes

        ImageGc.Result result = gc().run();

        assertThat(result.usagePercent()).as(result.toString()).isEqualTo(86);
        // "older" first (least recently used), then "old"; "busy" is in use, "new" younger than 2 minutes
        assertThat(result.removed()).containsExactly("docker.io/x/older:1", "docker.io/x/old:1");
        assertThat(store.list())
                .flatExtracting(StoredImage::names)
                .containsExactlyInAnyOrder("docker.io/x/busy:1", "docker.io/x/new:1");
    }

    @Test
    void imagesInUseOrRecentlyUsedAreKeptEvenWhenTheDiskStaysFull() throws Exception {
        available.set(0);

        ImageGc.Result result = gc().run();

        assertThat(result.removed()).containsExactlyInAnyOrder("docker.io/x/older:1", "docker.io/x/old:1");
        assertThat(result.bytesFreed()).isLessThan(result.bytesToFree());
        assertThat(store.list())
                .flatExtracting(StoredImage::names)
                .containsExactlyInAnyOrder("docker.io/x/busy:1", "docker.io/x/new:1");
    }
}
