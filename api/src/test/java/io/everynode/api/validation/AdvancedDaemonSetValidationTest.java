package io.everynode.api.validation;

import static io.everynode.api.validation.Fixtures.messages;
import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.json.Json;
import io.everynode.api.kruise.AdvancedDaemonSet;
import io.everynode.api.kruise.AdvancedDaemonSetDefaults;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** E7.4: the Advanced DaemonSet's validation, upstream's paths and messages, as a table of spec lines in, errors out. */
class AdvancedDaemonSetValidationTest {
    private static final String BASE = """
            apiVersion: apps.kruise.io/v1alpha1
            kind: DaemonSet
            metadata: {name: agent, namespace: ops}
            spec:
              selector: {matchLabels: {app: agent}}
              template:
                metadata: {labels: {app: agent}}
                spec: {containers: [{name: agent, image: "agent:1"}]}
            """;

    static AdvancedDaemonSet defaulted(String extra) {
        AdvancedDaemonSet ds =
                Json.convert(Json.parseYaml((BASE + extra).getBytes(StandardCharsets.UTF_8)), AdvancedDaemonSet.class);
        AdvancedDaemonSetDefaults.apply(ds);
        return ds;
    }

    static Arguments row(String name, String specLines, String... expected) {
        return Arguments.of(name, specLines, List.of(expected));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                row(
                        "OpenKruise's rolling update types only",
                        "  updateStrategy: {rollingUpdate: {rollingUpdateType: Sideways}}\n",
                        "spec.updateStrategy.rollingUpdate.rollingUpdateType: Unsupported value: \"Sideways\": supported values: "
                                + "\"Standard\", \"Surging\", \"InPlaceIfPossible\""),
                row(
                        "InPlaceIfPossible takes no surge",
                        "  updateStrategy: {rollingUpdate: {rollingUpdateType: InPlaceIfPossible, maxSurge: 1, maxUnavailable: 0}}\n",
                        "spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: must be 0 for InPlaceIfPossible type"),
                row(
                        "partition is not negative",
                        "  updateStrategy: {rollingUpdate: {partition: -1}}\n",
                        "spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0"),
                row(
                        "the update selector is a valid label selector",
                        "  updateStrategy: {rollingUpdate: {selector: {matchExpressions: [{key: zone, operator: Near}]}}}\n",
                        "spec.updateStrategy.rollingUpdate.selector.matchExpressions[0].operator: Invalid value: \"Near\": "
                                + "not a valid selector operator"),
                row(
                        "upstream's budget rule on both kinds (path as apps/v1's)",
                        "  updateStrategy: {rollingUpdate: {maxUnavailable: 1, maxSurge: 1}}\n",
                        "spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero"),
                row(
                        "burstReplicas is positive",
                        "  burstReplicas: 0\n",
                        "spec.burstReplicas: Invalid value: 0: must be greater than 0"),
                row(
                        "progressDeadlineSeconds is 1 to a year",
                        "  progressDeadlineSeconds: 0\n",
                        "spec.progressDeadlineSeconds: Invalid value: 0: must be between 1 and 31622400, inclusive"),
                row(
                        "stages: names given and unique, maxNodes positive, soak not negative",
                        """
                          updateStrategy:
                            rollingUpdate:
                              stages:
                              - {name: canary, soakSeconds: -5}
                              - {name: canary, maxNodes: 0}
                              - {maxNodes: "10%"}
                        """,
                        "spec.updateStrategy.rollingUpdate.stages[0].soakSeconds: Invalid value: -5: must be greater than or equal to 0",
                        "spec.updateStrategy.rollingUpdate.stages[1].name: Duplicate value: \"canary\"",
                        "spec.updateStrategy.rollingUpdate.stages[1].maxNodes: Invalid value: 0: must be greater than 0",
                        "spec.updateStrategy.rollingUpdate.stages[2].name: Required value"),
                row(
                        "auto-pause needs its threshold",
                        "  updateStrategy: {rollingUpdate: {autoPause: {revert: true, unreadySeconds: 0}}}\n",
                        "spec.updateStrategy.rollingUpdate.autoPause.failedPods: Required value: the number of failing new pods"
                                + " that pauses the rollout",
                        "spec.updateStrategy.rollingUpdate.autoPause.unreadySeconds: Invalid value: 0: must be between 1 and"
                                + " 31622400, inclusive"));
    }

    @Test
    void openKruisesTutorialManifestIsValid() {
        assertThat(messages(AdvancedDaemonSetValidation.validateCreate(defaulted("""
                          updateStrategy:
                            rollingUpdate: {maxUnavailable: 1, partition: 0, rollingUpdateType: Standard}
                            type: RollingUpdate
                        """))))
                .isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    void eachRuleNamesTheFieldAtFault(String name, String specLines, List<String> expected) {
        assertThat(messages(AdvancedDaemonSetValidation.validateCreate(defaulted(specLines))))
                .containsExactlyElementsOf(expected);
    }

    @Test
    void theSelectorIsImmutableAsOnAppsV1() {
        AdvancedDaemonSet old = defaulted("");
        AdvancedDaemonSet changed = defaulted("");
        changed.spec.selector.getMatchLabels().put("tier", "x");
        changed.spec.template.getMetadata().getLabels().put("tier", "x");

        assertThat(messages(AdvancedDaemonSetValidation.validateUpdate(changed, old)))
                .singleElement()
                .asString()
                .startsWith("spec.selector: Invalid value: ")
                .endsWith("field is immutable");
    }
}
