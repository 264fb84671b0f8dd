package io.everynode.controllers.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.client.PatchType;
import io.everynode.controllers.testing.InProcessCluster;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ClusterRole aggregation run by the manager: the aggregate follows the roles its selector matches. */
class ClusterRoleAggregationThroughTheApiIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Map<String, String> LABEL = Map.of("example.com/aggregate-to-monitoring", "true");

    private InProcessCluster cluster;

    @BeforeEach
    void start() throws Exception {
        cluster = new InProcessCluster(
                ControllerManagerConfig.defaults().withControllers(ControllerManager.CLUSTER_ROLE_AGGREGATION));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static PolicyRule rule(String resource, String verb) {
        return new PolicyRuleBuilder()
                .withApiGroups("")
                .withResources(resource)
                .withVerbs(verb)
                .build();
    }

    private void role(String name, Map<String, String> labels, PolicyRule... rules) {
        cluster.client.create(new ClusterRoleBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .withRules(rules)
                .build());
    }

    private List<String> rulesOf(String name) {
        List<PolicyRule> rules =
                cluster.client.get(ClusterRole.class, null, name).getRules();
        return rules == null
                ? List.of()
                : rules.stream().map(r -> r.getResources() + ":" + r.getVerbs()).toList();
    }

    @Test
    void anAggregateHoldsTheRulesOfTheMatchedRolesAndFollowsTheirChanges() {
        cluster.client.create(new ClusterRoleBuilder()
                .withNewMetadata()
                .withName("monitoring")
                .endMetadata()
                .withNewAggregationRule()
                .addNewClusterRoleSelector()
                .withMatchLabels(LABEL)
                .endClusterRoleSelector()
                .endAggregationRule()
                .build());
        role("monitoring-pods", LABEL, rule("pods", "list"), rule("nodes", "get"));
        role("monitoring-nodes", LABEL, rule("nodes", "get"), rule("nodes", "watch"));
        role("unrelated", Map.of(), rule("secrets", "get"));

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(rulesOf("monitoring"))
                        .containsExactly("[nodes]:[get]", "[nodes]:[watch]", "[pods]:[list]"));

        cluster.client.patch(
                ClusterRole.class,
                null,
                "monitoring-nodes",
                PatchType.MERGE,
                "{\"metadata\":{\"labels\":{\"example.com/aggregate-to-monitoring\":null}}}");

        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertThat(rulesOf("monitoring")).containsExactly("[pods]:[list]", "[nodes]:[get]"));
    }
}
