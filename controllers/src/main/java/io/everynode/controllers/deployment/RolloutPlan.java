package io.everynode.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.List;

/**
 * What one sync of a Deployment writes, in order, and the ReplicaSets as they will be after it:
 * the {@link RolloutPlanner}'s answer, carried out by the {@link DeploymentController}. Plain data.
 */
final class RolloutPlan {
    /** One ReplicaSet write. */
    enum Kind {
        /** Create {@code rs} (named {@code <deployment>-<hash>}). */
        CREATE,
        /** Update {@code rs} (replicas and/or annotations), guarded by its resourceVersion. */
        UPDATE,
        /** Delete {@code rs} (history beyond revisionHistoryLimit). */
        DELETE
    }

    /** A write; {@code from} and {@code to} are spec.replicas before and after (equal: annotations only). */
    record Write(Kind kind, ReplicaSet rs, int from, int to) {}

    final List<Write> writes = new ArrayList<>();
    /** The revision to put on the Deployment's own annotation, or null when it already has it. */
    String deploymentRevision;
    /** The ReplicaSet whose template is the Deployment's, after the plan; null when none yet. */
    ReplicaSet newRs;
    /** Every owned ReplicaSet after the plan (the new one included, deleted ones excluded). */
    List<ReplicaSet> all = List.of();
    /** Whether the rollout's progress conditions apply (false for paused and scaling syncs). */
    boolean rollout;
    /** A Progressing condition the plan itself sets (NewReplicaSetCreated, FoundNewReplicaSet), or null. */
    DeploymentCondition progressing;
}
