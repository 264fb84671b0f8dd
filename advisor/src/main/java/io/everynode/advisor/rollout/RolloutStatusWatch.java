package io.everynode.advisor.rollout;

import io.everynode.advisor.DaemonSetKind;
import io.everynode.client.ApiError;
import io.everynode.client.KubeClient;
import io.everynode.client.WatchEvent;
import io.everynode.client.WatchHandle;
import io.everynode.client.Watcher;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Follows one DaemonSet's rollout as {@code kubectl rollout status} does (E1.6): reads it, prints
 * {@link DaemonSetRolloutStatus}'s message whenever it changes, and with {@code watch} keeps
 * watching (field selector {@code metadata.name}) until the rollout is done, fails or the timeout
 * passes; without, prints once. Exit codes as kubectl's: 0 done (or not watching), 1 on an error
 * (printed as {@code error: …}), a timeout, or a DaemonSet that does not exist. Read-only.
 */
public final class RolloutStatusWatch {
    private final KubeClient client;
    private final Clock clock;
    private final PrintStream out;
    private final PrintStream err;

    public RolloutStatusWatch(KubeClient client, Clock clock, PrintStream out, PrintStream err) {
        this.client = client;
        this.clock = clock;
        this.out = out;
        this.err = err;
    }

    /**
     * @param timeout how long to wait for the rollout; zero waits for ever, as kubectl's default
     * @return the process exit code
     */
    public int run(String namespace, String name, boolean watch, Duration timeout) {
        return run(DaemonSetKind.APPS, namespace, name, watch, timeout);
    }

    /**
     * As {@link #run(String, String, boolean, Duration)} for a DaemonSet of either kind; an
     * advanced one is followed through its apps/v1 view (E7.3), whose status is the object's.
     */
    public int run(DaemonSetKind kind, String namespace, String name, boolean watch, Duration timeout) {
        Instant deadline = timeout.isZero() ? null : clock.instant().plus(timeout); // null: no deadline
        String last = null;
        try {
            DaemonSet ds = kind.get(client, namespace, name);
            while (true) {
                DaemonSetRolloutStatus.Verdict v = DaemonSetRolloutStatus.of(ds);
                if (v.error() != null) {
                    err.println("error: " + v.error());
                    return 1;
                }
                if (!v.message().equals(last)) {
                    out.print(v.message());
                    out.flush();
                    last = v.message();
                }
                if (v.done() || !watch) {
                    return 0;
                }
                ds = next(kind, namespace, name, ds, deadline);
                if (ds == null) {
                    err.println("error: timed out waiting for the condition");
                    return 1;
                }
            }
        } catch (ApiError e) {
            err.println("Error from server (" + e.reason() + "): " + e.getMessage());
            return 1;
        }
    }

    /**
     * The DaemonSet's next version after {@code seen}, from a watch started at its resourceVersion
     * (a watch that ends early is started again from the last version; a deleted DaemonSet is
     * read again, which reports it missing); null when the deadline (null: none) passes first.
     */
    private DaemonSet next(DaemonSetKind kind, String namespace, String name, DaemonSet seen, Instant deadline) {
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        Watcher<DaemonSet> watcher = new Watcher<>() {
            @Override
            public void onEvent(WatchEvent<DaemonSet> e) {
                events.add(e);
            }

            @Override
            public void onClose(Exception cause) {
                events.add(cause == null ? "closed" : cause);
            }
        };
        var options = new ListOptionsBuilder()
                .withFieldSelector("metadata.name=" + name)
                .withResourceVersion(seen.getMetadata().getResourceVersion())
                .build();
        WatchHandle handle = kind.watch(client, namespace, options, watcher);
        try {
            while (true) {
                long wait = 1000; // a slice, so the deadline is looked at on the injected clock
                if (deadline != null) {
                    Duration left = Duration.between(clock.instant(), deadline);
                    if (left.isNegative() || left.isZero()) {
                        return null;
                    }
                    wait = Math.min(left.toMillis(), wait);
                }
                Object o = events.poll(wait, TimeUnit.MILLISECONDS);
                if (o instanceof WatchEvent<?> e) {
                    if (e.type() == WatchEvent.Type.DELETED) {
                        return kind.get(client, namespace, name); // throws the 404 kubectl reports
                    }
                    if (e.type() != WatchEvent.Type.BOOKMARK && e.object() instanceof DaemonSet d) {
                        return d;
                    }
                } else if (o != null) {
                    return kind.get(client, namespace, name); // the watch ended: read and watch again
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            handle.close();
        }
    }
}
