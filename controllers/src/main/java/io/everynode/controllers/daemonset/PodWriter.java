package io.everynode.controllers.daemonset;

import io.everynode.api.rollout.AdvancedRollout;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * R2.9 (upstream syncNodes): issues a plan's creates and deletes, at most {@code burst} of each
 * per sync, recording expectations first. Creates go in slow-start batches 1, 2, 4, …; when a
 * batch has a failure the rest are skipped and their expectations given back, so a quota or
 * admission error costs one call per batch rather than one per node.
 *
 * <p>As upstream, the calls of one batch (and all the deletes) are issued together on
 * {@code writes} and the sync waits for the whole batch before the next: a bounded pool in the
 * running controller, the calling thread in tests. Expectations stay right under concurrency
 * because they are raised once, before any call, and each failed call lowers them by exactly one
 * ({@link Expectations} is thread-safe); a success is counted by the informer, never here.
 */
final class PodWriter {
    private final DaemonSetActions actions;
    private final Expectations expectations;
    private final int burst;
    private final Executor writes;

    PodWriter(DaemonSetActions actions, Expectations expectations, int burst, Executor writes) {
        this.actions = actions;
        this.expectations = expectations;
        this.burst = burst;
        this.writes = writes;
    }

    /** Returns the errors met (NotFound deletes and namespace-termination creates excluded). */
    List<ActionException> write(
            String key, DaemonSet ds, List<String> nodesNeedingPods, List<SyncPlan.PodDelete> deletes, Pod base) {
        String ns = ds.getMetadata().getNamespace();
        int limit = burst(ds, burst);
        int createDiff = Math.min(nodesNeedingPods.size(), limit);
        int deleteDiff = Math.min(deletes.size(), limit);
        expectations.expect(key, createDiff, deleteDiff);
        List<ActionException> errors = Collections.synchronizedList(new ArrayList<>());

        int pos = 0;
        int batch = Math.min(createDiff, 1);
        while (pos < createDiff) {
            AtomicInteger failures = new AtomicInteger();
            List<Runnable> calls = new ArrayList<>(batch);
            for (String node : nodesNeedingPods.subList(pos, pos + batch)) {
                calls.add(() -> create(key, ds, ns, base, node, errors, failures));
            }
            runAll(calls);
            int skipped = createDiff - (pos + batch);
            if (failures.get() > 0 && skipped > 0) {
                expectations.lower(key, skipped, 0);
                break;
            }
            pos += batch;
            batch = Math.min(2 * batch, createDiff - pos);
        }

        List<Runnable> deleteCalls = new ArrayList<>(deleteDiff);
        for (SyncPlan.PodDelete d : deletes.subList(0, deleteDiff))
            deleteCalls.add(() -> delete(key, ds, ns, d, errors));
        runAll(deleteCalls);
        return new ArrayList<>(errors);
    }

    /**
     * E7.2: the DaemonSet's own burst, annotation {@code everynode.io/burst-replicas} (a whole
     * number ≥ 1; the Advanced DaemonSet's {@code spec.burstReplicas} arrives there through its
     * view), else the controller's; an unreadable value counts as absent.
     */
    static int burst(DaemonSet ds, int fallback) {
        String v = ds.getMetadata().getAnnotations() == null
                ? null
                : ds.getMetadata().getAnnotations().get(AdvancedRollout.BURST_REPLICAS);
        if (v == null || v.isEmpty() || v.length() > 9 || !v.chars().allMatch(Character::isDigit)) return fallback;
        int n = Integer.parseInt(v);
        return n >= 1 ? n : fallback;
    }

    private void create(
            String key,
            DaemonSet ds,
            String ns,
            Pod base,
            String node,
            List<ActionException> errors,
            AtomicInteger failures) {
        try {
            Pod created = actions.createPod(ns, PodTemplates.forNode(base, node));
            actions.recordEvent(
                    ds,
                    "Normal",
                    "SuccessfulCreate",
                    "Created pod: " + created.getMetadata().getName());
        } catch (ActionException e) {
            expectations.creationObserved(key);
            if (e.is(ActionException.Kind.NAMESPACE_TERMINATING)) {
                return;
            }
            actions.recordEvent(ds, "Warning", "FailedCreate", "Error creating: " + e.getMessage());
            errors.add(e);
            failures.incrementAndGet();
        }
    }

    private void delete(String key, DaemonSet ds, String ns, SyncPlan.PodDelete d, List<ActionException> errors) {
        try {
            actions.deletePod(ns, d.name());
            actions.recordEvent(ds, "Normal", "SuccessfulDelete", "Deleted pod: " + d.name());
        } catch (ActionException e) {
            expectations.deletionObserved(key);
            if (!e.is(ActionException.Kind.NOT_FOUND)) {
                actions.recordEvent(ds, "Warning", "FailedDelete", "Error deleting: " + e.getMessage());
                errors.add(e);
            }
        }
    }

    /**
     * Runs every call on {@code writes} and waits for all of them. A call that throws something
     * other than an {@link ActionException} (a bug) is rethrown after the others finished, so no
     * call is left running behind the sync.
     */
    private void runAll(List<Runnable> calls) {
        if (calls.isEmpty()) return;
        if (calls.size() == 1) {
            calls.get(0).run();
            return;
        }
        List<CompletableFuture<Void>> running = new ArrayList<>(calls.size());
        for (Runnable c : calls) {
            try {
                running.add(CompletableFuture.runAsync(c, writes));
            } catch (RejectedExecutionException e) {
                running.add(
                        CompletableFuture.runAsync(c, Runnable::run)); // the pool is closing: finish the sync inline
            }
        }
        RuntimeException first = null;
        for (CompletableFuture<Void> f : running) {
            try {
                f.join();
            } catch (java.util.concurrent.CompletionException e) {
                if (first == null) first = e.getCause() instanceof RuntimeException re ? re : e;
            }
        }
        if (first != null) throw first;
    }
}
