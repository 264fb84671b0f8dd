package io.everynode.advisor.why;

/**
 * Every reason {@code why} can name, each under one verdict. The message of an answer is in
 * upstream's words (the controller's, the scheduler's or the kubelet's), so it reads as what
 * {@code kubectl describe} would show; the reason's name is the stable key for {@code -o json}.
 *
 * <p>Each reason under {@link Verdict#WAITING} that keeps an old pod during a rollout has one
 * {@link RolloutHold}: pause, stage, update selector, partition, budget.
 */
public enum Reason {
    /** A daemon pod runs and is ready. */
    RUNNING(Verdict.RUNS),
    /** R1.2: the template's spec.nodeName names another node. */
    NODE_NAME(Verdict.SHOULD_NOT_RUN),
    /** R1.3: a nodeSelector label the node lacks or has with another value. */
    NODE_SELECTOR(Verdict.SHOULD_NOT_RUN),
    /** R1.4: no required node-affinity term matches the node. */
    NODE_AFFINITY(Verdict.SHOULD_NOT_RUN),
    /** R1.6: a NoSchedule or NoExecute taint the pod does not tolerate. */
    UNTOLERATED_TAINT(Verdict.SHOULD_NOT_RUN),
    /** R1.8: the controller creates the pod anyway; the scheduler leaves it Pending (NodeResourcesFit). */
    INSUFFICIENT_RESOURCES(Verdict.CANNOT_FIT),
    /** The pod waits for the scheduler (its PodScheduled condition says why). */
    UNSCHEDULED(Verdict.WAITING),
    /** R8.4: the pod is nominated to the node; lower-priority victims are going. */
    PREEMPTION(Verdict.WAITING),
    /** E3.1: the rollout is paused, by hand or by E3.3's auto-pause; no pod is replaced. */
    PAUSED(Verdict.WAITING),
    /** E5.3: the node belongs to a later stage of a staged rollout (or to none). */
    STAGE(Verdict.WAITING),
    /** E4.2: the update selector does not match the node; its pod keeps the old revision. */
    UPDATE_SELECTOR(Verdict.WAITING),
    /** E4.1: the partition keeps this node's pod at the old revision. */
    PARTITION(Verdict.WAITING),
    /** E6.4: the controller would delete the pod; its preDelete hook holds it (PreparingDelete). */
    PRE_DELETE_HOOK(Verdict.WAITING),
    /** E6.4: the controller would update the pod in place; its inPlaceUpdate hook holds it (PreparingUpdate). */
    IN_PLACE_UPDATE_HOOK(Verdict.WAITING),
    /** R5.4: an old pod stays because the rollout's maxUnavailable is used up. */
    ROLLOUT_BUDGET(Verdict.WAITING),
    /** The kubelet backs off pulling an image, or the controller after a failed pod (R2.7). */
    BACK_OFF(Verdict.WAITING),
    /** The pod is bound and its containers are being created or started. */
    STARTING(Verdict.WAITING),
    /** The node should run a pod, fits it, and has none yet: the controller creates it next. */
    NO_POD_YET(Verdict.WAITING),
    /** A container exits and the kubelet restarts it with back-off. */
    CRASH_LOOP(Verdict.NOT_READY),
    /** Containers run but a readiness probe fails. */
    READINESS_FAILING(Verdict.NOT_READY),
    /** R9.4: the kubelet evicted the pod under memory pressure. */
    EVICTED(Verdict.EVICTED);

    private final Verdict verdict;

    Reason(Verdict verdict) {
        this.verdict = verdict;
    }

    public Verdict verdict() {
        return verdict;
    }

    /** The reason as a Kubernetes-style word ({@code NODE_SELECTOR} is {@code NodeSelector}), for tables and JSON. */
    public String code() {
        StringBuilder out = new StringBuilder();
        for (String part : name().split("_")) {
            out.append(part.charAt(0)).append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return out.toString();
    }
}
