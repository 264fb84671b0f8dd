package io.everynode.apiserver.strategy;

import io.everynode.api.defaults.WorkloadDefaults;
import io.everynode.api.validation.WorkloadValidation;
import io.everynode.apiserver.registry.WriteContext;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Jobs: as other workloads, and unless {@code spec.manualSelector} is true the server writes the
 * selector, matching the Job's uid, and labels the template with it and the Job's name (upstream's
 * generateSelector, with the batch.kubernetes.io labels and their legacy twins).
 */
final class JobStrategy extends WorkloadStrategy<Job> {
    JobStrategy() {
        super(Job.class, WorkloadDefaults::job, WorkloadValidation::job);
    }

    @Override
    void applyDefaults(Job job, WriteContext ctx) {
        super.applyDefaults(job, ctx);
        var spec = job.getSpec();
        String uid = job.getMetadata() == null ? null : job.getMetadata().getUid();
        if (spec == null || Boolean.TRUE.equals(spec.getManualSelector()) || spec.getSelector() != null || uid == null)
            return;
        spec.setSelector(new LabelSelector(null, Map.of("batch.kubernetes.io/controller-uid", uid)));
        if (spec.getTemplate() == null) return;
        if (spec.getTemplate().getMetadata() == null) spec.getTemplate().setMetadata(new ObjectMeta());
        ObjectMeta meta = spec.getTemplate().getMetadata();
        Map<String, String> labels = new LinkedHashMap<>();
        if (meta.getLabels() != null) labels.putAll(meta.getLabels());
        String name = job.getMetadata().getName();
        labels.putIfAbsent("batch.kubernetes.io/controller-uid", uid);
        labels.putIfAbsent("batch.kubernetes.io/job-name", name);
        labels.putIfAbsent("controller-uid", uid);
        labels.putIfAbsent("job-name", name);
        meta.setLabels(labels);
    }
}
