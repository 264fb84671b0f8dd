package io.everynode.client.leader;

import io.everynode.client.ApiError;
import io.everynode.client.KubeClient;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Campaigns for one Lease and runs a {@link Leadership} while it leads, as client-go's
 * LeaderElector does: every retry period (jittered by up to 1.2 of it while a candidate) it
 * reads the Lease and, per {@link LeaseElection}, creates it, takes it over, renews it or waits;
 * every write carries the resourceVersion it read, so two candidates never both win one round.
 *
 * <p>On winning it starts the leadership on a thread of its own (so a slow start never delays a
 * renewal); once its renew deadline passes without a successful renewal it closes the
 * {@link #fence()} at once (a clock check on every write, whatever the threads are doing) and
 * stops the leadership, then campaigns again. {@link #close()} stops the leadership and then
 * releases the Lease (client-go's ReleaseOnCancel) so another candidate takes over at once.
 *
 * <p>The Lease is read and written through {@code client}, which must not be fenced itself.
 */
public final class LeaderElector implements AutoCloseable {
    /** What runs while this process leads: started on winning, closed on losing or closing. */
    @FunctionalInterface
    public interface Leadership {
        AutoCloseable start() throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(LeaderElector.class);

    private final LeaseElection election;
    private final KubeClient client;
    private final Clock clock;
    private final Leadership leadership;
    private final RandomGenerator jitter;
    private final ScheduledExecutorService loop;
    private final ExecutorService terms;
    /** Guards the election's state, {@link #leading} and {@link #closed}. */
    private final Object lock = new Object();

    private boolean leading;
    private boolean started;
    private boolean closed;
    private int failuresInARow;
    /** Touched only on the {@link #terms} thread. */
    private AutoCloseable term;

    public LeaderElector(LeaderElectionConfig config, KubeClient client, Clock clock, Leadership leadership) {
        this(config, client, clock, leadership, RandomGenerator.getDefault());
    }

    /** @param jitter spreads the candidates' retries, as client-go's JitterFactor does */
    public LeaderElector(
            LeaderElectionConfig config,
            KubeClient client,
            Clock clock,
            Leadership leadership,
            RandomGenerator jitter) {
        this.election = new LeaseElection(config);
        this.client = client;
        this.clock = clock;
        this.leadership = leadership;
        this.jitter = jitter;
        String lease = config.name();
        // two threads: the check at the fence deadline runs even while a round hangs on the network
        this.loop = Executors.newScheduledThreadPool(2, r -> daemon(r, "leader-election-" + lease));
        this.terms = Executors.newSingleThreadExecutor(r -> daemon(r, "leader-term-" + lease));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public LeaderElectionConfig config() {
        return election.config();
    }

    /** Starts campaigning; returns at once. */
    public void start() {
        synchronized (lock) {
            if (started || closed) throw new IllegalStateException("an elector starts once");
            started = true;
        }
        LeaderElectionConfig c = election.config();
        LOG.info("attempting to acquire leader lease {}/{}... (as {})", c.namespace(), c.name(), c.identity());
        loop.execute(this::attempt);
    }

    /** Whether this process leads now (renewed within the renew deadline, its leadership started or starting). */
    public boolean isLeader() {
        synchronized (lock) {
            return leading && election.leadingAt(clock.instant());
        }
    }

    /** Open exactly while {@link LeaseElection#leadingAt} holds on this elector's clock. */
    public WriteFence fence() {
        return () -> {
            Instant now = clock.instant();
            if (election.leadingAt(now)) return;
            LeaderElectionConfig c = election.config();
            throw new WriteFence.Fenced("write refused: this process does not hold the lease " + c.namespace() + "/"
                    + c.name() + " (identity " + c.identity() + "): it was never acquired, or not renewed within"
                    + " the renew deadline of " + c.renewDeadline().toSeconds() + "s, so another server may"
                    + " lead; writes resume when this one leads again");
        };
    }

    /** One round: read, decide, write; then start or stop the leadership; then schedule the next round. */
    private void attempt() {
        Instant started = clock.instant();
        try {
            Lease current = read();
            LeaseElection.Step step;
            synchronized (lock) {
                if (closed) return;
                step = election.next(current, started);
            }
            Lease stored = switch (step.action()) {
                case CREATE -> client.create(step.lease());
                case UPDATE -> client.update(step.lease());
                case WAIT -> null;
            };
            if (stored != null) {
                synchronized (lock) {
                    election.succeeded(stored, started);
                }
            }
            failuresInARow = 0;
        } catch (RuntimeException e) {
            // a 409 (another candidate wrote first), an unreachable API, an answer that made no
            // sense: try again next round; the fence deadline decides whether leadership lasts
            if (failuresInARow++ == 0)
                LOG.warn(
                        "lease {}: could not acquire or renew: {}",
                        election.config().name(),
                        e.getMessage());
        }
        boolean leads = reconcile();
        synchronized (lock) {
            if (closed) return;
            loop.schedule(this::attempt, nextDelay(leads).toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private Lease read() {
        LeaderElectionConfig c = election.config();
        try {
            return client.get(Lease.class, c.namespace(), c.name());
        } catch (ApiError e) {
            if (e.isNotFound()) return null;
            throw e;
        }
    }

    /** The leader renews every retry period; candidates wait 1 to 2.2 retry periods. */
    private Duration nextDelay(boolean leads) {
        Duration retry = election.config().retryPeriod();
        if (leads) return retry;
        return retry.plusNanos((long) (jitter.nextDouble() * LeaderElectionConfig.JITTER_FACTOR * retry.toNanos()));
    }

    /**
     * Starts the leadership when newly leading (and arms a check at the fence deadline); stops it
     * when the deadline passed. Returns whether this process leads.
     */
    private boolean reconcile() {
        synchronized (lock) {
            Instant now = clock.instant();
            boolean leads = !closed && election.leadingAt(now);
            if (leads) {
                if (!leading) {
                    leading = true;
                    LOG.info(
                            "lease {}/{}: {} is the leader now",
                            election.config().namespace(),
                            election.config().name(),
                            election.config().identity());
                    terms.execute(this::startTerm);
                }
                long untilDeadline =
                        Duration.between(now, election.fenceDeadline()).toNanos() + 1;
                loop.schedule(this::reconcile, untilDeadline, TimeUnit.NANOSECONDS);
            } else {
                election.lost();
                if (leading) {
                    leading = false;
                    LOG.warn(
                            "lease {}/{}: leadership lost (not renewed within {}s); writes are fenced, stopping",
                            election.config().namespace(),
                            election.config().name(),
                            election.config().renewDeadline().toSeconds());
                    terms.execute(this::stopTerm);
                }
            }
            return leads;
        }
    }

    private void startTerm() {
        synchronized (lock) {
            if (!leading) return;
        }
        try {
            term = leadership.start();
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            LOG.error(
                    "lease {}: the leadership failed to start; giving it up",
                    election.config().name(),
                    e);
            synchronized (lock) {
                leading = false;
                election.lost();
            }
        }
    }

    private void stopTerm() {
        if (term == null) return;
        try {
            term.close();
        } catch (Exception e) {
            LOG.warn(
                    "lease {}: the leadership did not stop cleanly",
                    election.config().name(),
                    e);
        }
        term = null;
    }

    /** Stops campaigning, stops the leadership (waiting for it), then releases the Lease if held. */
    @Override
    public void close() {
        boolean held;
        synchronized (lock) {
            if (closed) return;
            closed = true;
            held = leading;
            leading = false;
        }
        loop.shutdownNow();
        terms.execute(this::stopTerm);
        terms.shutdown();
        try {
            loop.awaitTermination(10, TimeUnit.SECONDS);
            if (!terms.awaitTermination(30, TimeUnit.SECONDS)) terms.shutdownNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        boolean stillOurs;
        synchronized (lock) {
            stillOurs = held && election.leadingAt(clock.instant());
            election.lost();
        }
        if (stillOurs) release();
    }

    private void release() {
        try {
            Lease released = election.release(read(), clock.instant());
            if (released != null) client.update(released);
        } catch (ApiError | UncheckedIOException e) {
            LOG.info(
                    "lease {}: not released ({}); it lapses after its duration",
                    election.config().name(),
                    e.getMessage());
        }
    }
}
