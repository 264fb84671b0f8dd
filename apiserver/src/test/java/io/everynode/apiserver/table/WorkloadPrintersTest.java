package io.everynode.apiserver.table;

import static io.everynode.apiserver.table.Fixtures.NOW;
import static io.everynode.apiserver.table.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.Test;

/** Deployment, ReplicaSet, StatefulSet, Job and CronJob rows. */
class WorkloadPrintersTest {
    private static final String META = "metadata: {name: x, creationTimestamp: '2024-06-01T11:55:00Z'}\n";
    private static final String TEMPLATE = """
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: 'nginx:1'}, {name: log, image: 'busybox:1'}]}
            """;

    @Test
    void deploymentShowsReadyOverDesiredAndItsTemplateWhenWide() {
        Deployment d = yaml(
                META + "spec:\n  replicas: 3\n" + TEMPLATE
                        + "status: {readyReplicas: 2, updatedReplicas: 3, availableReplicas: 1}",
                Deployment.class);
        assertThat(new DeploymentPrinter().cells(d, NOW))
                .containsExactly("x", "2/3", 3L, 1L, "5m", "web,log", "nginx:1,busybox:1", "app=web");
        assertThat(new DeploymentPrinter().columns())
                .filteredOn(c -> c.priority() == 0)
                .extracting(TableColumn::name)
                .containsExactly("Name", "Ready", "Up-to-date", "Available", "Age");
    }

    @Test
    void workloadsWithoutReplicasPrintTheDefaultOfOne() {
        assertThat(new DeploymentPrinter()
                        .cells(yaml(META, Deployment.class), NOW)
                        .get(1))
                .isEqualTo("0/1");
        assertThat(new StatefulSetPrinter().cells(yaml(META, StatefulSet.class), NOW))
                .containsExactly("x", "0/1", "5m", "", "");
        assertThat(new ReplicaSetPrinter()
                        .cells(yaml(META, ReplicaSet.class), NOW)
                        .subList(1, 4))
                .containsExactly(1L, 0L, 0L);
    }

    @Test
    void replicaSetShowsDesiredCurrentAndReady() {
        ReplicaSet rs = yaml(
                META + "spec:\n  replicas: 4\n" + TEMPLATE + "status: {replicas: 3, readyReplicas: 2}",
                ReplicaSet.class);
        assertThat(new ReplicaSetPrinter().cells(rs, NOW))
                .containsExactly("x", 4L, 3L, 2L, "5m", "web,log", "nginx:1,busybox:1", "app=web");
    }

    @Test
    void statefulSetShowsReadyOverDesired() {
        StatefulSet sts =
                yaml(META + "spec:\n  replicas: 2\n" + TEMPLATE + "status: {readyReplicas: 1}", StatefulSet.class);
        assertThat(new StatefulSetPrinter().cells(sts, NOW))
                .containsExactly("x", "1/2", "5m", "web,log", "nginx:1,busybox:1");
    }

    @Test
    void completeJobShowsItsDurationFromStartToCompletion() {
        Job job = yaml(META + "spec:\n  completions: 3\n" + TEMPLATE + """
                        status:
                          succeeded: 3
                          startTime: '2024-06-01T11:56:00Z'
                          completionTime: '2024-06-01T11:56:42Z'
                          conditions: [{type: Complete, status: 'True'}]
                        """, Job.class);
        assertThat(new JobPrinter().cells(job, NOW))
                .containsExactly("x", "Complete", "3/3", "42s", "5m", "web,log", "nginx:1,busybox:1", "app=web");
    }

    @Test
    void runningJobMeasuresItsDurationToNowAndCountsParallelCompletions() {
        Job job = yaml(
                META + "spec: {parallelism: 2}\nstatus: {succeeded: 1, startTime: '2024-06-01T11:57:00Z'}", Job.class);
        assertThat(new JobPrinter().cells(job, NOW).subList(1, 4)).containsExactly("Running", "1/1 of 2", "3m");
        assertThat(new JobPrinter().cells(yaml(META, Job.class), NOW).subList(1, 4))
                .containsExactly("Running", "0/1", "");
    }

    @Test
    void jobStatusFollowsUpstreamsOrderOfConditions() {
        String failed =
                META + "status: {conditions: [{type: Suspended, status: 'True'}, {type: Failed, status: 'True'}]}";
        assertThat(new JobPrinter().cells(yaml(failed, Job.class), NOW).get(1)).isEqualTo("Failed");
        String suspended = META + "status: {conditions: [{type: Suspended, status: 'True'}]}";
        assertThat(new JobPrinter().cells(yaml(suspended, Job.class), NOW).get(1))
                .isEqualTo("Suspended");
        String deleted = "metadata: {name: x, deletionTimestamp: '2024-06-01T12:00:00Z'}\n"
                + "status: {conditions: [{type: FailureTarget, status: 'True'}]}";
        assertThat(new JobPrinter().cells(yaml(deleted, Job.class), NOW).get(1)).isEqualTo("Terminating");
    }

    @Test
    void cronJobShowsScheduleZoneSuspendActiveAndLastSchedule() {
        CronJob cj = yaml(
                META + """
                spec:
                  schedule: '*/5 * * * *'
                  timeZone: Etc/UTC
                  suspend: true
                  jobTemplate:
                    spec:
                """ + TEMPLATE.indent(4)
                        + "status: {active: [{name: j1}], lastScheduleTime: '2024-06-01T11:59:00Z'}",
                CronJob.class);
        assertThat(new CronJobPrinter().cells(cj, NOW))
                .containsExactly(
                        "x",
                        "*/5 * * * *",
                        "Etc/UTC",
                        "True",
                        1L,
                        "60s",
                        "5m",
                        "web,log",
                        "nginx:1,busybox:1",
                        "app=web");
        assertThat(new CronJobPrinter()
                        .cells(yaml(META + "spec: {schedule: '@daily'}", CronJob.class), NOW)
                        .subList(1, 6))
                .containsExactly("@daily", "<none>", "False", 0L, "<none>");
    }
}
