package io.everynode.client.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.everynode.client.leader.LeaseElection.Action;
import io.everynode.client.leader.LeaseElection.Step;
import io.everynode.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LeaseElectionTest {
    private static final String ME = "host-a_1111";
    private static final String RIVAL = "host-b_2222";
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final LeaderElectionConfig config =
            LeaderElectionConfig.defaults("kube-controller-manager").withIdentity(ME);
    private final LeaseElection election = new LeaseElection(config);

    /** A Lease as the server would answer it, its record written on another clock. */
    private static Lease lease(String holder, int durationSeconds, int transitions, String rv, Instant renewed) {
        return new LeaseBuilder()
                .withNewMetadata()
                .withNamespace("kube-system")
                .withName("kube-controller-manager")
                .withResourceVersion(rv)
                .endMetadata()
                .withNewSpec()
                .withHolderIdentity(holder)
                .withLeaseDurationSeconds(durationSeconds)
                .withAcquireTime(renewed.minusSeconds(60).atZone(ZoneOffset.UTC))
                .withRenewTime(renewed.atZone(ZoneOffset.UTC))
                .withLeaseTransitions(transitions)
                .endSpec()
                .build();
    }

    @ParameterizedTest(name = "holder \"{0}\" with a {1}s lease, unchanged for {2}s: {3}")
    @CsvSource({
        "host-b_2222, 15, 0,  WAIT",
        "host-b_2222, 15, 14, WAIT",
        "host-b_2222, 15, 15, UPDATE",
        "host-b_2222, 15, 60, UPDATE",
        "host-b_2222, 40, 20, WAIT", // the record's duration counts, not ours
        "host-b_2222, 1,  1,  UPDATE", // a released lease lapses after one second
        "'',          1,  0,  UPDATE", // nobody holds it
        "host-a_1111, 15, 0,  UPDATE", // ours: renew
        "host-a_1111, 15, 60, UPDATE",
    })
    void aCandidateWaitsForALiveLeaseOfAnotherAndWritesOtherwise(
            String holder, int durationSeconds, int unchangedSeconds, Action expected) {
        Lease seen = lease(holder, durationSeconds, 3, "41", clock.instant());
        election.next(seen, clock.instant());
        clock.advance(Duration.ofSeconds(unchangedSeconds));

        Step step = election.next(seen, clock.instant());

        assertThat(step.action()).isEqualTo(expected);
    }

    @Test
    void withoutALeaseTheCandidateCreatesOneHoldingItAsUpstreamFillsIt() {
        Step step = election.next(null, clock.instant());

        assertThat(step.action()).isEqualTo(Action.CREATE);
        Lease l = step.lease();
        assertThat(l.getMetadata().getNamespace()).isEqualTo("kube-system");
        assertThat(l.getMetadata().getName()).isEqualTo("kube-controller-manager");
        assertThat(l.getSpec().getHolderIdentity()).isEqualTo(ME);
        assertThat(l.getSpec().getLeaseDurationSeconds()).isEqualTo(15);
        assertThat(l.getSpec().getAcquireTime().toInstant()).isEqualTo(clock.instant());
        assertThat(l.getSpec().getRenewTime().toInstant()).isEqualTo(clock.instant());
        assertThat(l.getSpec().getLeaseTransitions()).isZero();
    }

    @Test
    void aTakeOverCountsATransitionRestartsAcquireTimeAndCarriesTheResourceVersionItRead() {
        Lease seen = lease(RIVAL, 15, 3, "41", clock.instant().minusSeconds(3600));
        election.next(seen, clock.instant());
        clock.advance(Duration.ofSeconds(15));

        Lease write = election.next(seen, clock.instant()).lease();

        assertThat(write.getMetadata().getResourceVersion()).isEqualTo("41");
        assertThat(write.getSpec().getHolderIdentity()).isEqualTo(ME);
        assertThat(write.getSpec().getLeaseTransitions()).isEqualTo(4);
        assertThat(write.getSpec().getAcquireTime().toInstant()).isEqualTo(clock.instant());
        assertThat(write.getSpec().getRenewTime().toInstant()).isEqualTo(clock.instant());
    }

    @Test
    void aRenewalKeepsAcquireTimeAndTransitionsAndMovesRenewTime() {
        Lease mine = lease(ME, 15, 2, "50", clock.instant());
        clock.advance(Duration.ofSeconds(2));

        Lease write = election.next(mine, clock.instant()).lease();

        assertThat(write.getSpec().getLeaseTransitions()).isEqualTo(2);
        assertThat(write.getSpec().getAcquireTime()).isEqualTo(mine.getSpec().getAcquireTime());
        assertThat(write.getSpec().getRenewTime().toInstant()).isEqualTo(clock.instant());
        assertThat(write.getMetadata().getResourceVersion()).isEqualTo("50");
    }

    @Test
    void aRivalsRenewalRestartsTheWaitOnOurOwnClock() {
        election.next(lease(RIVAL, 15, 0, "1", clock.instant()), clock.instant());
        clock.advance(Duration.ofSeconds(10));
        Lease renewed = lease(RIVAL, 15, 0, "2", clock.instant().plusSeconds(1));
        election.next(renewed, clock.instant());
        clock.advance(Duration.ofSeconds(14));

        assertThat(election.next(renewed, clock.instant()).action()).isEqualTo(Action.WAIT);
        clock.advance(Duration.ofSeconds(1));
        assertThat(election.next(renewed, clock.instant()).action()).isEqualTo(Action.UPDATE);
    }

    @Test
    void timesInsideTheLeaseAreNotComparedWithOurClockSoSkewDoesNotMatter() {
        // the rival's clock is a day behind ours: its renewTime looks long expired, but it just renewed
        Lease skewed = lease(RIVAL, 15, 0, "7", clock.instant().minus(Duration.ofDays(1)));

        assertThat(election.next(skewed, clock.instant()).action()).isEqualTo(Action.WAIT);
    }

    @Test
    void theLeaderLeadsUntilItsRenewDeadlineCountedFromWhenTheRenewalStarted() {
        Instant started = clock.instant();
        Step step = election.next(null, started);
        clock.advance(Duration.ofMillis(700)); // the write took a while
        election.succeeded(step.lease(), started);

        assertThat(election.leadingAt(started.plusSeconds(10))).isTrue();
        assertThat(election.leadingAt(started.plusSeconds(10).plusNanos(1))).isFalse();
        assertThat(election.fenceDeadline()).isEqualTo(started.plusSeconds(10));
    }

    @Test
    void theFenceClosesBeforeAnyRivalCanTakeTheLease() {
        LeaseElection rival = new LeaseElection(config.withIdentity(RIVAL));
        Instant started = clock.instant();
        Lease stored = election.next(null, started).lease();
        election.succeeded(stored, started);
        // the rival sees the write no earlier than it was sent, and polls every instant after
        Instant lastWait = started;
        for (Instant t = started; ; t = t.plusMillis(100)) {
            if (rival.next(stored, t).action() != Action.WAIT) break;
            lastWait = t;
        }

        assertThat(election.leadingAt(lastWait)).isFalse();
        assertThat(election.fenceDeadline()).isBefore(lastWait);
    }

    @Test
    void seeingAnotherHolderEndsLeadershipAtOnce() {
        Instant started = clock.instant();
        election.succeeded(election.next(null, started).lease(), started);
        assertThat(election.leadingAt(clock.instant())).isTrue();

        election.next(lease(RIVAL, 15, 1, "9", clock.instant()), clock.instant());

        assertThat(election.leadingAt(clock.instant())).isFalse();
        assertThat(election.fenceDeadline()).isNull();
    }

    @Test
    void aCandidateThatNeverWonDoesNotLead() {
        election.next(lease(RIVAL, 15, 0, "1", clock.instant()), clock.instant());

        assertThat(election.leadingAt(clock.instant())).isFalse();
    }

    @Test
    void releasingClearsTheHolderKeepsTransitionsAndShortensTheLeaseToOneSecond() {
        Lease mine = lease(ME, 15, 5, "77", clock.instant());

        Lease released = election.release(mine, clock.instant());

        assertThat(released.getSpec().getHolderIdentity()).isNull();
        assertThat(released.getSpec().getLeaseDurationSeconds()).isEqualTo(1);
        assertThat(released.getSpec().getLeaseTransitions()).isEqualTo(5);
        assertThat(released.getMetadata().getResourceVersion()).isEqualTo("77");
        assertThat(election.release(lease(RIVAL, 15, 5, "78", clock.instant()), clock.instant()))
                .isNull();
    }

    @ParameterizedTest(name = "lease {0} ms, renew {1} ms, retry {2} ms: {3}")
    @CsvSource({
        "15000, 15000, 2000, leaseDuration must be greater than renewDeadline",
        "15000, 10000, 9000, renewDeadline must be greater than retryPeriod*JitterFactor",
        "15000, 2400,  2000, renewDeadline must be greater than retryPeriod*JitterFactor",
        "15000, 10000, 0,    retryPeriod must be greater than zero",
        "2500,  1000,  200,  leaseDuration must be a whole number of seconds",
    })
    void timingsUpstreamRefusesAreRefusedWithItsMessages(long lease, long renew, long retry, String message) {
        assertThatThrownBy(() -> config.withTimings(
                        Duration.ofMillis(lease), Duration.ofMillis(renew), Duration.ofMillis(retry)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void theDefaultsAreUpstreamsAndTheIdentityIsHostnameUnderscoreUuid() {
        LeaderElectionConfig d = LeaderElectionConfig.defaults("kube-scheduler");

        assertThat(d.leaseDuration()).isEqualTo(Duration.ofSeconds(15));
        assertThat(d.renewDeadline()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.retryPeriod()).isEqualTo(Duration.ofSeconds(2));
        assertThat(d.namespace()).isEqualTo("kube-system");
        assertThat(d.identity()).matches(".+_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }
}
