package io.everynode.controllers.manager;

import io.everynode.client.ApiError;
import io.everynode.client.KubeClient;
import io.everynode.client.PatchType;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The writes several controllers make, worded once. Stateless.
 *
 * <p>Gone objects: a pod that no longer exists needs no condition, no status and no delete, so a
 * 404 on those writes is success, as upstream's controllers treat it. Other refusals (409 on a
 * stale precondition included) are thrown for the caller to retry on its next pass.
 */
public final class ApiWrites {
    /** Immutable once built; fabric8 model classes omit their null fields themselves. */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ApiWrites() {}

    /** JSON text of a patch body built from maps, lists and fabric8 model objects. */
    public static String json(Object body) {
        return JSON.writeValueAsString(body);
    }

    /**
     * Adds or replaces one pod condition by type: a strategic-merge patch of pods/status
     * ({@code status.conditions} merges by {@code type}). A missing pod is ignored.
     */
    public static void setPodCondition(KubeClient client, Pod pod, PodCondition condition) {
        patchPodStatus(client, pod, Map.of("conditions", List.of(condition)));
    }

    /** A strategic-merge patch of pods/status with {@code status} as given; a missing pod is ignored. */
    public static void patchPodStatus(KubeClient client, Pod pod, Map<String, Object> status) {
        ignoreNotFound(() -> client.patch(
                Pod.class,
                pod.getMetadata().getNamespace(),
                pod.getMetadata().getName(),
                PatchType.STRATEGIC,
                json(Map.of("status", status)),
                "status"));
    }

    /** Graceful delete with the pod's own grace period; a missing pod is ignored. */
    public static void deletePod(KubeClient client, Pod pod) {
        ignoreNotFound(() -> client.delete(
                Pod.class, pod.getMetadata().getNamespace(), pod.getMetadata().getName()));
    }

    /**
     * Delete with grace period 0: the object is removed at once, kubelet or not. The uid is a
     * precondition, so a pod re-created under the same name is left alone.
     */
    public static void forceDeletePod(KubeClient client, Pod pod) {
        DeleteOptionsBuilder b = new DeleteOptionsBuilder().withGracePeriodSeconds(0L);
        if (pod.getMetadata().getUid() != null)
            b.withNewPreconditions().withUid(pod.getMetadata().getUid()).endPreconditions();
        DeleteOptions options = b.build();
        ignoreNotFound(() -> client.delete(
                Pod.class, pod.getMetadata().getNamespace(), pod.getMetadata().getName(), options));
    }

    /** An ordered map, for patch bodies whose key order reads naturally in logs. */
    public static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return m;
    }

    private static void ignoreNotFound(Runnable write) {
        try {
            write.run();
        } catch (ApiError e) {
            if (!e.isNotFound()) throw e;
        }
    }
}
