package io.everynode.api.scheduling;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The DaemonSet controller's per-node decision (R1.1–R1.8): should a daemon pod be created on
 * this node, and may an existing one stay? Pure; the node's conditions, unschedulable flag,
 * resources and host ports are deliberately not consulted (R1.8).
 */
public final class NodeShouldRunDaemonPod {
    /** Reason of a positive decision. */
    public static final String FITS = "";
    /** R1.2: the template names another node. */
    public static final String NODE_NAME_MISMATCH = NodeNameCheck.REASON;
    /** R1.3: the node lacks a label of the template's nodeSelector. */
    public static final String NODE_SELECTOR_MISMATCH = NodeSelectorCheck.REASON;
    /** R1.4: no required node-affinity term matches the node. */
    public static final String NODE_AFFINITY_MISMATCH = NodeAffinityCheck.REASON;
    /** R1.6: an untolerated NoSchedule taint; an existing pod may stay. */
    public static final String UNTOLERATED_NO_SCHEDULE_TAINT = "UntoleratedNoScheduleTaint";
    /** R1.6: an untolerated NoExecute taint; an existing pod must go. */
    public static final String UNTOLERATED_NO_EXECUTE_TAINT = "UntoleratedNoExecuteTaint";

    /**
     * The decision. {@code reason} is {@link #FITS} when shouldRun, else one of the constants
     * above; {@code taint} names the untolerated taint for the taint reasons (else null).
     */
    public record Decision(boolean shouldRun, boolean shouldContinueRunning, String reason, Taint taint) {
        public Decision(boolean shouldRun, boolean shouldContinueRunning, String reason) {
            this(shouldRun, shouldContinueRunning, reason, null);
        }
    }

    private static final List<DaemonNodeCheck> CHECKS =
            List.of(new NodeNameCheck(), new NodeSelectorCheck(), new NodeAffinityCheck());
    private static final Set<String> SCHEDULING_EFFECTS = Set.of(Tolerations.NO_SCHEDULE, Tolerations.NO_EXECUTE);
    private static final Set<String> EXECUTE_EFFECTS = Set.of(Tolerations.NO_EXECUTE);

    private NodeShouldRunDaemonPod() {}

    /** R1.6 applied to the simulated pod of R1.1 (template spec plus automatic tolerations, R1.9). */
    public static Decision evaluate(Node node, DaemonSet ds) {
        PodSpec spec = ds.getSpec() == null
                        || ds.getSpec().getTemplate() == null
                        || ds.getSpec().getTemplate().getSpec() == null
                ? new PodSpec()
                : ds.getSpec().getTemplate().getSpec();
        for (DaemonNodeCheck check : CHECKS) {
            if (!check.passes(node, spec)) {
                return new Decision(false, false, check.reason());
            }
        }
        List<Toleration> tolerations =
                DaemonTolerations.withAutomatic(spec.getTolerations(), Boolean.TRUE.equals(spec.getHostNetwork()));
        List<Taint> taints = node.getSpec() == null ? List.of() : node.getSpec().getTaints();
        // PreferNoSchedule is ignored entirely (R1.6 step 2).
        Optional<Taint> blocking = Tolerations.untoleratedTaint(taints, tolerations, SCHEDULING_EFFECTS);
        if (blocking.isEmpty()) {
            return new Decision(true, true, FITS);
        }
        Optional<Taint> evicting = Tolerations.untoleratedTaint(taints, tolerations, EXECUTE_EFFECTS);
        if (evicting.isPresent()) {
            return new Decision(false, false, UNTOLERATED_NO_EXECUTE_TAINT, evicting.get());
        }
        return new Decision(false, true, UNTOLERATED_NO_SCHEDULE_TAINT, blocking.get());
    }
}
