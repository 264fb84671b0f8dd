package io.everynode.client.leader;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpecBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The pure core of one candidate in a Lease election, as client-go's leaderelection decides:
 * given the Lease as read (or its absence) and this process's clock, what to write, if anything.
 * No I/O; the runner ({@link LeaderElector}) reads, writes, and reports back.
 *
 * <p>Clock skew (client-go's assumption, kept): the times inside the Lease are never compared
 * with this clock. A candidate notes, on its own clock, when it last saw the Lease's record
 * change ({@code observedTime}) and takes the Lease over only when it has not changed for the
 * record's {@code leaseDurationSeconds}. So clocks may be set arbitrarily apart; what must hold
 * is that they run at roughly the same rate (the slack is leaseDuration − renewDeadline).
 *
 * <p>Fencing: the leader counts as leading until {@code lastRenew + renewDeadline}, where
 * {@code lastRenew} is the local time at which its last successful renewal was <em>started</em>
 * (the write cannot have reached the server before then, so no other candidate saw it earlier).
 * Any other candidate waits at least {@code leaseDuration} &gt; {@code renewDeadline} from when it
 * saw that write, so the leader's fence closes before the Lease can be taken.
 *
 * <p>Not thread-safe except {@link #leadingAt} and {@link #fenceDeadline}, which any thread may ask.
 */
public final class LeaseElection {
    /** What the runner does next. */
    public enum Action {
        /** No Lease exists: create {@link Step#lease()}. */
        CREATE,
        /** Take over or renew: update to {@link Step#lease()} (its resourceVersion is the precondition). */
        UPDATE,
        /** Another candidate holds a live Lease: try again after the retry period. */
        WAIT
    }

    /** One decision; {@code lease} is null for {@link Action#WAIT}. */
    public record Step(Action action, Lease lease) {}

    private final LeaderElectionConfig config;
    /** The Lease spec as last read, to notice when another holder renews. */
    private LeaseSpec observedSpec;
    /** Local time at which {@link #observedSpec} was first seen. */
    private Instant observedTime;
    /** Local time at which the last successful write of ours started; null while not leading. */
    private volatile Instant lastRenew;

    public LeaseElection(LeaderElectionConfig config) {
        this.config = Objects.requireNonNull(config);
    }

    public LeaderElectionConfig config() {
        return config;
    }

    /**
     * Decides from {@code current} (null: no Lease) at local time {@code now}, the time this
     * attempt started.
     */
    public Step next(Lease current, Instant now) {
        if (current == null) {
            return new Step(Action.CREATE, build(null, spec(now, now, 0), null));
        }
        LeaseSpec spec = current.getSpec() == null ? new LeaseSpec() : current.getSpec();
        if (!spec.equals(observedSpec)) {
            observedSpec = spec;
            observedTime = now;
        }
        String holder = spec.getHolderIdentity();
        boolean mine = config.identity().equals(holder);
        if (holder != null && !holder.isEmpty() && !mine && !expired(spec, now)) {
            lastRenew = null; // someone else holds it: whatever we thought, we do not lead
            return new Step(Action.WAIT, null);
        }
        int transitions = spec.getLeaseTransitions() == null ? 0 : spec.getLeaseTransitions();
        LeaseSpec next = mine && spec.getAcquireTime() != null
                ? spec(spec.getAcquireTime().toInstant(), now, transitions)
                : spec(now, now, transitions + 1);
        return new Step(
                Action.UPDATE, build(current, next, current.getMetadata().getResourceVersion()));
    }

    /** The write that {@code started} at local time {@code started} succeeded; {@code stored} is the server's answer. */
    public void succeeded(Lease stored, Instant started) {
        observedSpec = stored.getSpec();
        observedTime = started;
        lastRenew = started;
    }

    /** Leadership is over (fence closed, or the runner stops): forget the last renewal. */
    public void lost() {
        lastRenew = null;
    }

    /** Whether this candidate leads at local time {@code now}: renewed, and within the renew deadline since. */
    public boolean leadingAt(Instant now) {
        Instant deadline = fenceDeadline();
        return deadline != null && !now.isAfter(deadline);
    }

    /** When the fence closes unless renewed again; null while not leading. */
    public Instant fenceDeadline() {
        Instant renewed = lastRenew;
        return renewed == null ? null : renewed.plus(config.renewDeadline());
    }

    /**
     * The write that gives the Lease up at once (client-go's ReleaseOnCancel): holder cleared,
     * leaseDurationSeconds 1, transitions kept; null when {@code current} is not ours.
     */
    public Lease release(Lease current, Instant now) {
        if (current == null || current.getSpec() == null) return null;
        if (!config.identity().equals(current.getSpec().getHolderIdentity())) return null;
        int transitions = current.getSpec().getLeaseTransitions() == null
                ? 0
                : current.getSpec().getLeaseTransitions();
        LeaseSpec released = new LeaseSpecBuilder()
                .withLeaseDurationSeconds(1)
                .withAcquireTime(micro(now))
                .withRenewTime(micro(now))
                .withLeaseTransitions(transitions)
                .build();
        return build(current, released, current.getMetadata().getResourceVersion());
    }

    /** Whether the holder of {@code spec} let it lapse: unchanged for its leaseDurationSeconds on our clock. */
    private boolean expired(LeaseSpec spec, Instant now) {
        int seconds = spec.getLeaseDurationSeconds() == null ? 0 : spec.getLeaseDurationSeconds();
        return !observedTime.plus(Duration.ofSeconds(seconds)).isAfter(now);
    }

    private LeaseSpec spec(Instant acquired, Instant renewed, int transitions) {
        return new LeaseSpecBuilder()
                .withHolderIdentity(config.identity())
                .withLeaseDurationSeconds((int) config.leaseDuration().toSeconds())
                .withAcquireTime(micro(acquired))
                .withRenewTime(micro(renewed))
                .withLeaseTransitions(transitions)
                .build();
    }

    private Lease build(Lease current, LeaseSpec spec, String resourceVersion) {
        ObjectMetaBuilder meta = current == null
                ? new ObjectMetaBuilder().withNamespace(config.namespace()).withName(config.name())
                : new ObjectMetaBuilder(current.getMetadata());
        meta.withResourceVersion(resourceVersion);
        return new LeaseBuilder()
                .withApiVersion("coordination.k8s.io/v1")
                .withKind("Lease")
                .withMetadata(meta.build())
                .withSpec(spec)
                .build();
    }

    /** A MicroTime: microsecond precision, UTC. */
    private static ZonedDateTime micro(Instant t) {
        return t.truncatedTo(ChronoUnit.MICROS).atZone(ZoneOffset.UTC);
    }
}
