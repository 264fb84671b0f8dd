package io.everynode.controllers.daemonset;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.rollout.AdvancedRollout;
import io.everynode.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * E7.2 and E7.3 in the controller's core: an Advanced DaemonSet's view owns its pods under its
 * own apiVersion, the two controllers never take each other's pods even when a uid matches, and
 * a DaemonSet's burst annotation bounds its creates per sync.
 */
class AdvancedKindTest {
    private static final String ADVANCED = "apps.kruise.io/v1alpha1";

    private static DaemonSet advanced(String name) {
        DaemonSet view = Fixtures.daemonSet(name);
        view.setApiVersion(ADVANCED);
        return view;
    }

    @Test
    void podsOfAnAdvancedViewAreOwnedByTheAdvancedKind() {
        Pod pod = PodTemplates.forNode(PodTemplates.base(advanced("agent"), "h1"), "node-1");

        assertThat(pod.getMetadata().getOwnerReferences()).singleElement().satisfies(r -> {
            assertThat(r.getApiVersion()).isEqualTo(ADVANCED);
            assertThat(r.getKind()).isEqualTo("DaemonSet");
            assertThat(r.getController()).isTrue();
        });
        assertThat(PodTemplates.base(Fixtures.daemonSet("agent"), "h1")
                        .getMetadata()
                        .getOwnerReferences()
                        .get(0)
                        .getApiVersion())
                .isEqualTo("apps/v1");
    }

    @Test
    void neitherKindClaimsOrResolvesThePodsOfTheOtherEvenWithTheSameUid() {
        DaemonSet apps = Fixtures.daemonSet("agent");
        DaemonSet kruise = advanced("agent"); // same name, namespace, selector and (fixture) uid
        Pod ofKruise = Fixtures.podFor(kruise, "agent-k", "node-1", "h1");
        Pod ofApps = Fixtures.podFor(apps, "agent-a", "node-1", "h1");

        assertThat(Claims.plan(apps, List.of(ofKruise, ofApps)).owned()).containsExactly(ofApps);
        assertThat(Claims.plan(kruise, List.of(ofKruise, ofApps)).owned()).containsExactly(ofKruise);
        assertThat(Claims.plan(apps, List.of(ofKruise)).adopt())
                .as("owned by another: never adopted")
                .isEmpty();
        assertThat(DaemonSetEvents.resolve(
                        Fixtures.NS, ofKruise.getMetadata().getOwnerReferences().get(0), List.of(apps)))
                .isEmpty();
        assertThat(DaemonSetEvents.resolve(
                        Fixtures.NS, ofKruise.getMetadata().getOwnerReferences().get(0), List.of(kruise)))
                .contains(kruise);
    }

    @Test
    void aLegacyExtensionsOwnerStillCountsAsAppsV1() {
        DaemonSet apps = Fixtures.daemonSet("agent");
        Pod pod = Fixtures.podFor(apps, "agent-a", "node-1", "h1");
        pod.getMetadata().getOwnerReferences().get(0).setApiVersion("extensions/v1beta1");

        assertThat(Claims.plan(apps, List.of(pod)).owned()).containsExactly(pod);
    }

    @Test
    void theBurstAnnotationBoundsTheCreatesOfOneSync() {
        ManualClock clock = new ManualClock();
        Expectations expectations = new Expectations(clock, Duration.ofMinutes(5));
        AtomicInteger creates = new AtomicInteger();
        ForwardingActions actions = new ForwardingActions(new FakeCluster(clock)) {
            @Override
            public Pod createPod(String ns, Pod pod) {
                creates.incrementAndGet();
                return pod;
            }

            @Override
            public void recordEvent(DaemonSet d, String type, String reason, String message) {}
        };
        DaemonSet ds = advanced("agent");
        ds.getMetadata().setAnnotations(new HashMap<>(java.util.Map.of(AdvancedRollout.BURST_REPLICAS, "3")));
        List<String> nodes = new ArrayList<>();
        for (int i = 0; i < 10; i++) nodes.add("node-" + i);

        new PodWriter(actions, expectations, 250, Runnable::run)
                .write("ns/agent", ds, nodes, List.of(), PodTemplates.base(ds, "h1"));

        assertThat(creates).hasValue(3);
        assertThat(PodWriter.burst(Fixtures.daemonSet("x"), 250))
                .as("no annotation: the controller's")
                .isEqualTo(250);
        ds.getMetadata().getAnnotations().put(AdvancedRollout.BURST_REPLICAS, "0");
        assertThat(PodWriter.burst(ds, 250)).as("unreadable: the controller's").isEqualTo(250);
    }

    @Test
    void theAutoPauseEventSaysHowToResumeEachKind() {
        assertThat(AutoPause.resume(Fixtures.daemonSet("agent")))
                .isEqualTo("kubectl annotate ds agent everynode.io/paused-");
        assertThat(AutoPause.resume(advanced("agent")))
                .isEqualTo("kubectl patch daemonsets.apps.kruise.io agent --type=merge -p"
                        + " '{\"spec\":{\"updateStrategy\":{\"rollingUpdate\":{\"paused\":false}}}}'");
    }
}
