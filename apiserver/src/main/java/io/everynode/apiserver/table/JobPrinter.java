package io.everynode.apiserver.table;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code kubectl get jobs}: NAME STATUS COMPLETIONS DURATION AGE; wide CONTAINERS IMAGES SELECTOR.
 *
 * <p>STATUS is the first of Complete, Failed (conditions True), Terminating (deleted), Suspended,
 * FailureTarget (conditions True), else Running. COMPLETIONS is {@code succeeded/completions};
 * without completions {@code succeeded/1}, or {@code succeeded/1 of P} when parallelism P > 1
 * (batch/v1 sets both to 1 when both are unset, and parallelism alone to 1). DURATION is empty
 * before startTime, then the time since it, then completionTime minus startTime.
 */
final class JobPrinter implements RowPrinter<Job> {
    private static final List<TableColumn> COLUMNS = List.of(
            Columns.name(),
            Columns.of("Status", "string", "Status of the job."),
            Columns.of("Completions", "string", "The number of pods which reached phase Succeeded."),
            Columns.of("Duration", "string", "Time required to complete the job."),
            Columns.age(),
            Workloads.containersColumn(),
            Workloads.imagesColumn(),
            Workloads.selectorColumn());

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public Class<Job> objectType() {
        return Job.class;
    }

    @Override
    public List<Object> cells(Job job, Instant now) {
        JobSpec spec = job.getSpec() == null ? new JobSpec() : job.getSpec();
        JobStatus status = job.getStatus() == null ? new JobStatus() : job.getStatus();
        return List.of(
                Columns.str(job.getMetadata().getName()),
                status(job, status),
                completions(spec, Columns.int64(status.getSucceeded())),
                duration(status, now),
                Times.since(job.getMetadata().getCreationTimestamp(), now),
                Cells.containerNames(spec.getTemplate()),
                Cells.containerImages(spec.getTemplate()),
                LabelText.selector(spec.getSelector()));
    }

    private static String completions(JobSpec spec, long succeeded) {
        Integer completions = spec.getCompletions();
        Integer parallelism = spec.getParallelism();
        if (completions == null && parallelism == null) {
            completions = 1;
        }
        if (completions != null) {
            return succeeded + "/" + completions;
        }
        return parallelism > 1 ? succeeded + "/1 of " + parallelism : succeeded + "/1";
    }

    private static String duration(JobStatus status, Instant now) {
        Optional<Instant> start = Times.parse(status.getStartTime());
        if (start.isEmpty()) {
            return "";
        }
        Instant end = Times.parse(status.getCompletionTime()).orElse(now);
        return HumanDuration.of(Duration.between(start.get(), end));
    }

    private static String status(Job job, JobStatus status) {
        List<JobCondition> conditions = status.getConditions() == null ? List.of() : status.getConditions();
        if (isTrue(conditions, "Complete")) return "Complete";
        if (isTrue(conditions, "Failed")) return "Failed";
        if (job.getMetadata().getDeletionTimestamp() != null) return "Terminating";
        if (isTrue(conditions, "Suspended")) return "Suspended";
        if (isTrue(conditions, "FailureTarget")) return "FailureTarget";
        return "Running";
    }

    /** The first condition of the type decides, as upstream's hasJobCondition. */
    private static boolean isTrue(List<JobCondition> conditions, String type) {
        return conditions.stream()
                .filter(c -> type.equals(c.getType()))
                .findFirst()
                .map(c -> "True".equals(c.getStatus()))
                .orElse(false);
    }
}
