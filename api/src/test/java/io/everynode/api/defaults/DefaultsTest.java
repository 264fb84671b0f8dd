package io.everynode.api.defaults;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DefaultsTest {

    @ParameterizedTest(name = "[{index}] image {0} -> {1}")
    @CsvSource({
        "nginx, Always",
        "nginx:latest, Always",
        "nginx:1.25, IfNotPresent",
        "registry:5000/app, Always",
        "registry:5000/app:v1, IfNotPresent",
        "nginx@sha256:abc, IfNotPresent",
        "fluent/fluent-bit:2.1, IfNotPresent"
    })
    void imagePullPolicyDependsOnTheTag(String image, String policy) {
        assertThat(PodSpecDefaults.pullPolicy(image)).isEqualTo(policy);
    }

    private static Pod samplePod() {
        return new PodBuilder()
                .withNewMetadata()
                .withName("p")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("c")
                .withImage("fluent-bit:2.1")
                .addNewPort()
                .withContainerPort(2020)
                .endPort()
                .withNewResources()
                .addToLimits("cpu", new Quantity("200m"))
                .addToLimits("memory", new Quantity("64Mi"))
                .addToRequests("cpu", new Quantity("100m"))
                .endResources()
                .withNewLivenessProbe()
                .withNewHttpGet()
                .withPort(new IntOrString(2020))
                .endHttpGet()
                .endLivenessProbe()
                .endContainer()
                .addNewVolume()
                .withName("logs")
                .withNewHostPath()
                .withPath("/var/log")
                .endHostPath()
                .endVolume()
                .addNewVolume()
                .withName("cfg")
                .withNewConfigMap()
                .withName("cfg")
                .endConfigMap()
                .endVolume()
                .addNewVolume()
                .withName("scratch")
                .endVolume()
                .endSpec()
                .build();
    }

    /** Each row: a JSON-ish path into the defaulted pod and the expected value. */
    @ParameterizedTest(name = "[{index}] {0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            restartPolicy                        | Always
            dnsPolicy                            | ClusterFirst
            schedulerName                        | default-scheduler
            terminationGracePeriodSeconds        | 30
            enableServiceLinks                   | true
            securityContext                      | present
            tolerations                          | empty
            container.terminationMessagePath     | /dev/termination-log
            container.terminationMessagePolicy   | File
            container.imagePullPolicy            | IfNotPresent
            container.port.protocol              | TCP
            container.requests.cpu               | 100m
            container.requests.memory            | 64Mi
            probe.timeoutSeconds                 | 1
            probe.periodSeconds                  | 10
            probe.successThreshold               | 1
            probe.failureThreshold               | 3
            probe.httpGet.scheme                 | HTTP
            probe.httpGet.path                   | /
            volume.hostPath.type                 | ''
            volume.configMap.defaultMode         | 420
            volume.scratch.emptyDir              | present
            """)
    void podDefaultsMatchKubeApiserver(String field, String expected) {
        Pod pod = samplePod();
        Defaults.defaultPod(pod);
        var spec = pod.getSpec();
        var c = spec.getContainers().get(0);
        var probe = c.getLivenessProbe();
        Object actual = switch (field) {
            case "restartPolicy" -> spec.getRestartPolicy();
            case "dnsPolicy" -> spec.getDnsPolicy();
            case "schedulerName" -> spec.getSchedulerName();
            case "terminationGracePeriodSeconds" -> spec.getTerminationGracePeriodSeconds();
            case "enableServiceLinks" -> spec.getEnableServiceLinks();
            case "securityContext" -> spec.getSecurityContext() != null ? "present" : "absent";
            case "tolerations" ->
                spec.getTolerations() == null || spec.getTolerations().isEmpty() ? "empty" : "set";
            case "container.terminationMessagePath" -> c.getTerminationMessagePath();
            case "container.terminationMessagePolicy" -> c.getTerminationMessagePolicy();
            case "container.imagePullPolicy" -> c.getImagePullPolicy();
            case "container.port.protocol" -> c.getPorts().get(0).getProtocol();
            case "container.requests.cpu" ->
                c.getResources().getRequests().get("cpu").toString();
            case "container.requests.memory" ->
                c.getResources().getRequests().get("memory").toString();
            case "probe.timeoutSeconds" -> probe.getTimeoutSeconds();
            case "probe.periodSeconds" -> probe.getPeriodSeconds();
            case "probe.successThreshold" -> probe.getSuccessThreshold();
            case "probe.failureThreshold" -> probe.getFailureThreshold();
            case "probe.httpGet.scheme" -> probe.getHttpGet().getScheme();
            case "probe.httpGet.path" -> probe.getHttpGet().getPath();
            case "volume.hostPath.type" ->
                spec.getVolumes().get(0).getHostPath().getType();
            case "volume.configMap.defaultMode" ->
                spec.getVolumes().get(1).getConfigMap().getDefaultMode();
            case "volume.scratch.emptyDir" -> spec.getVolumes().get(2).getEmptyDir() != null ? "present" : "absent";
            default -> throw new IllegalArgumentException(field);
        };
        assertThat(String.valueOf(actual)).isEqualTo(expected);
    }

    @Test
    void defaultingIsIdempotentAndKeepsSetFields() {
        Pod pod = samplePod();
        pod.getSpec().setRestartPolicy("Never");
        Defaults.defaultPod(pod);
        Pod again = new PodBuilder(pod).build();
        Defaults.defaultPod(again);
        assertThat(again).isEqualTo(pod);
        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
    }

    @Test
    void daemonSetGetsR5_1DefaultsAndTemplateDefaultsButNoPodOnlyDefaults() {
        DaemonSet ds = new DaemonSetBuilder()
                .withNewMetadata()
                .withName("fb")
                .endMetadata()
                .withNewSpec()
                .withNewTemplate()
                .withNewSpec()
                .addNewContainer()
                .withName("c")
                .withImage("x")
                .withNewResources()
                .addToLimits("cpu", new Quantity("1"))
                .endResources()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
        Defaults.defaultDaemonSet(ds);
        var spec = ds.getSpec();
        assertThat(spec.getUpdateStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(spec.getUpdateStrategy().getRollingUpdate().getMaxUnavailable())
                .isEqualTo(new IntOrString(1));
        assertThat(spec.getUpdateStrategy().getRollingUpdate().getMaxSurge()).isEqualTo(new IntOrString(0));
        assertThat(spec.getRevisionHistoryLimit()).isEqualTo(10);
        assertThat(spec.getMinReadySeconds()).isZero();
        assertThat(spec.getTemplate().getSpec().getRestartPolicy()).isEqualTo("Always");
        assertThat(spec.getTemplate().getSpec().getContainers().get(0).getImagePullPolicy())
                .isEqualTo("Always");
        assertThat(spec.getTemplate().getSpec().getEnableServiceLinks()).isNull();
        assertThat(spec.getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getResources()
                        .getRequests())
                .isNullOrEmpty();
        assertThat(ds.getMetadata().getAnnotations()).isNullOrEmpty();
    }

    @Test
    void onDeleteStrategyGetsNoRollingUpdateBlock() {
        DaemonSet ds = new DaemonSetBuilder()
                .withNewSpec()
                .withNewUpdateStrategy()
                .withType("OnDelete")
                .endUpdateStrategy()
                .endSpec()
                .build();
        Defaults.defaultDaemonSet(ds);
        assertThat(ds.getSpec().getUpdateStrategy().getRollingUpdate()).isNull();
    }

    @Test
    void priorityClassPreemptsLowerPriorityByDefault() {
        PriorityClass pc = new PriorityClass();
        Defaults.defaultPriorityClass(pc);
        assertThat(pc.getPreemptionPolicy()).isEqualTo("PreemptLowerPriority");
    }

    @Test
    void namespaceGetsKubernetesFinalizerAndActivePhase() {
        Namespace ns = new Namespace();
        Defaults.defaultNamespace(ns);
        assertThat(ns.getSpec().getFinalizers()).isEqualTo(List.of("kubernetes"));
        assertThat(ns.getStatus().getPhase()).isEqualTo("Active");
    }
}
