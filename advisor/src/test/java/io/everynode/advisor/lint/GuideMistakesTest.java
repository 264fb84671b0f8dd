package io.everynode.advisor.lint;

import static io.everynode.advisor.lint.Manifests.patched;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The guide's "Common mistakes" are prose, with no YAML: each is written here as a small manifest,
 * a node agent that is clean but for that one mistake, so each trips its rule and no other.
 */
class GuideMistakesTest {
    /** A monitoring agent done right: toleration, class, resources, pinned image, probe. */
    static final String CLEAN_AGENT = """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: node-exporter
              namespace: monitoring
            spec:
              selector:
                matchLabels: {app: node-exporter}
              template:
                metadata:
                  labels: {app: node-exporter}
                spec:
                  hostPID: true
                  priorityClassName: system-node-critical
                  tolerations:
                    - {key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}
                  containers:
                    - name: node-exporter
                      image: prom/node-exporter:v1.8.2
                      resources:
                        requests: {cpu: 25m, memory: 32Mi}
                        limits: {cpu: 100m, memory: 128Mi}
                      readinessProbe:
                        httpGet: {path: /, port: 9100}
            """;

    private static Set<String> codes(ObjectNode object, LintContext context) throws LintInputException {
        return Linter.standard().lint(List.of(new Manifest("m.yaml", 1, "", object)), context).findings().stream()
                .map(Finding::code)
                .collect(Collectors.toSet());
    }

    @Test
    void theCleanAgentHasNoFindingOnTheGuides500Nodes() throws Exception {
        assertThat(codes(
                        patched(CLEAN_AGENT, "spec: {updateStrategy: {rollingUpdate: {maxUnavailable: 25%}}}"),
                        LintContext.ofNodeCount(500)))
                .isEmpty();
    }

    @Test
    void noResourceLimitsTripsEN002() throws Exception {
        ObjectNode mistake = patched(
                CLEAN_AGENT,
                "spec: {template: {spec: {containers: [{name: node-exporter, image: prom/node-exporter:v1.8.2}]}}}");
        assertThat(codes(mistake, LintContext.offline())).containsExactly("EN002");
    }

    @Test
    void missingTolerationsTripsEN001() throws Exception {
        ObjectNode mistake = patched(CLEAN_AGENT, "spec: {template: {spec: {tolerations: []}}}");
        assertThat(codes(mistake, LintContext.offline())).containsExactly("EN001");
    }

    @Test
    void aDeploymentInsteadOfADaemonSetTripsEN003() throws Exception {
        ObjectNode mistake = patched(
                CLEAN_AGENT,
                "kind: Deployment",
                "spec: {replicas: 3, template: {spec: {affinity: {podAntiAffinity: {requiredDuringSchedulingIgnoredDuringExecution:"
                        + " [{topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: node-exporter}}}]}}}}}");
        assertThat(codes(mistake, LintContext.offline())).containsExactly("EN003");
    }

    @Test
    void ignoringTheUpdateStrategyOnALargeFleetTripsEN009() throws Exception {
        assertThat(codes(patched(CLEAN_AGENT), LintContext.ofNodeCount(500))).containsExactly("EN009");
    }

    @Test
    void aBudgetLargerThanTheFleetCanLoseTripsEN005() throws Exception {
        ObjectNode mistake = patched(CLEAN_AGENT, "spec: {updateStrategy: {rollingUpdate: {maxUnavailable: 100%}}}");
        assertThat(codes(mistake, LintContext.offline())).containsExactly("EN005");
    }

    @Test
    void noPriorityClassTripsEN004() throws Exception {
        ObjectNode mistake = patched(CLEAN_AGENT, "spec: {template: {spec: {priorityClassName: null}}}");
        assertThat(codes(mistake, LintContext.offline())).containsExactly("EN004");
    }
}
