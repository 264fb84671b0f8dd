package io.everynode.api.validation;

import static io.everynode.api.validation.Fixtures.messages;
import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.defaults.Defaults;
import io.everynode.api.rollout.ProgressDeadline;
import io.everynode.api.rollout.RolloutGuard;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DaemonSetValidationTest {

    @Test
    void theGuideManifestIsValid() {
        assertThat(DaemonSetValidation.validateCreate(Fixtures.daemonSet())).isEmpty();
    }

    static Arguments row(String name, Consumer<DaemonSet> breakIt, String... expected) {
        return Arguments.of(name, breakIt, List.of(expected));
    }

    static Stream<Arguments> createCases() {
        return Stream.of(
                row(
                        "R6.1 name must be a DNS subdomain",
                        ds -> ds.getMetadata().setName("Fluent_Bit"),
                        "metadata.name: Invalid value: \"Fluent_Bit\": a lowercase RFC 1123 subdomain must consist of lower case "
                                + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character "
                                + "(e.g. 'example.com', regex used for validation is "
                                + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"),
                row(
                        "R6.2 nil selector",
                        ds -> ds.getSpec().setSelector(null),
                        "spec.selector: Required value",
                        "spec.template.metadata.labels: Invalid value: {\"app\":\"fluent-bit\"}: `selector` does not match template `labels`"),
                row(
                        "R6.2 empty selector",
                        ds -> ds.getSpec().setSelector(new LabelSelector()),
                        "spec.selector: Invalid value: {}: empty selector is invalid for daemonset"),
                row(
                        "R6.2 selector does not match",
                        ds -> ds.getSpec().getSelector().setMatchLabels(Map.of("app", "other")),
                        "spec.template.metadata.labels: Invalid value: {\"app\":\"fluent-bit\"}: `selector` does not match template `labels`"),
                row(
                        "R6.2 bad selector operator",
                        ds -> ds.getSpec()
                                .getSelector()
                                .setMatchExpressions(List.of(new LabelSelectorRequirement("app", "Gt", List.of("1")))),
                        "spec.selector.matchExpressions[0].operator: Invalid value: \"Gt\": not a valid selector operator"),
                row(
                        "R6.2 In without values",
                        ds -> ds.getSpec()
                                .getSelector()
                                .setMatchExpressions(List.of(new LabelSelectorRequirement("app", "In", List.of()))),
                        "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"),
                row(
                        "R6.3 image required",
                        ds -> ds.getSpec()
                                .getTemplate()
                                .getSpec()
                                .getContainers()
                                .get(0)
                                .setImage(null),
                        "spec.template.spec.containers[0].image: Required value"),
                row(
                        "R6.3 restartPolicy must be Always",
                        ds -> ds.getSpec().getTemplate().getSpec().setRestartPolicy("OnFailure"),
                        "spec.template.spec.restartPolicy: Unsupported value: \"OnFailure\": supported values: \"Always\""),
                row(
                        "R6.3 activeDeadlineSeconds forbidden",
                        ds -> ds.getSpec().getTemplate().getSpec().setActiveDeadlineSeconds(10L),
                        "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported"),
                row(
                        "R6.4 minReadySeconds negative",
                        ds -> ds.getSpec().setMinReadySeconds(-1),
                        "spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0"),
                row(
                        "R6.4 revisionHistoryLimit negative",
                        ds -> ds.getSpec().setRevisionHistoryLimit(-2),
                        "spec.revisionHistoryLimit: Invalid value: -2: must be greater than or equal to 0"),
                row("R6.4 revisionHistoryLimit zero is fine", ds -> ds.getSpec().setRevisionHistoryLimit(0)),
                row(
                        "R6.5 unknown strategy",
                        ds -> ds.getSpec().getUpdateStrategy().setType("Recreate"),
                        "spec.updateStrategy: Unsupported value: \"Recreate\": supported values: \"RollingUpdate\", \"OnDelete\""),
                row(
                        "R6.5 OnDelete is fine",
                        ds -> ds.getSpec().getUpdateStrategy().setType("OnDelete")),
                row(
                        "R6.5 rollingUpdate required",
                        ds -> ds.getSpec().getUpdateStrategy().setRollingUpdate(null),
                        "spec.updateStrategy.rollingUpdate: Required value"),
                row(
                        "R6.5 both non-zero",
                        ds -> ds.getSpec()
                                .getUpdateStrategy()
                                .getRollingUpdate()
                                .setMaxSurge(new IntOrString(1)),
                        "spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero"),
                row(
                        "R6.5 both zero",
                        ds -> ds.getSpec()
                                .getUpdateStrategy()
                                .getRollingUpdate()
                                .setMaxUnavailable(new IntOrString("0%")),
                        "spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0"),
                row(
                        "R6.5 negative maxUnavailable",
                        ds -> ds.getSpec()
                                .getUpdateStrategy()
                                .getRollingUpdate()
                                .setMaxUnavailable(new IntOrString(-1)),
                        "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: -1: must be greater than or equal to 0"),
                row(
                        "R6.5 bad percent",
                        ds -> ds.getSpec()
                                .getUpdateStrategy()
                                .getRollingUpdate()
                                .setMaxUnavailable(new IntOrString("10")),
                        "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: \"10\": a valid percent string must be a numeric "
                                + "string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
                        "spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0"),
                row(
                        "R6.5 over 100%",
                        ds -> ds.getSpec()
                                .getUpdateStrategy()
                                .getRollingUpdate()
                                .setMaxUnavailable(new IntOrString("150%")),
                        "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: \"150%\": must not be greater than 100%"),
                row("R6.5 surge only is fine", ds -> {
                    ds.getSpec().getUpdateStrategy().getRollingUpdate().setMaxUnavailable(new IntOrString(0));
                    ds.getSpec().getUpdateStrategy().getRollingUpdate().setMaxSurge(new IntOrString("10%"));
                }),
                row(
                        "E2.1 surge with a hostPort is refused at the port",
                        ds -> {
                            surge(ds, "10%");
                            port(ds, 2020, 9100);
                        },
                        "spec.template.spec.containers[0].ports[1].hostPort: Invalid value: 9100: "
                                + SurgeHostPorts.WHY),
                row(
                        "E2.1 surge with hostNetwork refuses each declared port, init containers included",
                        ds -> {
                            surge(ds, 1);
                            ds.getSpec().getTemplate().getSpec().setHostNetwork(true);
                            port(ds, 2020, null);
                            ds.getSpec()
                                    .getTemplate()
                                    .getSpec()
                                    .getInitContainers()
                                    .add(new ContainerBuilder()
                                            .withName("proxy")
                                            .withImage("envoy:1")
                                            .withRestartPolicy("Always")
                                            .addNewPort()
                                            .withContainerPort(15000)
                                            .endPort()
                                            .build());
                            Defaults.defaultDaemonSet(ds); // sets hostPort = containerPort, as the API server does
                        },
                        "spec.template.spec.containers[0].ports[0].hostPort: Invalid value: 2020: "
                                + SurgeHostPorts.WHY_HOST_NETWORK,
                        "spec.template.spec.initContainers[0].ports[0].hostPort: Invalid value: 15000: "
                                + SurgeHostPorts.WHY_HOST_NETWORK),
                row("E2.1 a hostPort with maxUnavailable is fine", ds -> port(ds, 2020, 9100)),
                row("E2.1 surge with container ports only is fine", ds -> {
                    surge(ds, 1);
                    port(ds, 2020, null);
                }),
                row("E2.1 a hostPort under OnDelete is fine", ds -> {
                    port(ds, 2020, 9100);
                    ds.getSpec().getUpdateStrategy().setType("OnDelete");
                    ds.getSpec().getUpdateStrategy().setRollingUpdate(null);
                }),
                row(
                        "E1.5 progress deadline must be whole seconds",
                        ds -> ds.getMetadata().setAnnotations(Map.of(ProgressDeadline.ANNOTATION, "10m")),
                        "metadata.annotations[everynode.io/progress-deadline-seconds]: Invalid value: \"10m\": must be a"
                                + " whole number of seconds from 1 to 31622400"),
                row(
                        "E1.5 progress deadline of zero is refused",
                        ds -> ds.getMetadata().setAnnotations(Map.of(ProgressDeadline.ANNOTATION, "0")),
                        "metadata.annotations[everynode.io/progress-deadline-seconds]: Invalid value: \"0\": must be a"
                                + " whole number of seconds from 1 to 31622400"),
                row(
                        "E1.5 a progress deadline in seconds is fine",
                        ds -> ds.getMetadata().setAnnotations(Map.of(ProgressDeadline.ANNOTATION, "600"))),
                row(
                        "E6.5 a rolling update type Kruise names is fine",
                        ds -> ds.getMetadata()
                                .setAnnotations(Map.of("everynode.io/rolling-update-type", "InPlaceIfPossible"))),
                row(
                        "E6.5 any other rolling update type is refused",
                        ds -> ds.getMetadata().setAnnotations(Map.of("everynode.io/rolling-update-type", "InPlace")),
                        "metadata.annotations[everynode.io/rolling-update-type]: Unsupported value: \"InPlace\":"
                                + " supported values: \"InPlaceIfPossible\", \"Standard\", \"Surging\""),
                row(
                        "E6.5 Kruise's lifecycle as JSON is fine",
                        ds -> ds.getMetadata()
                                .setAnnotations(Map.of(
                                        "everynode.io/lifecycle",
                                        "{\"preDelete\":{\"labelsHandler\":{\"a\":\"b\"},\"markPodNotReady\":true},"
                                                + "\"inPlaceUpdate\":{\"finalizersHandler\":[\"x.io/f\"]}}"))),
                row(
                        "E6.5 a lifecycle with an unknown hook field is refused, naming the field",
                        ds -> ds.getMetadata()
                                .setAnnotations(Map.of(
                                        "everynode.io/lifecycle", "{\"preDelete\":{\"labelHandler\":{\"a\":\"b\"}}}")),
                        "metadata.annotations[everynode.io/lifecycle]: Invalid value:"
                                + " \"{\\\"preDelete\\\":{\\\"labelHandler\\\":{\\\"a\\\":\\\"b\\\"}}}\": invalid"
                                + " lifecycle at preDelete.labelHandler: unknown field; supported: finalizersHandler,"
                                + " labelsHandler, markPodNotReady"),
                row(
                        "E6.5 a lifecycle that is not JSON is refused",
                        ds -> ds.getMetadata().setAnnotations(Map.of("everynode.io/lifecycle", "preDelete")),
                        "metadata.annotations[everynode.io/lifecycle]: Invalid value: \"preDelete\": invalid lifecycle:"
                                + " must be a JSON object, e.g. {\"preDelete\":{\"labelsHandler\":{\"k\":\"v\"}}}"),
                row(
                        "E3.6 paused must be true or false",
                        ds -> ds.getMetadata().setAnnotations(Map.of(RolloutGuard.PAUSED, "yes")),
                        "metadata.annotations[everynode.io/paused]: Invalid value: \"yes\": must be \"true\" or \"false\""),
                row(
                        "E3.6 auto-revert must be true or false",
                        ds -> ds.getMetadata().setAnnotations(Map.of(RolloutGuard.AUTO_REVERT, "True")),
                        "metadata.annotations[everynode.io/auto-revert]: Invalid value: \"True\": must be \"true\" or"
                                + " \"false\""),
                row(
                        "E3.6 auto-pause-after must be a whole number",
                        ds -> ds.getMetadata().setAnnotations(Map.of(RolloutGuard.AUTO_PAUSE_AFTER, "3 pods")),
                        "metadata.annotations[everynode.io/auto-pause-after]: Invalid value: \"3 pods\": must be a whole"
                                + " number of pods from 1 to 100000"),
                row(
                        "E3.6 auto-pause-after above 100000 is refused",
                        ds -> ds.getMetadata().setAnnotations(Map.of(RolloutGuard.AUTO_PAUSE_AFTER, "100001")),
                        "metadata.annotations[everynode.io/auto-pause-after]: Invalid value: \"100001\": must be a whole"
                                + " number of pods from 1 to 100000"),
                row(
                        "E3.6 auto-pause-unready-seconds must be whole seconds",
                        ds -> ds.getMetadata().setAnnotations(Map.of(RolloutGuard.UNREADY_SECONDS, "5m")),
                        "metadata.annotations[everynode.io/auto-pause-unready-seconds]: Invalid value: \"5m\": must be a"
                                + " whole number of seconds from 1 to 31622400"),
                row(
                        "E3.6 readable values of every guard annotation are fine",
                        ds -> ds.getMetadata()
                                .setAnnotations(Map.of(
                                        RolloutGuard.PAUSED, "false",
                                        RolloutGuard.AUTO_REVERT, "true",
                                        RolloutGuard.AUTO_PAUSE_AFTER, "100000",
                                        RolloutGuard.UNREADY_SECONDS, "1"))),
                row(
                        "E3.6 the controller's own records are not checked",
                        ds -> ds.getMetadata()
                                .setAnnotations(Map.of(
                                        RolloutGuard.AUTO_PAUSED_REVISION, "not a hash",
                                        RolloutGuard.AUTO_REVERTED_FROM, ""))));
    }

    @Test
    void anUnreadableGuardValueStoredBeforeE36IsLetThroughWhileUnchanged() {
        DaemonSet stored = Fixtures.daemonSet();
        stored.getMetadata()
                .setAnnotations(Map.of(RolloutGuard.AUTO_PAUSE_AFTER, "3", RolloutGuard.UNREADY_SECONDS, "5m"));
        DaemonSet pausedByTheController = Fixtures.daemonSet();
        pausedByTheController
                .getMetadata()
                .setAnnotations(Map.of(
                        RolloutGuard.AUTO_PAUSE_AFTER, "3",
                        RolloutGuard.UNREADY_SECONDS, "5m",
                        RolloutGuard.PAUSED, "true"));
        assertThat(DaemonSetValidation.validateUpdate(pausedByTheController, stored))
                .isEmpty();

        DaemonSet changedToAnotherBadValue = Fixtures.daemonSet();
        changedToAnotherBadValue
                .getMetadata()
                .setAnnotations(Map.of(RolloutGuard.AUTO_PAUSE_AFTER, "3", RolloutGuard.UNREADY_SECONDS, "6m"));
        assertThat(messages(DaemonSetValidation.validateUpdate(changedToAnotherBadValue, stored)))
                .containsExactly("metadata.annotations[everynode.io/auto-pause-unready-seconds]: Invalid value: \"6m\":"
                        + " must be a whole number of seconds from 1 to 31622400");
    }

    @Test
    void anUnreadableGuardValueAddedByAnUpdateIsRefused() {
        DaemonSet stored = Fixtures.daemonSet();
        DaemonSet annotated = Fixtures.daemonSet();
        annotated.getMetadata().setAnnotations(Map.of(RolloutGuard.PAUSED, "1"));
        assertThat(messages(DaemonSetValidation.validateUpdate(annotated, stored)))
                .containsExactly("metadata.annotations[everynode.io/paused]: Invalid value: \"1\": must be \"true\""
                        + " or \"false\"");
    }

    private static void surge(DaemonSet ds, Object maxSurge) {
        var ru = ds.getSpec().getUpdateStrategy().getRollingUpdate();
        ru.setMaxUnavailable(new IntOrString(0));
        ru.setMaxSurge(maxSurge instanceof Integer i ? new IntOrString(i) : new IntOrString((String) maxSurge));
    }

    /** Adds to the first container a plain port, then one at {@code containerPort} with {@code hostPort}. */
    private static void port(DaemonSet ds, int containerPort, Integer hostPort) {
        var container = ds.getSpec().getTemplate().getSpec().getContainers().get(0);
        var ports = new java.util.ArrayList<ContainerPort>();
        if (hostPort != null) {
            ports.add(new ContainerPortBuilder()
                    .withContainerPort(8080)
                    .withProtocol("TCP")
                    .build());
        }
        ports.add(new ContainerPortBuilder()
                .withContainerPort(containerPort)
                .withHostPort(hostPort)
                .withProtocol("TCP")
                .build());
        container.setPorts(ports);
    }

    @Test
    void aSurgeUpdateThatAddsAHostPortIsRefused() {
        DaemonSet old = Fixtures.daemonSet();
        surge(old, 1);
        DaemonSet changed = Fixtures.daemonSet();
        surge(changed, 1);
        port(changed, 2020, 2020);
        assertThat(messages(DaemonSetValidation.validateUpdate(changed, old)))
                .containsExactly("spec.template.spec.containers[0].ports[1].hostPort: Invalid value: 2020: "
                        + SurgeHostPorts.WHY);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("createCases")
    void createIsValidatedPerR6(String name, Consumer<DaemonSet> breakIt, List<String> expected) {
        DaemonSet ds = Fixtures.daemonSet();
        breakIt.accept(ds);
        assertThat(messages(DaemonSetValidation.validateCreate(ds))).containsExactlyElementsOf(expected);
    }

    @Test
    void theSelectorIsImmutableOnUpdate() {
        DaemonSet old = Fixtures.daemonSet();
        DaemonSet changed = Fixtures.daemonSet();
        changed.getSpec().getSelector().getMatchLabels().put("tier", "x");
        changed.getSpec().getTemplate().getMetadata().getLabels().put("tier", "x");
        assertThat(messages(DaemonSetValidation.validateUpdate(changed, old)))
                .containsExactly(
                        "spec.selector: Invalid value: {\"matchLabels\":{\"app\":\"fluent-bit\",\"tier\":\"x\"}}: field is immutable");
    }

    @Test
    void aTemplateChangeIsAValidUpdate() {
        DaemonSet old = Fixtures.daemonSet();
        DaemonSet changed = Fixtures.daemonSet();
        changed.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("fluent/fluent-bit:2.2");
        assertThat(DaemonSetValidation.validateUpdate(changed, old)).isEmpty();
    }

    static Stream<Arguments> statusCases() {
        return Stream.of(
                Arguments.of(
                        "negative numberReady",
                        (Consumer<DaemonSetStatus>) s -> s.setNumberReady(-1),
                        List.of("status.numberReady: Invalid value: -1: must be greater than or equal to 0")),
                Arguments.of(
                        "collisionCount decremented",
                        (Consumer<DaemonSetStatus>) s -> s.setCollisionCount(1),
                        List.of("status.collisionCount: Invalid value: 1: cannot be decremented")),
                Arguments.of(
                        "collisionCount incremented",
                        (Consumer<DaemonSetStatus>) s -> s.setCollisionCount(3),
                        List.of()));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("statusCases")
    void statusUpdatesFollowR6_6(String name, Consumer<DaemonSetStatus> change, List<String> expected) {
        DaemonSet old = Fixtures.daemonSet();
        old.setStatus(new DaemonSetStatus());
        old.getStatus().setCollisionCount(2);
        DaemonSet updated = Fixtures.daemonSet();
        updated.setStatus(new DaemonSetStatus());
        updated.getStatus().setCollisionCount(2);
        change.accept(updated.getStatus());
        assertThat(messages(DaemonSetValidation.validateStatusUpdate(updated, old)))
                .containsExactlyElementsOf(expected);
    }
}
