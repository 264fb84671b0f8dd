package io.everynode.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.client.Cluster.Via;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class InformerIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final DeleteOptionsBuilder NOW = new DeleteOptionsBuilder().withGracePeriodSeconds(0L);
    private Cluster cluster;
    private GatedTransport transport;
    private KubeClient client;

    @BeforeEach
    void start() throws Exception {
        cluster = new Cluster();
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) client.close();
        cluster.close();
    }

    private KubeClient client(Via via, ClientConfig config) {
        transport = new GatedTransport(cluster.transport(via, config));
        client = new KubeClient(transport, config, Clock.systemUTC());
        return client;
    }

    private KubeClient client(Via via) {
        return client(via, ClientConfig.defaults());
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void anInformerListsThenSeesEveryChange(Via via) throws Exception {
        KubeClient c = client(via);
        c.create(Cluster.pod("before"));
        try (Informer<Pod> informer = new Informer<>(c, Pod.class, "default")) {
            Recorder<Pod> handler = new Recorder<>();
            informer.addEventHandler(handler);
            informer.start();
            assertThat(informer.awaitSynced(WAIT)).isTrue();
            assertThat(informer.lister().get("default", "before")).isPresent();

            c.create(Cluster.pod("after"));
            c.patch(Pod.class, "default", "after", PatchType.MERGE, "{\"metadata\":{\"labels\":{\"v\":\"2\"}}}");
            c.delete(Pod.class, "default", "before", NOW.build());
            await().atMost(WAIT).until(() -> handler.lines().contains("delete before"));

            assertThat(handler.lines()).containsExactly("add before", "add after", "update after", "delete before");
            assertThat(informer.lister().list())
                    .extracting(p -> p.getMetadata().getName())
                    .containsExactly("after");
            assertThat(informer.lister()
                            .get("default/after")
                            .orElseThrow()
                            .getMetadata()
                            .getLabels())
                    .containsEntry("v", "2");
            assertThat(informer.relists()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void onAnyChangeHearsTheListedObjectsAndEveryLaterAddUpdateAndDelete(Via via) throws Exception {
        KubeClient c = client(via);
        c.create(Cluster.pod("before"));
        try (Informer<Pod> informer = new Informer<>(c, Pod.class, "default")) {
            List<String> keys = new CopyOnWriteArrayList<>();
            informer.onAnyChange(
                    p -> keys.add(Lister.key(p) + (p.getMetadata().getLabels().containsKey("v") ? " v2" : "")));
            informer.start();
            assertThat(informer.awaitSynced(WAIT)).isTrue();

            c.create(Cluster.pod("after"));
            c.patch(Pod.class, "default", "after", PatchType.MERGE, "{\"metadata\":{\"labels\":{\"v\":\"2\"}}}");
            c.delete(Pod.class, "default", "before", NOW.build());
            await().atMost(WAIT).until(() -> keys.size() == 4);

            assertThat(keys).containsExactly("default/before", "default/after", "default/after v2", "default/before");
        }
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void afterA410TheInformerRelistsAndReportsTheDifferences(Via via) throws Exception {
        KubeClient c = client(via);
        c.create(Cluster.pod("kept"));
        c.create(Cluster.pod("changed"));
        c.create(Cluster.pod("removed"));
        try (Informer<Pod> informer = new Informer<>(c, Pod.class, "default")) {
            Recorder<Pod> handler = new Recorder<>();
            informer.addEventHandler(handler);
            informer.start();
            assertThat(informer.awaitSynced(WAIT)).isTrue();
            await().atMost(WAIT).until(() -> transport.streamsOpened() == 1);

            // The connection drops; while the informer is away, the world changes.
            transport.hold();
            transport.cut();
            await().atMost(WAIT).until(() -> transport.streamsWaiting() == 1);
            c.create(Cluster.pod("new"));
            c.patch(Pod.class, "default", "changed", PatchType.MERGE, "{\"metadata\":{\"labels\":{\"v\":\"2\"}}}");
            c.delete(Pod.class, "default", "removed", NOW.build());
            // ...and the server no longer has the history the informer would resume from.
            transport.release(true);

            await().atMost(WAIT)
                    .until(() -> informer.relists() == 1 && handler.lines().size() == 6);
            assertThat(handler.lines().subList(3, 6))
                    .containsExactlyInAnyOrder("add new", "update changed", "delete removed");
            assertThat(informer.lister().list())
                    .extracting(p -> p.getMetadata().getName())
                    .containsExactlyInAnyOrder("kept", "changed", "new");

            // ...and it watches on from the relist.
            c.create(Cluster.pod("later"));
            await().atMost(WAIT).until(() -> handler.lines().contains("add later"));
        }
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void whenTheServerEndsItsWatchTheInformerResumesWithoutLosingChanges(Via via) throws Exception {
        KubeClient c = client(via, ClientConfig.defaults().withInformerWatchTimeout(Duration.ofSeconds(1)));
        try (Informer<Pod> informer = new Informer<>(c, Pod.class, "default")) {
            Recorder<Pod> handler = new Recorder<>();
            informer.addEventHandler(handler);
            informer.start();
            assertThat(informer.awaitSynced(WAIT)).isTrue();
            c.create(Cluster.pod("first"));
            await().atMost(WAIT).until(() -> transport.streamsOpened() >= 2);
            c.create(Cluster.pod("second"));
            c.delete(Pod.class, "default", "first", NOW.build());
            await().atMost(WAIT).until(() -> transport.streamsOpened() >= 3);
            c.create(Cluster.pod("third"));
            await().atMost(WAIT).until(() -> handler.lines().contains("add third"));
            assertThat(handler.lines()).containsExactly("add first", "add second", "delete first", "add third");
            assertThat(informer.relists()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void aCustomIndexFindsPodsByNode(Via via) throws Exception {
        KubeClient c = client(via);
        try (Informer<Pod> informer = new Informer<>(c, Pod.class, null)) {
            informer.addIndex(
                    "nodeName",
                    p -> p.getSpec().getNodeName() == null
                            ? List.of()
                            : List.of(p.getSpec().getNodeName()));
            informer.start();
            assertThat(informer.awaitSynced(WAIT)).isTrue();
            c.create(Cluster.pod("a"));
            c.create(Cluster.pod("b"));
            c.bind(c.get(Pod.class, "default", "a"), "node-1");
            await().atMost(WAIT)
                    .until(() -> informer.lister().byIndex("nodeName", "node-1").size() == 1
                            && informer.lister().list().size() == 2);
            assertThat(informer.lister().byIndex("nodeName", "node-1"))
                    .extracting(p -> p.getMetadata().getName())
                    .containsExactly("a");
            assertThat(informer.lister().list("default")).hasSize(2);
            assertThat(informer.lister().list("kube-system")).isEmpty();

            c.delete(Pod.class, "default", "a", NOW.build());
            await().atMost(WAIT)
                    .until(() -> informer.lister().byIndex("nodeName", "node-1").isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void aHandlerAddedLateIsToldOfTheObjectsAlreadyCached(Via via) throws Exception {
        KubeClient c = client(via);
        c.create(Cluster.pod("a"));
        try (Informer<Pod> informer = new Informer<>(c, Pod.class, "default")) {
            informer.start();
            assertThat(informer.awaitSynced(WAIT)).isTrue();
            Recorder<Pod> late = new Recorder<>();
            informer.addEventHandler(late);
            assertThat(late.lines()).containsExactly("add a");
        }
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void aFailingHandlerDoesNotKeepOtherHandlersOrTheCacheFromChanges(Via via) throws Exception {
        KubeClient c = client(via);
        try (Informer<Pod> informer = new Informer<>(c, Pod.class, "default")) {
            informer.addEventHandler(new ResourceEventHandler<>() {
                @Override
                public void onAdd(Pod object) {
                    throw new IllegalStateException("a handler bug");
                }
            });
            Recorder<Pod> healthy = new Recorder<>();
            informer.addEventHandler(healthy);
            informer.start();
            assertThat(informer.awaitSynced(WAIT)).isTrue();
            c.create(Cluster.pod("a"));
            c.create(Cluster.pod("b"));
            await().atMost(WAIT).until(() -> healthy.lines().size() == 2);
            assertThat(healthy.lines()).containsExactly("add a", "add b");
            assertThat(informer.lister().list()).hasSize(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void theFactorySharesOneInformerPerKind(Via via) throws Exception {
        KubeClient c = client(via);
        c.create(new NodeBuilder()
                .withNewMetadata()
                .withName("node-1")
                .endMetadata()
                .build());
        try (SharedInformerFactory factory = new SharedInformerFactory(c)) {
            Informer<Pod> pods = factory.informerFor(Pod.class);
            assertThat(factory.informerFor(Pod.class)).isSameAs(pods);
            Informer<Node> nodes = factory.informerFor(Node.class);
            factory.start();
            assertThat(factory.waitForCacheSync(WAIT)).isTrue();
            assertThat(nodes.lister().get("node-1")).isPresent();
            assertThat(pods.hasSynced()).isTrue();
        }
    }
}
