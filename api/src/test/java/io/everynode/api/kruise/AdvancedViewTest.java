package io.everynode.api.kruise;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.json.Json;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** E7.3: the apps/v1 view of an Advanced DaemonSet, field by field, and the way back. */
class AdvancedViewTest {
    private static final String BASE = """
            apiVersion: apps.kruise.io/v1alpha1
            kind: DaemonSet
            metadata:
              name: agent
              namespace: ops
              uid: u-1
              resourceVersion: "7"
              generation: 3
              annotations: {team: infra, everynode.io/partition: "99"}
            spec:
              selector: {matchLabels: {app: agent}}
              template:
                metadata: {labels: {app: agent}}
                spec: {containers: [{name: agent, image: "agent:1"}]}
            """;

    static AdvancedDaemonSet parse(String yaml) {
        return Json.convert(Json.parseYaml(yaml.getBytes(StandardCharsets.UTF_8)), AdvancedDaemonSet.class);
    }

    static Arguments row(String name, String specYaml, Map<String, String> expected) {
        return Arguments.of(name, specYaml, expected);
    }

    static Stream<Arguments> settings() {
        return Stream.of(
                row("no settings: only the object's own annotations, a stray settings one dropped", "", Map.of()),
                row(
                        "partition (E4.1), update selector as kubectl text (E4.2), type (E6.1), paused (E3.1)",
                        """
                          updateStrategy:
                            type: RollingUpdate
                            rollingUpdate:
                              partition: 2
                              paused: true
                              rollingUpdateType: InPlaceIfPossible
                              selector:
                                matchLabels: {node-type: canary}
                                matchExpressions: [{key: zone, operator: In, values: [b, a]}]
                        """,
                        Map.of(
                                "everynode.io/partition", "2",
                                "everynode.io/update-selector", "node-type=canary,zone in (a,b)",
                                "everynode.io/rolling-update-type", "InPlaceIfPossible",
                                "everynode.io/paused", "true")),
                row("paused false and partition 0 as written", """
                          updateStrategy:
                            rollingUpdate: {paused: false, partition: 0}
                        """, Map.of("everynode.io/partition", "0")),
                row(
                        "stages (E5.1) as JSON with selectors as text, auto-pause (E3.2-E3.4), deadline (E1.1)",
                        """
                          progressDeadlineSeconds: 600
                          updateStrategy:
                            rollingUpdate:
                              autoPause: {failedPods: 2, unreadySeconds: 60, revert: true}
                              stages:
                              - {name: canary, selector: {matchLabels: {pool: canary}}, soakSeconds: 600}
                              - {name: ten-percent, maxNodes: "10%", soakSeconds: 300}
                              - {name: rest, maxNodes: 5}
                        """,
                        Map.of(
                                "everynode.io/stages",
                                "[{\"name\":\"canary\",\"selector\":\"pool=canary\",\"soakSeconds\":600},"
                                        + "{\"name\":\"ten-percent\",\"maxNodes\":\"10%\",\"soakSeconds\":300},"
                                        + "{\"name\":\"rest\",\"maxNodes\":5}]",
                                "everynode.io/auto-pause-after",
                                "2",
                                "everynode.io/auto-pause-unready-seconds",
                                "60",
                                "everynode.io/auto-revert",
                                "true",
                                "everynode.io/progress-deadline-seconds",
                                "600")),
                row(
                        "lifecycle (E6.4) as JSON",
                        """
                          lifecycle:
                            preDelete:
                              markPodNotReady: true
                              labelsHandler: {example.io/block-deleting: "true"}
                              finalizersHandler: [example.io/unready-blocker]
                        """,
                        Map.of(
                                "everynode.io/lifecycle",
                                "{\"preDelete\":{\"labelsHandler\":{\"example.io/block-deleting\":\"true\"},"
                                        + "\"finalizersHandler\":[\"example.io/unready-blocker\"],\"markPodNotReady\":true}}")),
                row(
                        "burstReplicas as a number (E7.2)",
                        "  burstReplicas: 20\n",
                        Map.of("everynode.io/burst-replicas", "20")),
                row(
                        "burstReplicas as a percentage of the desired nodes, rounded up",
                        "  burstReplicas: \"10%\"\nstatus: {desiredNumberScheduled: 45}\n",
                        Map.of("everynode.io/burst-replicas", "5")),
                row(
                        "burstReplicas as a percentage before any status: at least 1",
                        "  burstReplicas: \"10%\"\n",
                        Map.of("everynode.io/burst-replicas", "1")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("settings")
    void theViewCarriesEachSettingAsItsAnnotation(String name, String specYaml, Map<String, String> expected) {
        DaemonSet view = AdvancedView.of(parse(BASE + specYaml));

        Map<String, String> want = new LinkedHashMap<>(expected);
        want.put("team", "infra");
        assertThat(view.getMetadata().getAnnotations()).containsExactlyInAnyOrderEntriesOf(want);
    }

    @Test
    void theViewKeepsTheAdvancedKindsIdentityAndCopiesSpecAndStatus() {
        DaemonSet view = AdvancedView.of(parse(BASE + """
                  minReadySeconds: 5
                  revisionHistoryLimit: 3
                  updateStrategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 2}}
                status: {desiredNumberScheduled: 4, numberReady: 2, collisionCount: 1, daemonSetHash: abc, observedGeneration: 2}
                """));

        assertThat(view.getApiVersion()).isEqualTo("apps.kruise.io/v1alpha1");
        assertThat(view.getKind()).isEqualTo("DaemonSet");
        assertThat(view.getMetadata().getUid()).isEqualTo("u-1");
        assertThat(view.getMetadata().getResourceVersion()).isEqualTo("7");
        assertThat(view.getMetadata().getGeneration()).isEqualTo(3L);
        assertThat(view.getSpec().getSelector().getMatchLabels()).containsEntry("app", "agent");
        assertThat(view.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("agent:1");
        assertThat(view.getSpec().getMinReadySeconds()).isEqualTo(5);
        assertThat(view.getSpec().getRevisionHistoryLimit()).isEqualTo(3);
        assertThat(view.getSpec()
                        .getUpdateStrategy()
                        .getRollingUpdate()
                        .getMaxSurge()
                        .getIntVal())
                .isEqualTo(2);
        assertThat(view.getSpec()
                        .getUpdateStrategy()
                        .getRollingUpdate()
                        .getMaxUnavailable()
                        .getIntVal())
                .as("unset beside a surge: 0, as OpenKruise reads it")
                .isEqualTo(0);
        assertThat(view.getStatus().getDesiredNumberScheduled()).isEqualTo(4);
        assertThat(view.getStatus().getCollisionCount()).isEqualTo(1);
        assertThat(view.getStatus().getObservedGeneration()).isEqualTo(2L);
    }

    @Test
    void aStatusWrittenThroughTheViewCarriesTheRevisionHash() {
        DaemonSetStatus s = new DaemonSetStatus();
        s.setDesiredNumberScheduled(3);
        s.setUpdatedNumberScheduled(1);
        s.setNumberAvailable(2);
        s.setObservedGeneration(4L);

        AdvancedDaemonSetStatus out = AdvancedView.statusOf(s, "5d8f");

        assertThat(out.daemonSetHash).isEqualTo("5d8f");
        assertThat(out.desiredNumberScheduled).isEqualTo(3);
        assertThat(out.currentNumberScheduled)
                .as("required by the CRD: 0, not absent")
                .isEqualTo(0);
        assertThat(out.updatedNumberScheduled).isEqualTo(1);
        assertThat(out.numberAvailable).isEqualTo(2);
        assertThat(out.observedGeneration).isEqualTo(4L);
    }

    @Test
    void theControllersPauseComesBackAsThePausedFieldAndItsOwnAnnotationsStay() {
        AdvancedDaemonSet current = parse(BASE + "  updateStrategy: {rollingUpdate: {partition: 1}}\n");
        DaemonSet view = AdvancedView.of(current);
        view.getMetadata().getAnnotations().put("everynode.io/paused", "true");
        view.getMetadata().getAnnotations().put("everynode.io/auto-paused-revision", "abc");

        AdvancedDaemonSet back = AdvancedView.applyUpdate(current, view);

        assertThat(back.spec.updateStrategy.rollingUpdate.paused).isTrue();
        assertThat(back.spec.updateStrategy.rollingUpdate.partition).isEqualTo(1);
        assertThat(back.metadata.getAnnotations())
                .containsEntry("everynode.io/auto-paused-revision", "abc")
                .containsEntry("team", "infra")
                .as("the object's own stray annotation is kept as it was, not rewritten from the view")
                .containsEntry("everynode.io/partition", "99")
                .doesNotContainKey("everynode.io/paused");
        assertThat(current.spec.updateStrategy.rollingUpdate.paused)
                .as("input untouched")
                .isNull();
    }

    @Test
    void theControllersRevertComesBackAsTheTemplate() {
        AdvancedDaemonSet current = parse(BASE);
        DaemonSet view = AdvancedView.of(current);
        view.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("agent:0");

        AdvancedDaemonSet back = AdvancedView.applyUpdate(current, view);

        assertThat(back.spec.template.getSpec().getContainers().get(0).getImage())
                .isEqualTo("agent:0");
        assertThat(back.spec.updateStrategy).as("no paused field invented").isNull();
    }

    @Test
    void unknownFieldsAnywhereInTheAdvancedKindAreNamedForStrictValidation() {
        AdvancedDaemonSet ds = parse(BASE + """
                  updateStrategy: {rollingUpdate: {partition: 1, surgeMode: fast}}
                  lifecycle: {preDelete: {labelsHandler: {a: b}, timeout: 3}}
                """);

        assertThat(io.everynode.api.UnknownFields.paths(ds))
                .containsExactlyInAnyOrder(
                        "spec.updateStrategy.rollingUpdate.surgeMode", "spec.lifecycle.preDelete.timeout");
    }
}
