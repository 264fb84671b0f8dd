package io.everynode.agent.eviction;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EvictionManagerTest {
    private static final long MI = 1L << 20;

    private final ManualClock clock = new ManualClock();
    /** The fake signal: what the test says is available on a 1Gi node. */
    private volatile long availableMi = 900;

    private final MemorySignal signal = active -> Optional.of(new MemoryStats(1024 * MI, availableMi * MI));
    private final RecordingHost host = new RecordingHost();
    private final EvictionManager manager = new EvictionManager(EvictionConfig.defaults(), signal, clock, host);

    /** An in-memory node: its active pods; evict records and removes, as the agent does. */
    static class RecordingHost implements EvictionManager.Host {
        final List<ActivePod> active = new ArrayList<>();
        final List<String> evicted = new ArrayList<>();
        final List<String> messages = new ArrayList<>();
        final List<Boolean> pressureChanges = new ArrayList<>();
        boolean refuse;

        @Override
        public List<ActivePod> activePods() {
            return List.copyOf(active);
        }

        @Override
        public boolean evict(Pod pod, String message) {
            if (refuse) return false;
            evicted.add(pod.getMetadata().getName());
            messages.add(message);
            active.removeIf(p -> p.pod() == pod);
            return true;
        }

        @Override
        public void pressureChanged(boolean underPressure) {
            pressureChanges.add(underPressure);
        }
    }

    private static ActivePod critical(String name, long usageMi) {
        ActivePod p = EvictionRankingTest.pod(name, 0, 2_000_001_000, usageMi);
        return p;
    }

    @Test
    void aboveTheThresholdNothingIsEvictedAndThereIsNoPressure() {
        host.active.add(EvictionRankingTest.pod("app", 0, 0, 100));
        EvictionManager.Pass pass = manager.pass();
        assertThat(pass.pressure()).isFalse();
        assertThat(pass.evicted()).isEmpty();
        assertThat(host.evicted).isEmpty();
        assertThat(manager.memoryPressure()).isFalse();
    }

    @Test
    void belowTheThresholdOnePodIsEvictedPerPassInRankOrder() {
        host.active.add(EvictionRankingTest.pod("within", 500, 0, 300));
        host.active.add(EvictionRankingTest.pod("besteffort", 0, 0, 100));
        host.active.add(EvictionRankingTest.pod("over", 100, 0, 300));
        availableMi = 42;

        manager.pass();
        assertThat(host.evicted).containsExactly("over");
        manager.pass();
        assertThat(host.evicted).containsExactly("over", "besteffort");
        manager.pass();
        assertThat(host.evicted).containsExactly("over", "besteffort", "within");
        assertThat(host.messages.get(0))
                .isEqualTo("The node was low on resource: memory. Threshold quantity: 100Mi, available: 42Mi. "
                        + "Container main was using 300Mi, request is 100Mi, has larger consumption of memory. ");
    }

    @Test
    void aCriticalPodIsNeverEvictedAndTheNextOneIsTried() {
        host.active.add(critical("node-critical", 800));
        host.active.add(EvictionRankingTest.pod("app", 500, 0, 100));
        availableMi = 10;

        EvictionManager.Pass first = manager.pass();
        assertThat(first.evicted()).map(p -> p.getMetadata().getName()).contains("app");
        assertThat(first.spared()).extracting(p -> p.getMetadata().getName()).containsExactly("node-critical");

        EvictionManager.Pass second = manager.pass();
        assertThat(second.evicted()).isEmpty();
        assertThat(second.pressure()).isTrue();
        assertThat(host.evicted).containsExactly("app");
    }

    @Test
    void staticAndMirrorPodsAreCriticalToo() {
        ActivePod mirror = EvictionRankingTest.pod("mirror", 0, 0, 800);
        mirror.pod().getMetadata().setAnnotations(java.util.Map.of("kubernetes.io/config.mirror", "abc"));
        ActivePod fromFile = EvictionRankingTest.pod("static", 0, 0, 700);
        fromFile.pod().getMetadata().setAnnotations(java.util.Map.of("kubernetes.io/config.source", "file"));
        host.active.add(mirror);
        host.active.add(fromFile);
        availableMi = 10;
        assertThat(manager.pass().evicted()).isEmpty();
        assertThat(host.evicted).isEmpty();
    }

    @Test
    void aPodThatCannotBeEvictedLetsTheNextBeTried() {
        RecordingHost picky = new RecordingHost() {
            @Override
            public boolean evict(Pod pod, String message) {
                return !pod.getMetadata().getName().equals("gone") && super.evict(pod, message);
            }
        };
        picky.active.add(EvictionRankingTest.pod("gone", 0, 0, 900));
        picky.active.add(EvictionRankingTest.pod("next", 0, 0, 100));
        availableMi = 10;
        new EvictionManager(EvictionConfig.defaults(), signal, clock, picky).pass();
        assertThat(picky.evicted).containsExactly("next");
    }

    @Test
    void memoryPressureStaysForTheTransitionPeriodAfterTheLastPressureSeen() {
        availableMi = 50;
        assertThat(manager.pass().pressure()).isTrue();
        assertThat(host.pressureChanges).containsExactly(true);

        availableMi = 500;
        clock.advance(Duration.ofSeconds(10));
        assertThat(manager.pass().pressure()).isTrue();
        clock.advance(Duration.ofMinutes(4).plusSeconds(49));
        assertThat(manager.pass().pressure()).isTrue();

        availableMi = 99;
        clock.advance(Duration.ofSeconds(10));
        assertThat(manager.pass().pressure()).isTrue(); // seen again: the five minutes start over
        availableMi = 500;
        clock.advance(Duration.ofMinutes(4).plusSeconds(59));
        assertThat(manager.pass().pressure()).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(manager.pass().pressure()).isFalse();
        assertThat(manager.memoryPressure()).isFalse();
        assertThat(host.pressureChanges).containsExactly(true, false);
    }

    @Test
    void duringTheTransitionPeriodNothingIsEvicted() {
        host.active.add(EvictionRankingTest.pod("app", 0, 0, 100));
        availableMi = 50;
        host.refuse = true;
        manager.pass();
        host.refuse = false;
        availableMi = 500;
        clock.advance(Duration.ofSeconds(10));
        assertThat(manager.pass().pressure()).isTrue();
        assertThat(host.evicted).isEmpty();
    }

    @Test
    void exactlyAtTheThresholdIsNoPressure() {
        availableMi = 100;
        assertThat(manager.pass().pressure()).isFalse();
    }

    @Test
    void aPercentageThresholdIsTakenOfTheSignalsCapacity() {
        EvictionManager tenPercent = new EvictionManager(
                EvictionConfig.defaults().withHard(MemoryThreshold.parse("10%")), signal, clock, host);
        availableMi = 110;
        assertThat(tenPercent.pass().pressure()).isFalse();
        availableMi = 100;
        EvictionManager.Pass pass = tenPercent.pass();
        assertThat(pass.pressure()).isTrue();
        assertThat(pass.thresholdBytes()).isEqualTo((long) (1024 * MI * 0.10));
    }

    @Test
    void anUnreadableSignalChangesNothing() {
        host.active.add(EvictionRankingTest.pod("app", 0, 0, 100));
        EvictionManager blind = new EvictionManager(EvictionConfig.defaults(), active -> Optional.empty(), clock, host);
        EvictionManager.Pass pass = blind.pass();
        assertThat(pass.stats()).isEmpty();
        assertThat(pass.pressure()).isFalse();
        assertThat(host.evicted).isEmpty();
    }

    @Test
    void theSimulatedSignalIsCapacityMinusThePodsUse() {
        List<ActivePod> pods = List.of(
                EvictionRankingTest.pod("a", 0, 0, 300),
                EvictionRankingTest.pod("b", 0, 0, 400),
                new ActivePod(
                        new PodBuilder()
                                .withNewMetadata()
                                .withName("c")
                                .endMetadata()
                                .build(),
                        java.util.OptionalLong.empty()));
        assertThat(MemorySignal.podSum(1024 * MI).observe(pods)).contains(new MemoryStats(1024 * MI, 324 * MI));
        assertThat(MemorySignal.podSum(512 * MI).observe(pods)).contains(new MemoryStats(512 * MI, 0));
    }
}
