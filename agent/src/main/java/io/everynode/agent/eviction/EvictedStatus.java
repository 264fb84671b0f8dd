package io.everynode.agent.eviction;

import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The status of an evicted pod, as the kubelet writes it: phase Failed, reason {@code Evicted},
 * the eviction message, and a {@code DisruptionTarget=True} condition with reason
 * {@code TerminationByKubelet} and the same message (its transition time kept once set, so
 * computing it again gives the same status).
 */
public final class EvictedStatus {
    public static final String REASON = "Evicted";
    public static final String DISRUPTION_TARGET = "DisruptionTarget";
    public static final String TERMINATION_BY_KUBELET = "TerminationByKubelet";

    private EvictedStatus() {}

    /**
     * {@code computed} (the status from the runtime) turned into an evicted pod's status, the
     * DisruptionTarget transition time kept from {@code current} (the reported status, may be
     * null); neither argument is changed.
     */
    public static PodStatus apply(PodStatus computed, PodStatus current, String message, Instant now) {
        PodStatus s = new io.fabric8.kubernetes.api.model.PodStatusBuilder(computed).build();
        s.setPhase("Failed");
        s.setReason(REASON);
        s.setMessage(message);
        List<PodCondition> conditions = new ArrayList<>();
        String since = now.truncatedTo(ChronoUnit.SECONDS).toString();
        for (PodCondition c : current == null || current.getConditions() == null
                ? List.<PodCondition>of()
                : current.getConditions()) {
            if (DISRUPTION_TARGET.equals(c.getType())
                    && "True".equals(c.getStatus())
                    && c.getLastTransitionTime() != null) {
                since = c.getLastTransitionTime();
            }
        }
        for (PodCondition c : s.getConditions() == null ? List.<PodCondition>of() : s.getConditions()) {
            if (!DISRUPTION_TARGET.equals(c.getType())) conditions.add(c);
        }
        conditions.add(new PodConditionBuilder()
                .withType(DISRUPTION_TARGET)
                .withStatus("True")
                .withReason(TERMINATION_BY_KUBELET)
                .withMessage(message)
                .withLastTransitionTime(since)
                .build());
        s.setConditions(conditions);
        return s;
    }
}
