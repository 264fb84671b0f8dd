package io.everynode.api.defaults;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * apps/v1 and batch/v1 defaults for the workload kinds other than DaemonSets (upstream's
 * SetDefaults_Deployment, _ReplicaSet, _StatefulSet, _Job): one replica, a Deployment rolls
 * 25%/25% with ten revisions kept and a 600 s progress deadline, a Job runs one pod to one
 * completion with six retries; each template gets the pod-spec defaults.
 */
public final class WorkloadDefaults {
    private WorkloadDefaults() {}

    public static void deployment(Deployment d) {
        if (d.getSpec() == null) d.setSpec(new DeploymentSpec());
        DeploymentSpec spec = d.getSpec();
        template(spec.getTemplate());
        if (spec.getReplicas() == null) spec.setReplicas(1);
        if (spec.getStrategy() == null) spec.setStrategy(new DeploymentStrategy());
        DeploymentStrategy strategy = spec.getStrategy();
        if (strategy.getType() == null || strategy.getType().isEmpty()) strategy.setType("RollingUpdate");
        if ("RollingUpdate".equals(strategy.getType())) {
            if (strategy.getRollingUpdate() == null) strategy.setRollingUpdate(new RollingUpdateDeployment());
            RollingUpdateDeployment ru = strategy.getRollingUpdate();
            if (ru.getMaxUnavailable() == null) ru.setMaxUnavailable(new IntOrString("25%"));
            if (ru.getMaxSurge() == null) ru.setMaxSurge(new IntOrString("25%"));
        }
        if (spec.getRevisionHistoryLimit() == null) spec.setRevisionHistoryLimit(Defaults.REVISION_HISTORY_LIMIT);
        if (spec.getProgressDeadlineSeconds() == null) spec.setProgressDeadlineSeconds(600);
    }

    public static void replicaSet(ReplicaSet rs) {
        if (rs.getSpec() == null) return;
        template(rs.getSpec().getTemplate());
        if (rs.getSpec().getReplicas() == null) rs.getSpec().setReplicas(1);
    }

    public static void statefulSet(StatefulSet ss) {
        if (ss.getSpec() == null) return;
        template(ss.getSpec().getTemplate());
        if (ss.getSpec().getReplicas() == null) ss.getSpec().setReplicas(1);
        if (ss.getSpec().getPodManagementPolicy() == null) ss.getSpec().setPodManagementPolicy("OrderedReady");
        if (ss.getSpec().getRevisionHistoryLimit() == null) {
            ss.getSpec().setRevisionHistoryLimit(Defaults.REVISION_HISTORY_LIMIT);
        }
    }

    public static void job(Job job) {
        if (job.getSpec() == null) return;
        var spec = job.getSpec();
        template(spec.getTemplate());
        if (spec.getCompletions() == null && spec.getParallelism() == null) {
            spec.setCompletions(1);
            spec.setParallelism(1);
        } else if (spec.getParallelism() == null) {
            spec.setParallelism(1);
        }
        if (spec.getBackoffLimit() == null) spec.setBackoffLimit(6);
        if (spec.getCompletionMode() == null) spec.setCompletionMode("NonIndexed");
        if (spec.getSuspend() == null) spec.setSuspend(false);
    }

    private static void template(PodTemplateSpec t) {
        if (t == null) return;
        if (t.getSpec() == null) t.setSpec(new PodSpec());
        Defaults.defaultPodSpec(t.getSpec());
    }
}
