package io.everynode.apiserver.rest;

import io.everynode.api.disruption.DisruptionBudgets;
import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceTypes;
import io.everynode.apiserver.errors.Statuses;
import io.everynode.apiserver.registry.Registry;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Whether the eviction subresource may take a pod, by the PodDisruptionBudgets of its namespace
 * ({@link DisruptionBudgets}), counted from the pods as they are now. A pod no budget covers may
 * go; one that would break its budget is refused with 429 TooManyRequests and upstream's message
 * and cause; a pod covered by several budgets is a 500, as upstream answers.
 */
final class DisruptionCheck {
    static final String VIOLATION = "Cannot evict pod as it would violate the pod's disruption budget.";

    private final Registry registry;

    DisruptionCheck(Registry registry) {
        this.registry = registry;
    }

    void check(String namespace, ObjectNode podJson) {
        Pod pod = Json.convert(podJson, Pod.class);
        if (DisruptionBudgets.ignoresBudgets(pod)) return;
        List<PodDisruptionBudget> budgets =
                registry.lookup().listConsistent(ResourceTypes.POD_DISRUPTION_BUDGETS, namespace).stream()
                        .map(o -> Json.convert(o, PodDisruptionBudget.class))
                        .filter(b -> DisruptionBudgets.selects(b, pod))
                        .toList();
        if (budgets.isEmpty()) return;
        if (budgets.size() > 1) {
            throw Statuses.internal(
                    "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.");
        }
        PodDisruptionBudget pdb = budgets.get(0);
        List<Pod> pods = registry.lookup().listConsistent(ResourceTypes.PODS, namespace).stream()
                .map(o -> Json.convert(o, Pod.class))
                .toList();
        DisruptionBudgets.Health health = DisruptionBudgets.health(pdb, pods);
        if (DisruptionBudgets.allowsEviction(pdb, pod, health)) return;
        ObjectNode details = Json.object();
        details.putArray("causes")
                .addObject()
                .put("reason", "DisruptionBudget")
                .put(
                        "message",
                        "The disruption budget " + pdb.getMetadata().getName() + " needs " + health.desiredHealthy()
                                + " healthy pods and has " + health.currentHealthy() + " currently");
        throw Statuses.failure(429, "TooManyRequests", VIOLATION, details);
    }
}
