package io.everynode.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.client.ClientConfig;
import io.everynode.client.FailoverTransport;
import io.everynode.client.HttpTransport;
import io.everynode.client.Informer;
import io.everynode.client.KubeClient;
import io.everynode.testkit.net.LoopbackProxy;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An agent given two servers keeps its node and pods going when the first dies: two loopback
 * fronts of one API server, the first of which the test stops (its connections cut, new ones
 * refused), so the agent's calls and watches move to the second. When the first hangs instead
 * (connections open, nothing answered, as a SIGSTOPped server), the agent's request timeout and
 * its watches' read-idle timeout ({@link ClientConfig#watchIdleTimeout()}) move it on.
 */
class AgentFailoverIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final TestCluster cluster = new TestCluster();
    private final Clock clock = Clock.systemUTC();
    private final SimulatedRuntime runtime = new SimulatedRuntime(TestCluster.runtimeConfig(), clock, "n1");
    private final LoopbackProxy first;
    private final LoopbackProxy second;
    private final KubeClient client;
    /** Times out quickly: 2 s for an answer, 3 s of silence on a watch with bookmarks. */
    private final KubeClient impatient;

    private NodeAgent agent;

    AgentFailoverIT() throws Exception {
        first = new LoopbackProxy(cluster.url().getPort());
        second = new LoopbackProxy(cluster.url().getPort());
        ClientConfig config = ClientConfig.defaults();
        client = new KubeClient(
                new FailoverTransport(
                        List.of(new HttpTransport(first.url(), config), new HttpTransport(second.url(), config))),
                config,
                clock);
        ClientConfig quick = ClientConfig.defaults()
                .withRequestTimeout(Duration.ofSeconds(2))
                .withWatchIdleTimeout(Duration.ofSeconds(3));
        impatient = new KubeClient(
                new FailoverTransport(
                        List.of(new HttpTransport(first.url(), quick), new HttpTransport(second.url(), quick))),
                quick,
                clock);
    }

    @AfterEach
    void tearDown() {
        if (agent != null) agent.close();
        client.close();
        impatient.close();
        first.close();
        second.close();
        runtime.close();
        cluster.close();
    }

    private String leaseVersion() {
        return cluster.client
                .get(Lease.class, "kube-node-lease", "n1")
                .getMetadata()
                .getResourceVersion();
    }

    @Test
    void whenItsFirstServerDiesTheAgentHeartbeatsAndRunsNewPodsThroughTheSecond() {
        agent = NodeAgent.start(client, TestCluster.agentConfig("n1"), runtime, clock);
        cluster.client.create(TestCluster.pod("before", "n1").build());
        await().atMost(WAIT)
                .until(() ->
                        cluster.pod("before").map(TestCluster::runningAndReady).orElse(false));
        assertThat(second.accepted()).isZero();

        first.close();
        String atTheCut = leaseVersion();
        await().atMost(WAIT).until(() -> !leaseVersion().equals(atTheCut)); // renewed through the second
        cluster.client.create(TestCluster.pod("after", "n1").build());

        await().atMost(WAIT)
                .until(() ->
                        cluster.pod("after").map(TestCluster::runningAndReady).orElse(false));
        assertThat(cluster.condition("n1", "Ready")).isEqualTo("True");
        assertThat(cluster.pod("before").map(TestCluster::runningAndReady)).contains(true);
        assertThat(second.accepted()).isPositive();
    }

    /**
     * A fleet shares one pod informer among its nodes; when the server that informer watches dies,
     * the pods bound and deleted after it still reach the nodes, through the second server.
     */
    @Test
    void whenItsFirstServerDiesAFleetStartsAndStopsPodsThroughTheSecond() {
        try (SimulatedFleet fleet = new SimulatedFleet(client, clock, TestCluster.runtimeConfig())) {
            fleet.add(TestCluster.agentConfig("n1"));
            cluster.client.create(TestCluster.pod("before", "n1").build());
            await().atMost(WAIT)
                    .until(() -> cluster.pod("before")
                            .map(TestCluster::runningAndReady)
                            .orElse(false));
            assertThat(second.accepted()).isZero();

            first.close();
            cluster.client.create(TestCluster.pod("after", "n1").build());
            cluster.client.delete(Pod.class, "default", "before");

            await().atMost(WAIT)
                    .until(() -> cluster.pod("after")
                            .map(TestCluster::runningAndReady)
                            .orElse(false));
            // The graceful delete sets a deletionTimestamp; only the node's agent removes the pod.
            await().atMost(WAIT).until(() -> cluster.pod("before").isEmpty());
            assertThat(second.accepted()).isPositive();
        }
    }

    @Test
    void anInformerWhoseServerDiesWatchesOnFromTheNextWithoutRelisting() throws Exception {
        cluster.client.create(TestCluster.pod("listed", "n1").build());
        try (Informer<Pod> informer = new Informer<>(client, Pod.class, "default")) {
            informer.start();
            assertThat(informer.awaitSynced(WAIT)).isTrue();

            first.close();
            cluster.client.create(TestCluster.pod("while-it-was-away", "n1").build());

            await().atMost(WAIT)
                    .until(() -> informer.lister()
                            .get("default", "while-it-was-away")
                            .isPresent());
            assertThat(informer.relists()).isZero();
            assertThat(second.accepted()).isPositive();
        }
    }

    @Test
    void whenItsFirstServerHangsTheAgentGivesUpOnItAndCarriesOnThroughTheSecond() {
        agent = NodeAgent.start(impatient, TestCluster.agentConfig("n1"), runtime, clock);
        cluster.client.create(TestCluster.pod("before", "n1").build());
        await().atMost(WAIT)
                .until(() ->
                        cluster.pod("before").map(TestCluster::runningAndReady).orElse(false));

        first.freeze();
        String atTheFreeze = leaseVersion();
        await().atMost(WAIT).until(() -> !leaseVersion().equals(atTheFreeze)); // renewed through the second
        cluster.client.create(TestCluster.pod("after", "n1").build()); // seen only by a watch on the second

        await().atMost(WAIT)
                .until(() ->
                        cluster.pod("after").map(TestCluster::runningAndReady).orElse(false));
        assertThat(cluster.condition("n1", "Ready")).isEqualTo("True");
        assertThat(second.accepted()).isPositive();
    }

    @Test
    void anInformerWhoseServerHangsWatchesOnFromTheNextWithoutRelisting() throws Exception {
        cluster.client.create(TestCluster.pod("listed", "n1").build());
        try (Informer<Pod> informer = new Informer<>(impatient, Pod.class, "default")) {
            informer.start();
            assertThat(informer.awaitSynced(WAIT)).isTrue();

            first.freeze();
            cluster.client.create(TestCluster.pod("while-it-hung", "n1").build());

            await().atMost(WAIT)
                    .until(() ->
                            informer.lister().get("default", "while-it-hung").isPresent());
            assertThat(informer.relists()).isZero();
            assertThat(second.accepted()).isPositive();
        }
    }
}
