package io.everynode.client.leader;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * One Lease-based election: which Lease, who campaigns, and client-go's three timings.
 *
 * @param namespace the Lease's namespace (upstream: {@code kube-system})
 * @param name the Lease's name (upstream: {@code kube-controller-manager}, {@code kube-scheduler})
 * @param identity this candidate's {@code holderIdentity}; upstream's {@code <hostname>_<uuid>}
 *     ({@link #hostIdentity()}), unique per process so a restarted process is a new candidate
 * @param leaseDuration how long the others wait, from when they last saw the Lease change, before
 *     taking it over (upstream default 15 s); written as {@code leaseDurationSeconds}
 * @param renewDeadline how long the leader keeps acting without a successful renewal (10 s);
 *     after that its writes are fenced and its controllers stop
 * @param retryPeriod how often candidates try to acquire and the leader renews (2 s)
 */
public record LeaderElectionConfig(
        String namespace,
        String name,
        String identity,
        Duration leaseDuration,
        Duration renewDeadline,
        Duration retryPeriod) {
    /** client-go's jitter factor: a retry may come up to 1.2 retry periods late. */
    public static final double JITTER_FACTOR = 1.2;

    public static final Duration DEFAULT_LEASE_DURATION = Duration.ofSeconds(15);
    public static final Duration DEFAULT_RENEW_DEADLINE = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RETRY_PERIOD = Duration.ofSeconds(2);

    /** Checks the timings as client-go's NewLeaderElector does, with its messages. */
    public LeaderElectionConfig {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(identity, "identity");
        if (identity.isEmpty()) throw new IllegalArgumentException("identity must not be empty");
        if (leaseDuration.compareTo(renewDeadline) <= 0)
            throw new IllegalArgumentException("leaseDuration must be greater than renewDeadline");
        if (renewDeadline.toNanos() <= (long) (JITTER_FACTOR * retryPeriod.toNanos()))
            throw new IllegalArgumentException("renewDeadline must be greater than retryPeriod*JitterFactor");
        if (retryPeriod.isNegative() || retryPeriod.isZero())
            throw new IllegalArgumentException("retryPeriod must be greater than zero");
        if (leaseDuration.toSeconds() < 1 || leaseDuration.toNanos() % 1_000_000_000L != 0)
            throw new IllegalArgumentException(
                    "leaseDuration must be a whole number of seconds (it is written as leaseDurationSeconds)");
    }

    /** Upstream's defaults (15 s, 10 s, 2 s) for the Lease {@code kube-system/name}, as this host. */
    public static LeaderElectionConfig defaults(String name) {
        return new LeaderElectionConfig(
                "kube-system",
                name,
                hostIdentity(),
                DEFAULT_LEASE_DURATION,
                DEFAULT_RENEW_DEADLINE,
                DEFAULT_RETRY_PERIOD);
    }

    /** This config for another Lease (same candidate, same timings). */
    public LeaderElectionConfig withName(String leaseName) {
        return new LeaderElectionConfig(namespace, leaseName, identity, leaseDuration, renewDeadline, retryPeriod);
    }

    public LeaderElectionConfig withIdentity(String id) {
        return new LeaderElectionConfig(namespace, name, id, leaseDuration, renewDeadline, retryPeriod);
    }

    public LeaderElectionConfig withTimings(Duration lease, Duration renew, Duration retry) {
        return new LeaderElectionConfig(namespace, name, identity, lease, renew, retry);
    }

    /** {@code <hostname>_<random uuid>}, as kube-controller-manager and kube-scheduler name themselves. */
    public static String hostIdentity() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "_" + UUID.randomUUID();
    }
}
