package io.everynode.apiserver.table;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobTemplateSpec;
import java.time.Instant;
import java.util.List;

/**
 * {@code kubectl get cronjobs}: NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE; wide
 * CONTAINERS IMAGES SELECTOR (of the job template). TIMEZONE and LAST SCHEDULE are
 * {@code <none>} when unset; SUSPEND is the text {@code True}/{@code False} (batch/v1 defaults it
 * to false); ACTIVE counts status.active.
 */
final class CronJobPrinter implements RowPrinter<CronJob> {
    private static final List<TableColumn> COLUMNS = List.of(
            Columns.name(),
            Columns.of("Schedule", "string", "The schedule in Cron format."),
            Columns.of("Timezone", "string", "The time zone name for the given schedule."),
            Columns.of("Suspend", "boolean", "This flag tells the controller to suspend subsequent executions."),
            Columns.of("Active", "integer", "A list of pointers to currently running jobs."),
            Columns.of(
                    "Last Schedule",
                    "string",
                    "Information when was the last time the job was successfully" + " scheduled."),
            Columns.age(),
            Workloads.containersColumn(),
            Workloads.imagesColumn(),
            Workloads.selectorColumn());

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public Class<CronJob> objectType() {
        return CronJob.class;
    }

    @Override
    public List<Object> cells(CronJob cj, Instant now) {
        CronJobSpec spec = cj.getSpec() == null ? new CronJobSpec() : cj.getSpec();
        CronJobStatus status = cj.getStatus() == null ? new CronJobStatus() : cj.getStatus();
        JobTemplateSpec jobTemplate = spec.getJobTemplate();
        PodTemplateSpec template = jobTemplate == null || jobTemplate.getSpec() == null
                ? null
                : jobTemplate.getSpec().getTemplate();
        String lastSchedule =
                status.getLastScheduleTime() == null ? "<none>" : Times.since(status.getLastScheduleTime(), now);
        return List.of(
                Columns.str(cj.getMetadata().getName()),
                Columns.str(spec.getSchedule()),
                spec.getTimeZone() == null ? "<none>" : spec.getTimeZone(),
                Boolean.TRUE.equals(spec.getSuspend()) ? "True" : "False",
                Cells.size(status.getActive()),
                lastSchedule,
                Times.since(cj.getMetadata().getCreationTimestamp(), now),
                Cells.containerNames(template),
                Cells.containerImages(template),
                LabelText.selector(
                        jobTemplate == null || jobTemplate.getSpec() == null
                                ? null
                                : jobTemplate.getSpec().getSelector()));
    }
}
