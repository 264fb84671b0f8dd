package io.everynode.api.validation;

import static io.everynode.api.validation.Fixtures.messages;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ExecAction;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodValidationTest {

    static Arguments row(String name, Consumer<Pod> breakIt, String... expected) {
        return Arguments.of(name, breakIt, List.of(expected));
    }

    static Container c0(Pod p) {
        return p.getSpec().getContainers().get(0);
    }

    static Toleration tol(String key, String op, String value, String effect, Long seconds) {
        return new Toleration(effect, key, op, seconds, value);
    }

    static Stream<Arguments> createCases() {
        return Stream.of(
                row("valid pod", p -> {}),
                row(
                        "namespace required",
                        p -> p.getMetadata().setNamespace(null),
                        "metadata.namespace: Required value"),
                row(
                        "name or generateName",
                        p -> p.getMetadata().setName(null),
                        "metadata.name: Required value: name or generateName is required"),
                row("generateName prefix may end in a dash", p -> {
                    p.getMetadata().setName(null);
                    p.getMetadata().setGenerateName("fluent-bit-");
                }),
                row(
                        "bad label key",
                        p -> p.getMetadata().setLabels(Map.of("-bad", "x")),
                        "metadata.labels: Invalid value: \"-bad\": name part must consist of alphanumeric characters, '-', '_' or '.', "
                                + "and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', "
                                + "regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"),
                row(
                        "annotations too large",
                        p -> p.getMetadata().setAnnotations(Map.of("a", "x".repeat(256 * 1024))),
                        "metadata.annotations: Too long: may not be more than 262144 bytes"),
                row(
                        "containers required",
                        p -> p.getSpec().setContainers(List.of()),
                        "spec.containers: Required value"),
                row("image required", p -> c0(p).setImage(""), "spec.containers[0].image: Required value"),
                row("container name required", p -> c0(p).setName(null), "spec.containers[0].name: Required value"),
                row(
                        "duplicate container names",
                        p -> {
                            Container second = new io.fabric8.kubernetes.api.model.ContainerBuilder(c0(p))
                                    .withPorts(List.of())
                                    .build();
                            p.getSpec().setContainers(List.of(c0(p), second));
                        },
                        "spec.containers[1].name: Duplicate value: \"app\""),
                row("sidecars may each name a port like another container's", p -> {
                    Container sidecar = new io.fabric8.kubernetes.api.model.ContainerBuilder(c0(p))
                            .withName("sidecar")
                            .editFirstPort()
                            .withContainerPort(9808)
                            .endPort()
                            .build();
                    p.getSpec().setContainers(List.of(c0(p), sidecar));
                }),
                row(
                        "port names unique within a container",
                        p -> c0(p).getPorts()
                                .add(new io.fabric8.kubernetes.api.model.ContainerPortBuilder()
                                        .withName("http")
                                        .withContainerPort(8080)
                                        .withProtocol("TCP")
                                        .build()),
                        "spec.containers[0].ports[1].name: Duplicate value: \"http\""),
                row(
                        "restartPolicy",
                        p -> p.getSpec().setRestartPolicy("Sometimes"),
                        "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\""),
                row(
                        "port range",
                        p -> c0(p).getPorts().get(0).setContainerPort(70000),
                        "spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive"),
                row(
                        "port protocol",
                        p -> c0(p).getPorts().get(0).setProtocol("HTTP"),
                        "spec.containers[0].ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"TCP\", \"UDP\", \"SCTP\""),
                row(
                        "port name",
                        p -> c0(p).getPorts().get(0).setName("8080"),
                        "spec.containers[0].ports[0].name: Invalid value: \"8080\": must contain at least one letter (a-z)"),
                row(
                        "probe without handler",
                        p -> c0(p).setLivenessProbe(probe()),
                        "spec.containers[0].livenessProbe: Required value: must specify a handler type"),
                row(
                        "probe with two handlers",
                        p -> {
                            Probe pr = probe();
                            pr.setExec(new ExecAction(List.of("true")));
                            pr.setHttpGet(new HTTPGetAction(null, List.of(), "/", new IntOrString(80), null, "HTTP"));
                            c0(p).setReadinessProbe(pr);
                        },
                        "spec.containers[0].readinessProbe.httpGet: Forbidden: may not specify more than 1 handler type"),
                row(
                        "liveness successThreshold",
                        p -> {
                            Probe pr = probe();
                            pr.setExec(new ExecAction(List.of("true")));
                            pr.setSuccessThreshold(2);
                            c0(p).setLivenessProbe(pr);
                        },
                        "spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1"),
                row(
                        "requests above limits",
                        p -> c0(p).setResources(new ResourceRequirements(
                                null, Map.of("cpu", new Quantity("1")), Map.of("cpu", new Quantity("2")))),
                        "spec.containers[0].resources.requests[cpu]: Invalid value: \"2\": must be less than or equal to cpu limit of 1"),
                row(
                        "negative quantity",
                        p -> c0(p).setResources(
                                        new ResourceRequirements(null, Map.of("memory", new Quantity("-1Gi")), null)),
                        "spec.containers[0].resources.limits[memory]: Invalid value: \"-1Gi\": must be greater than or equal to 0"),
                row(
                        "volume without source",
                        p -> p.getSpec()
                                .setVolumes(List.of(
                                        new VolumeBuilder().withName("v").build())),
                        "spec.volumes[0]: Required value: must specify a volume type"),
                row(
                        "volume with two sources",
                        p -> p.getSpec()
                                .setVolumes(List.of(new VolumeBuilder()
                                        .withName("v")
                                        .withNewHostPath()
                                        .withPath("/x")
                                        .endHostPath()
                                        .withNewEmptyDir()
                                        .endEmptyDir()
                                        .build())),
                        "spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type"),
                row(
                        "duplicate volume names",
                        p -> p.getSpec().setVolumes(List.of(emptyDir("v"), emptyDir("v"))),
                        "spec.volumes[1].name: Duplicate value: \"v\""),
                row(
                        "mount of unknown volume",
                        p -> c0(p).setVolumeMounts(List.of(
                                new VolumeMount(null, "/data", null, "missing", null, null, null, null))),
                        "spec.containers[0].volumeMounts[0].name: Not found: \"missing\""),
                row(
                        "empty toleration key needs Exists",
                        p -> p.getSpec().setTolerations(List.of(tol("", "Equal", "", "NoSchedule", null))),
                        "spec.tolerations[0].operator: Invalid value: \"Equal\": operator must be Exists when `key` is empty, which means \"match all values and all keys\""),
                row(
                        "Exists with a value",
                        p -> p.getSpec().setTolerations(List.of(tol("k", "Exists", "v", "", null))),
                        "spec.tolerations[0].operator: Invalid value: {\"effect\":\"\",\"key\":\"k\",\"operator\":\"Exists\",\"value\":\"v\"}: value must be empty when `operator` is 'Exists'"),
                row(
                        "bad effect",
                        p -> p.getSpec().setTolerations(List.of(tol("k", "Exists", null, "NoRun", null))),
                        "spec.tolerations[0].effect: Unsupported value: \"NoRun\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\""),
                row(
                        "tolerationSeconds needs NoExecute",
                        p -> p.getSpec().setTolerations(List.of(tol("k", "Exists", null, "NoSchedule", 30L))),
                        "spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set"),
                row(
                        "match-all toleration is fine",
                        p -> p.getSpec().setTolerations(List.of(tol(null, "Exists", null, null, null)))),
                row(
                        "nodeSelector value syntax",
                        p -> p.getSpec().setNodeSelector(Map.of("disk", "s s")),
                        "spec.nodeSelector: Invalid value: \"s s\": a valid label must be an empty string or consist of alphanumeric characters, "
                                + "'-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', "
                                + "regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"),
                row(
                        "affinity operator",
                        p -> p.getSpec()
                                .setAffinity(new AffinityBuilder()
                                        .withNewNodeAffinity()
                                        .withRequiredDuringSchedulingIgnoredDuringExecution(new NodeSelector(
                                                List.of(new NodeSelectorTerm(
                                                        List.of(new NodeSelectorRequirement(
                                                                "zone", "Near", List.of("a"))),
                                                        List.of()))))
                                        .endNodeAffinity()
                                        .build()),
                        "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator: "
                                + "Invalid value: \"Near\": not a valid selector operator"),
                row(
                        "affinity terms required",
                        p -> p.getSpec()
                                .setAffinity(new AffinityBuilder()
                                        .withNewNodeAffinity()
                                        .withRequiredDuringSchedulingIgnoredDuringExecution(new NodeSelector(List.of()))
                                        .endNodeAffinity()
                                        .build()),
                        "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: Required value: must have at least one node selector term"));
    }

    static Probe probe() {
        Probe pr = new Probe();
        pr.setTimeoutSeconds(1);
        pr.setPeriodSeconds(10);
        pr.setSuccessThreshold(1);
        pr.setFailureThreshold(3);
        return pr;
    }

    static Volume emptyDir(String name) {
        return new VolumeBuilder()
                .withName(name)
                .withNewEmptyDir()
                .endEmptyDir()
                .build();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("createCases")
    void createIsValidatedLikeKubeApiserver(String name, Consumer<Pod> breakIt, List<String> expected) {
        Pod pod = Fixtures.pod();
        breakIt.accept(pod);
        assertThat(messages(PodValidation.validateCreate(pod))).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> updateCases() {
        return Stream.of(
                row("image may change", p -> c0(p).setImage("nginx:1.26")),
                row(
                        "an image and an env var may not change together",
                        p -> {
                            c0(p).setImage("nginx:1.26");
                            c0(p).setEnv(List.of(new io.fabric8.kubernetes.api.model.EnvVar("A", "1", null)));
                        },
                        "spec: Forbidden: " + PodValidation.UPDATE_FORBIDDEN + "\nchanged: spec.containers"),
                row(
                        "a container may not be added",
                        p -> p.getSpec()
                                .setContainers(List.of(
                                        c0(p),
                                        new io.fabric8.kubernetes.api.model.ContainerBuilder()
                                                .withName("side")
                                                .withImage("envoy:1")
                                                .withImagePullPolicy("IfNotPresent")
                                                .withTerminationMessagePath("/dev/termination-log")
                                                .withTerminationMessagePolicy("File")
                                                .build())),
                        "spec: Forbidden: " + PodValidation.UPDATE_FORBIDDEN + "\nchanged: spec.containers"),
                row("activeDeadlineSeconds may be set", p -> p.getSpec().setActiveDeadlineSeconds(100L)),
                row(
                        "tolerations may be added",
                        p -> p.getSpec().setTolerations(List.of(tol("k", "Exists", null, "NoExecute", 5L)))),
                row(
                        "restartPolicy may not change",
                        p -> p.getSpec().setRestartPolicy("Never"),
                        "spec: Forbidden: " + PodValidation.UPDATE_FORBIDDEN + "\nchanged: spec.restartPolicy"),
                row(
                        "nodeName may not change",
                        p -> p.getSpec().setNodeName("n2"),
                        "spec: Forbidden: " + PodValidation.UPDATE_FORBIDDEN + "\nchanged: spec.nodeName"),
                row(
                        "name is immutable",
                        p -> p.getMetadata().setName("q"),
                        "metadata.name: Invalid value: \"q\": field is immutable"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("updateCases")
    void updateKeepsTheSpecImmutableExceptTheUpstreamFields(String name, Consumer<Pod> change, List<String> expected) {
        Pod old = Fixtures.pod();
        Pod updated = new PodBuilder(old).build();
        change.accept(updated);
        assertThat(messages(PodValidation.validateUpdate(updated, old))).containsExactlyElementsOf(expected);
    }

    @Test
    void existingTolerationsMayNotBeRemoved() {
        Pod old = Fixtures.pod();
        old.getSpec().setTolerations(List.of(tol("k", "Exists", null, "NoExecute", 5L)));
        Pod updated = new PodBuilder(old).build();
        updated.getSpec().setTolerations(List.of());
        assertThat(messages(PodValidation.validateUpdate(updated, old)))
                .first()
                .isEqualTo(
                        "spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds");
    }

    @Test
    void activeDeadlineSecondsMayOnlyDecrease() {
        Pod old = Fixtures.pod();
        old.getSpec().setActiveDeadlineSeconds(10L);
        Pod updated = new PodBuilder(old).build();
        updated.getSpec().setActiveDeadlineSeconds(20L);
        assertThat(messages(PodValidation.validateUpdate(updated, old)))
                .containsExactly(
                        "spec.activeDeadlineSeconds: Invalid value: 20: must be less than or equal to previous value");
    }
}
