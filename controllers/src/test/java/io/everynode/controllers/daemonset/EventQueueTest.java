package io.everynode.controllers.daemonset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventQueueTest {
    @Test
    void eventsAreWrittenInOrderOffTheCallersThread() {
        List<String> written = new CopyOnWriteArrayList<>();
        try (EventQueue q = new EventQueue("test", 10)) {
            for (int i = 0; i < 5; i++) {
                int n = i;
                assertThat(q.offer(() -> written.add(Thread.currentThread().getName() + ":" + n), "e" + n)).isTrue();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> written.size() == 5);
        }
        assertThat(written).containsExactly("test-events:0", "test-events:1", "test-events:2", "test-events:3", "test-events:4");
    }

    @Test
    void aFullQueueDropsTheEventInsteadOfWaiting() throws InterruptedException {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (EventQueue q = new EventQueue("test", 2)) {
            q.offer(() -> {
                writing.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "blocking");
            assertThat(writing.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(q.offer(() -> { }, "a")).isTrue();
            assertThat(q.offer(() -> { }, "b")).isTrue();

            assertThat(q.offer(() -> { }, "c")).isFalse();
            assertThat(q.dropped()).isEqualTo(1);
            release.countDown();
        }
    }

    @Test
    void aFailingWriteDoesNotStopTheOnesAfterIt() {
        List<String> written = new CopyOnWriteArrayList<>();
        try (EventQueue q = new EventQueue("test", 10)) {
            q.offer(() -> {
                throw new IllegalStateException("api away");
            }, "bad");
            q.offer(() -> written.add("good"), "good");
            await().atMost(Duration.ofSeconds(30)).until(() -> written.contains("good"));
        }
    }
}
