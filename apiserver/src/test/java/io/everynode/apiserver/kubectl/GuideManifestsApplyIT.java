package io.everynode.apiserver.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.json.Json;
import io.everynode.apiserver.testing.GuideManifests;
import io.everynode.testkit.RequiresGuide;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every YAML manifest of the guide applies with kubectl as written; its DaemonSet fragments
 * (blocks 1–8 and 10–12) apply once merged into a complete DaemonSet, and the node-exporter
 * fragment of block 9 is rejected by validation until it is completed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@RequiresGuide
class GuideManifestsApplyIT extends KubectlTestBase {
    List<String> blocks;

    @BeforeAll
    void seed() throws Exception {
        blocks = GuideManifests.yamlBlocks();
        world.namespace("logging");
        world.namespace("monitoring");
        world.namespace("fragments");
        world.namespace("exporters");
    }

    static ObjectNode yaml(String s) {
        return (ObjectNode) Json.parseYaml(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Deep merge of maps; lists are concatenated (tolerations from several fragments add up). */
    static void merge(ObjectNode into, JsonNode from) {
        for (var e : from.properties()) {
            JsonNode cur = into.get(e.getKey());
            if (cur instanceof ObjectNode o && e.getValue() instanceof ObjectNode) merge(o, e.getValue());
            else if (cur instanceof ArrayNode a && e.getValue() instanceof ArrayNode b) a.addAll(b);
            else into.set(e.getKey(), e.getValue().deepCopy());
        }
    }

    @Test
    @Tag("awaits-admission")
    void theFluentBitDaemonSetAppliesAsWritten() {
        assertThat(kubectl.apply(blocks.get(0))).isEqualTo("daemonset.apps/fluent-bit created\n");
        ObjectNode ds = api.object("/apis/apps/v1/namespaces/logging/daemonsets/fluent-bit");
        assertThat(ds.at("/spec/template/spec/volumes/1/hostPath/path").asString())
                .isEqualTo("/var/lib/docker/containers");
        assertThat(ds.at("/spec/template/spec/containers/0/resources/limits/memory")
                        .asString())
                .isEqualTo("256Mi");
        assertThat(ds.at("/spec/updateStrategy/type").asString()).isEqualTo("RollingUpdate");
        assertThat(ds.at("/spec/revisionHistoryLimit").asInt()).isEqualTo(10);
    }

    @Test
    void thePlacementFragmentsMergeIntoADaemonSetThatApplies() {
        ObjectNode ds = yaml(blocks.get(0));
        Json.child(ds, "metadata").put("namespace", "fragments");
        for (int i = 1; i <= 5; i++) merge(ds, yaml(blocks.get(i)));
        assertThat(kubectl.apply(Json.string(ds))).isEqualTo("daemonset.apps/fluent-bit created\n");
        ObjectNode stored = api.object("/apis/apps/v1/namespaces/fragments/daemonsets/fluent-bit");
        assertThat(stored.at("/spec/template/spec/nodeSelector/node-role").asString())
                .isEqualTo("worker");
        assertThat(stored.at("/spec/template/spec/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution"
                                + "/nodeSelectorTerms/0/matchExpressions/1/operator")
                        .asString())
                .isEqualTo("NotIn");
        assertThat(stored.at("/spec/template/spec/tolerations").size()).isEqualTo(4);
        assertThat(stored.at("/spec/template/spec/tolerations/1/operator").asString())
                .isEqualTo("Exists");
    }

    @Test
    void eachUpdateStrategyFragmentAppliesOverTheLastOne() {
        ObjectNode ds = yaml(blocks.get(0));
        Json.child(ds, "metadata").put("name", "strategies");
        Json.child(ds, "metadata").put("namespace", "fragments");
        kubectl.apply(Json.string(ds));
        String[][] expected = {
            {"6", "RollingUpdate", "1", "0"}, {"7", "RollingUpdate", "0", "1"}, {"8", "OnDelete", null, null}
        };
        for (String[] e : expected) {
            ObjectNode next = ds.deepCopy();
            Json.child(next, "spec").remove("updateStrategy");
            merge(next, yaml(blocks.get(Integer.parseInt(e[0]))));
            assertThat(kubectl.apply(Json.string(next)))
                    .as("block %s", e[0])
                    .isEqualTo("daemonset.apps/strategies configured\n");
            ObjectNode stored = api.object("/apis/apps/v1/namespaces/fragments/daemonsets/strategies");
            assertThat(stored.at("/spec/updateStrategy/type").asString()).isEqualTo(e[1]);
            if (e[2] != null) {
                assertThat(stored.at("/spec/updateStrategy/rollingUpdate/maxUnavailable")
                                .asString())
                        .isEqualTo(e[2]);
                assertThat(stored.at("/spec/updateStrategy/rollingUpdate/maxSurge")
                                .asString())
                        .isEqualTo(e[3]);
            } else {
                assertThat(stored.at("/spec/updateStrategy/rollingUpdate").isMissingNode())
                        .isTrue();
            }
        }
    }

    @Test
    @Tag("awaits-admission")
    @Order(1)
    void theGuidesPriorityBlockAsWrittenCreatesThePriorityClassAndTheValidationRejectsTheNodeExporterFragment() {
        var r = kubectl.runWithInput(blocks.get(9), "apply", "-n", "monitoring", "-f", "-");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("priorityclass.scheduling.k8s.io/daemonset-critical created\n");
        assertThat(api.object("/apis/scheduling.k8s.io/v1/priorityclasses/daemonset-critical")
                        .at("/value")
                        .asLong())
                .isEqualTo(1000000);
        assertThat(r.err())
                .contains("The DaemonSet \"node-exporter\" is invalid")
                .contains("spec.template.spec.containers: Required value")
                .contains("`selector` does not match template `labels`");
        assertThat(api.exists("/apis/apps/v1/namespaces/monitoring/daemonsets/node-exporter"))
                .isFalse();
    }

    @Test
    @Order(2)
    void theNodeExporterFragmentAppliesOnceCompletedWithTheGuidesResourcesAndProbes() {
        ObjectNode ds = yaml(blocks.get(9).split("(?m)^---\\n")[1]);
        merge(ds, yaml("""
                spec:
                  selector:
                    matchLabels:
                      app: node-exporter
                  template:
                    metadata:
                      labels:
                        app: node-exporter
                """));
        ObjectNode container = yaml(blocks.get(12)).withArray("containers").objectNode();
        container.setAll((ObjectNode) yaml(blocks.get(12)).get("containers").get(0));
        container.put("image", "prom/node-exporter:v1.8.2");
        container.set("resources", yaml(blocks.get(11)).get("resources"));
        Json.child(Json.child(Json.child(ds, "spec"), "template"), "spec")
                .putArray("containers")
                .add(container);
        assertThat(kubectl.runWithInput(Json.string(ds), "apply", "-n", "exporters", "-f", "-")
                        .assertOk()
                        .out())
                .isEqualTo("daemonset.apps/node-exporter created\n");
        ObjectNode stored = api.object("/apis/apps/v1/namespaces/exporters/daemonsets/node-exporter");
        assertThat(stored.at("/spec/template/spec/priorityClassName").asString())
                .isEqualTo("daemonset-critical");
        assertThat(stored.at("/spec/template/spec/containers/0/livenessProbe/httpGet/path")
                        .asString())
                .isEqualTo("/healthz");
        assertThat(stored.at("/spec/template/spec/containers/0/resources/requests/cpu")
                        .asString())
                .isEqualTo("50m");
    }

    @Test
    void theSystemNodeCriticalFragmentAppliesInKubeSystem() {
        ObjectNode ds = yaml(blocks.get(0));
        Json.child(ds, "metadata").put("namespace", "kube-system");
        merge(ds, yaml(blocks.get(10)));
        assertThat(kubectl.apply(Json.string(ds))).isEqualTo("daemonset.apps/fluent-bit created\n");
        assertThat(api.object("/apis/apps/v1/namespaces/kube-system/daemonsets/fluent-bit")
                        .at("/spec/template/spec/priorityClassName")
                        .asString())
                .isEqualTo("system-node-critical");
    }
}
