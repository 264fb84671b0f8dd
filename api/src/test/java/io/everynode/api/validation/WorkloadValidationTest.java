package io.everynode.api.validation;

import static io.everynode.api.validation.Fixtures.messages;
import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.defaults.WorkloadDefaults;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WorkloadValidationTest {

    static PodTemplateSpec template(String restartPolicy) {
        return new PodTemplateSpecBuilder()
                .withNewMetadata()
                .addToLabels("app", "web")
                .endMetadata()
                .withNewSpec()
                .withRestartPolicy(restartPolicy)
                .addNewContainer()
                .withName("web")
                .withImage("nginx:1.27")
                .endContainer()
                .endSpec()
                .build();
    }

    static LabelSelector selector() {
        return new LabelSelector(null, Map.of("app", "web"));
    }

    static Deployment deployment() {
        Deployment d = new DeploymentBuilder()
                .withNewMetadata()
                .withName("web")
                .withNamespace("default")
                .endMetadata()
                .withNewSpec()
                .withSelector(selector())
                .withTemplate(template(null))
                .endSpec()
                .build();
        WorkloadDefaults.deployment(d);
        return d;
    }

    static Arguments row(String name, Consumer<Deployment> breakIt, String... expected) {
        return Arguments.of(name, breakIt, List.of(expected));
    }

    static Stream<Arguments> deploymentCases() {
        return Stream.of(
                row("valid deployment", d -> {}),
                row("selector required", d -> d.getSpec().setSelector(null), "spec.selector: Required value"),
                row(
                        "empty selector",
                        d -> d.getSpec().setSelector(new LabelSelector()),
                        "spec.selector: Invalid value: {}: empty selector is invalid for deployment"),
                row(
                        "selector must match the template",
                        d -> d.getSpec().setSelector(new LabelSelector(null, Map.of("app", "api"))),
                        "spec.template.metadata.labels: Invalid value: {\"app\":\"web\"}: `selector` does not match template `labels`"),
                row(
                        "replicas not negative",
                        d -> d.getSpec().setReplicas(-1),
                        "spec.replicas: Invalid value: -1: must be greater than or equal to 0"),
                row(
                        "restartPolicy Always",
                        d -> d.getSpec().getTemplate().getSpec().setRestartPolicy("Never"),
                        "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\""),
                row(
                        "template validated as a pod template",
                        d -> d.getSpec()
                                .getTemplate()
                                .getSpec()
                                .getContainers()
                                .get(0)
                                .setImage(""),
                        "spec.template.spec.containers[0].image: Required value"),
                row(
                        "maxSurge and maxUnavailable both 0",
                        d -> {
                            d.getSpec().getStrategy().getRollingUpdate().setMaxSurge(new IntOrString(0));
                            d.getSpec().getStrategy().getRollingUpdate().setMaxUnavailable(new IntOrString(0));
                        },
                        "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0"),
                row(
                        "Recreate with rollingUpdate",
                        d -> d.getSpec().getStrategy().setType("Recreate"),
                        "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"),
                row(
                        "progress deadline above minReadySeconds",
                        d -> d.getSpec().setMinReadySeconds(600),
                        "spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("deploymentCases")
    void deploymentsAreValidatedLikeKubeApiserver(String name, Consumer<Deployment> breakIt, List<String> expected) {
        Deployment d = deployment();
        breakIt.accept(d);
        assertThat(messages(WorkloadValidation.deployment(d, null))).containsExactlyElementsOf(expected);
    }

    @Test
    void deploymentDefaultsAreUpstreams() {
        Deployment d = deployment();
        assertThat(d.getSpec().getReplicas()).isEqualTo(1);
        assertThat(d.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(d.getSpec().getStrategy().getRollingUpdate().getMaxSurge()).isEqualTo(new IntOrString("25%"));
        assertThat(d.getSpec().getRevisionHistoryLimit()).isEqualTo(10);
        assertThat(d.getSpec().getProgressDeadlineSeconds()).isEqualTo(600);
        assertThat(d.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Always");
    }

    @Test
    void theSelectorOfADeploymentIsImmutable() {
        Deployment old = deployment();
        Deployment updated = deployment();
        updated.getSpec().setSelector(new LabelSelector(null, Map.of("tier", "front")));
        updated.getSpec().getTemplate().getMetadata().setLabels(Map.of("app", "web", "tier", "front"));
        assertThat(messages(WorkloadValidation.deployment(updated, old)))
                .containsExactly(
                        "spec.selector: Invalid value: {\"matchLabels\":{\"tier\":\"front\"}}: field is immutable");
    }

    @Test
    void aReplicaSetNeedsASelectorMatchingItsTemplate() {
        ReplicaSet rs = new ReplicaSetBuilder()
                .withNewMetadata()
                .withName("web-1")
                .withNamespace("default")
                .endMetadata()
                .withNewSpec()
                .withSelector(new LabelSelector(null, Map.of("app", "api")))
                .withTemplate(template(null))
                .endSpec()
                .build();
        WorkloadDefaults.replicaSet(rs);
        assertThat(messages(WorkloadValidation.replicaSet(rs, null)))
                .containsExactly(
                        "spec.template.metadata.labels: Invalid value: {\"app\":\"web\"}: `selector` does not match template `labels`");
    }

    @Test
    void aStatefulSetRefusesNegativeReplicas() {
        StatefulSet ss = new StatefulSetBuilder()
                .withNewMetadata()
                .withName("db")
                .withNamespace("default")
                .endMetadata()
                .withNewSpec()
                .withReplicas(-2)
                .withSelector(selector())
                .withTemplate(template(null))
                .endSpec()
                .build();
        WorkloadDefaults.statefulSet(ss);
        assertThat(messages(WorkloadValidation.statefulSet(ss, null)))
                .containsExactly("spec.replicas: Invalid value: -2: must be greater than or equal to 0");
    }

    @Test
    void aJobTemplateMayNotRestartAlways() {
        Job job = new JobBuilder()
                .withNewMetadata()
                .withName("once")
                .withNamespace("default")
                .endMetadata()
                .withNewSpec()
                .withSelector(selector())
                .withTemplate(template("Always"))
                .endSpec()
                .build();
        WorkloadDefaults.job(job);
        assertThat(messages(WorkloadValidation.job(job, null)))
                .containsExactly(
                        "spec.template.spec.restartPolicy: Unsupported value: \"Always\": supported values: \"OnFailure\", \"Never\"");
        job.getSpec().getTemplate().getSpec().setRestartPolicy("Never");
        assertThat(WorkloadValidation.job(job, null)).isEmpty();
        assertThat(job.getSpec().getBackoffLimit()).isEqualTo(6);
        assertThat(job.getSpec().getCompletions()).isEqualTo(1);
    }
}
