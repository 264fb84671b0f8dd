package io.everynode.agent.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.images.Digest;
import io.everynode.images.DiskUsage;
import io.everynode.images.ImageGc;
import io.everynode.images.ImageImporter;
import io.everynode.images.ImageReference;
import io.everynode.images.ImageStore;
import io.everynode.images.Platform;
import io.everynode.images.SpecialFiles;
import io.everynode.testkit.ManualClock;
import io.everynode.testkit.images.Layer;
import io.everynode.testkit.images.OciImage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageGcTimerTest {
    @TempDir
    Path tmp;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    /** A full disk: every run has to free what it can. */
    private final DiskUsage full = new DiskUsage() {
        @Override
        public long capacityBytes() {
            return 1_000_000;
        }

        @Override
        public long availableBytes() {
            return 0;
        }
    };

    private ImageStore store;

    @BeforeEach
    void setUp() throws Exception {
        store = new ImageStore(tmp.resolve("store"), Platform.current(), SpecialFiles.commands(), clock);
        for (String name : List.of("idle", "busy", "crashing")) {
            OciImage image = OciImage.builder()
                    .layer(new Layer().file(name, name.repeat(100), 0644))
                    .build();
            image.writeOciLayout(tmp.resolve(name), "x/" + name + ":1");
            new ImageImporter(store).importFrom(tmp.resolve(name), Optional.empty());
        }
        clock.advance(Duration.ofMinutes(10));
    }

    private Digest digest(String name) {
        return store.find(ImageReference.parse("x/" + name + ":1"))
                .orElseThrow()
                .digest();
    }

    private ImageGc gc(Set<String> imageIDsInUse) {
        return new ImageGc(
                store,
                full,
                clock,
                () -> ImageGcTimer.digests(imageIDsInUse),
                ImageGc.DEFAULT_HIGH_PERCENT,
                ImageGc.DEFAULT_LOW_PERCENT,
                ImageGc.DEFAULT_MIN_AGE);
    }

    @Test
    void theTimerRemovesAnUnusedImageAndKeepsTheImagesTheRuntimesContainersUse() {
        Set<String> inUse =
                Set.of("docker.io/x/busy@" + digest("busy"), "127.0.0.1:5000/x/crashing@" + digest("crashing"));
        ImageGcTimer timer = new ImageGcTimer(gc(inUse), Duration.ofMillis(20));
        try {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> store.find(ImageReference.parse("x/idle:1")).isEmpty());
        } finally {
            timer.close();
        }
        assertThat(store.list())
                .extracting(i -> i.digest())
                .containsExactlyInAnyOrder(digest("busy"), digest("crashing"));
    }

    @Test
    void imageIDsThatNameNoDigestProtectNothingAndBreakNothing() {
        try (ImageGcTimer timer =
                new ImageGcTimer(gc(Set.of("", "busybox", "x/busy@sha256:zz")), Duration.ofHours(1))) {
            ImageGc.Result r = timer.runOnce().orElseThrow();
            assertThat(r.removed())
                    .containsExactlyInAnyOrder("docker.io/x/idle:1", "docker.io/x/busy:1", "docker.io/x/crashing:1");
        }
        assertThat(store.list()).isEmpty();
    }
}
