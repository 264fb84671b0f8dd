package io.everynode.apiserver.auth.node;

import io.everynode.api.json.Json;
import java.util.LinkedHashSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The objects a pod names, which its node may therefore read (pure): the Secrets, ConfigMaps and
 * PersistentVolumeClaims of its volumes (projected sources, the {@code secretRef} of volume
 * plugins, and the claim an ephemeral volume makes, {@code POD-VOLUME}), its containers'
 * {@code env} and {@code envFrom} (init and ephemeral containers too), its
 * {@code imagePullSecrets} and its ServiceAccount: the edges of upstream's node authorizer graph.
 */
final class PodReferences {
    enum Kind {
        SECRET,
        CONFIG_MAP,
        CLAIM,
        SERVICE_ACCOUNT
    }

    /** One object in the pod's namespace. */
    record Ref(Kind kind, String namespace, String name) {}

    private PodReferences() {}

    static Set<Ref> of(JsonNode pod) {
        String ns = Json.text(pod.path("metadata"), "namespace");
        String podName = Json.text(pod.path("metadata"), "name");
        JsonNode spec = pod.path("spec");
        Set<Ref> out = new LinkedHashSet<>();
        for (JsonNode v : spec.path("volumes")) volume(ns, podName, v, out);
        for (String list : new String[] {"initContainers", "containers", "ephemeralContainers"}) {
            for (JsonNode c : spec.path(list)) container(ns, c, out);
        }
        for (JsonNode s : spec.path("imagePullSecrets")) add(out, Kind.SECRET, ns, Json.text(s, "name"));
        add(out, Kind.SERVICE_ACCOUNT, ns, Json.text(spec, "serviceAccountName"));
        return out;
    }

    private static void volume(String ns, String podName, JsonNode v, Set<Ref> out) {
        add(out, Kind.SECRET, ns, Json.text(v.path("secret"), "secretName"));
        add(out, Kind.CONFIG_MAP, ns, Json.text(v.path("configMap"), "name"));
        add(out, Kind.CLAIM, ns, Json.text(v.path("persistentVolumeClaim"), "claimName"));
        if (v.has("ephemeral")) add(out, Kind.CLAIM, ns, podName + "-" + Json.text(v, "name"));
        for (JsonNode s : v.path("projected").path("sources")) {
            add(out, Kind.SECRET, ns, Json.text(s.path("secret"), "name"));
            add(out, Kind.CONFIG_MAP, ns, Json.text(s.path("configMap"), "name"));
        }
        // Volume plugins that take credentials name a Secret as secretRef (csi: nodePublishSecretRef).
        for (JsonNode source : v) {
            if (!source.isObject()) continue;
            add(out, Kind.SECRET, ns, Json.text(source.path("secretRef"), "name"));
            add(out, Kind.SECRET, ns, Json.text(source.path("nodePublishSecretRef"), "name"));
        }
    }

    private static void container(String ns, JsonNode c, Set<Ref> out) {
        for (JsonNode e : c.path("env")) {
            add(out, Kind.SECRET, ns, Json.text(e.path("valueFrom").path("secretKeyRef"), "name"));
            add(out, Kind.CONFIG_MAP, ns, Json.text(e.path("valueFrom").path("configMapKeyRef"), "name"));
        }
        for (JsonNode e : c.path("envFrom")) {
            add(out, Kind.SECRET, ns, Json.text(e.path("secretRef"), "name"));
            add(out, Kind.CONFIG_MAP, ns, Json.text(e.path("configMapRef"), "name"));
        }
    }

    private static void add(Set<Ref> out, Kind kind, String ns, String name) {
        if (name != null && !name.isEmpty()) out.add(new Ref(kind, ns, name));
    }
}
