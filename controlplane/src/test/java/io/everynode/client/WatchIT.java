package io.everynode.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.everynode.client.Cluster.Via;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WatchIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private Cluster cluster;

    @BeforeEach
    void start() throws Exception {
        cluster = new Cluster();
    }

    @AfterEach
    void stop() throws Exception {
        cluster.close();
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void aWatchFromAListSeesAddedModifiedAndDeleted(Via via) {
        KubeClient client = cluster.client(via);
        String rv = client.list(Pod.class, "default").resourceVersion();
        Recorder<Pod> events = new Recorder<>();
        WatchHandle w = client.watch(
                Pod.class,
                "default",
                new ListOptionsBuilder().withResourceVersion(rv).build(),
                events);
        try {
            client.create(Cluster.pod("web-1"));
            client.patch(Pod.class, "default", "web-1", PatchType.MERGE, "{\"metadata\":{\"labels\":{\"v\":\"2\"}}}");
            client.delete(
                    Pod.class,
                    "default",
                    "web-1",
                    new DeleteOptionsBuilder().withGracePeriodSeconds(0L).build());
            await().atMost(WAIT).until(() -> events.lines().contains("DELETED web-1"));
            assertThat(events.lines()).containsExactly("ADDED web-1", "MODIFIED web-1", "DELETED web-1");
        } finally {
            w.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void aWatchWithoutAResourceVersionStartsWithTheCurrentObjects(Via via) {
        KubeClient client = cluster.client(via);
        client.create(Cluster.pod("web-1"));
        Recorder<Pod> events = new Recorder<>();
        WatchHandle w = client.watch(Pod.class, "default", null, events);
        try {
            client.create(Cluster.pod("web-2"));
            await().atMost(WAIT).until(() -> events.lines().size() == 2);
            assertThat(events.lines()).containsExactly("ADDED web-1", "ADDED web-2");
        } finally {
            w.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void aWatchSeesOnlyObjectsMatchingItsLabelSelector(Via via) {
        KubeClient client = cluster.client(via);
        Recorder<Pod> events = new Recorder<>();
        WatchHandle w = client.watch(
                Pod.class,
                null,
                new ListOptionsBuilder().withLabelSelector("app=db").build(),
                events);
        try {
            client.create(Cluster.pod("web-1"));
            Pod db = Cluster.pod("db-1");
            db.getMetadata().getLabels().put("app", "db");
            client.create(db);
            await().atMost(WAIT).until(() -> !events.lines().isEmpty());
            assertThat(events.lines()).containsExactly("ADDED db-1");
        } finally {
            w.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void aClosedWatchDeliversNothingMoreAndIsNotReportedAsEnded(Via via) {
        KubeClient client = cluster.client(via);
        String rv = client.list(Pod.class, "default").resourceVersion();
        Recorder<Pod> first = new Recorder<>();
        WatchHandle w = client.watch(
                Pod.class,
                "default",
                new ListOptionsBuilder().withResourceVersion(rv).build(),
                first);
        w.close();
        client.create(Cluster.pod("web-1"));
        Recorder<Pod> second = new Recorder<>();
        WatchHandle w2 = client.watch(
                Pod.class,
                "default",
                new ListOptionsBuilder().withResourceVersion(rv).build(),
                second);
        try {
            await().atMost(WAIT).until(() -> second.lines().contains("ADDED web-1"));
        } finally {
            w2.close();
        }
        assertThat(first.lines()).isEmpty();
        assertThat(first.closeCount()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void aWatchTheServerEndsAtItsTimeoutIsReportedWithoutACause(Via via) {
        KubeClient client = cluster.client(via);
        Recorder<Pod> events = new Recorder<>();
        client.watch(
                Pod.class,
                "default",
                new ListOptionsBuilder().withTimeoutSeconds(1L).build(),
                events);
        await().atMost(WAIT).until(() -> events.closeCount() == 1);
        assertThat(events.failures()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void aWatchWithABadSelectorIsRefusedAtOnce(Via via) {
        KubeClient client = cluster.client(via);
        assertThatThrownBy(() -> client.watch(
                        Pod.class,
                        null,
                        new ListOptionsBuilder()
                                .withFieldSelector("spec.image=x")
                                .build(),
                        new Recorder<>()))
                .isInstanceOfSatisfying(
                        ApiError.class, e -> assertThat(e.code()).isEqualTo(400));
    }
}
