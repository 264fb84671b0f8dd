package io.everynode.apiserver.strategy;

import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceTypes;
import io.everynode.apiserver.errors.Statuses;
import io.everynode.apiserver.registry.Meta;
import io.everynode.apiserver.registry.WriteContext;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Upstream's ServiceAccount admission on pod create: a pod names {@code default} unless it names
 * another account (the deprecated {@code serviceAccount} is read when the name is missing, and
 * always mirrors it afterwards); the account must exist in the pod's namespace, else the pod is
 * Forbidden. Mirror pods (static pods a node reports) are left alone. The server makes every
 * namespace's {@code default} account when the namespace is made ({@link DefaultServiceAccount}).
 *
 * <p>When the server issues ServiceAccount tokens, a pod whose {@code automountServiceAccountToken}
 * (else its account's) is not false also gets upstream's {@code kube-api-access-XXXXX} projected
 * volume (a token of 3607 seconds at {@code token}, the {@code kube-root-ca.crt} ConfigMap's
 * {@code ca.crt}, the pod's namespace at {@code namespace}, mode 0644), mounted read-only at
 * {@link #MOUNT_PATH} in every container and init container that mounts nothing there. A pod that
 * already has a {@code kube-api-access-*} volume keeps it and only gets the mounts. Servers
 * without a key leave pods as they are.
 */
final class ServiceAccountAdmission {
    static final String MIRROR = "kubernetes.io/config.mirror";
    static final String MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";
    static final String VOLUME_PREFIX = "kube-api-access-";
    /** Upstream's token lifetime for the volume: 1 hour and 7 seconds, so it can be told apart. */
    static final long TOKEN_SECONDS = 3607;

    static final String ROOT_CA_CONFIG_MAP = "kube-root-ca.crt";

    private final boolean mountTokens;
    private final Supplier<String> suffixes;

    /**
     * @param mountTokens whether pods get the token volume (the server has a ServiceAccount key)
     * @param suffixes the 5 random characters of each new volume's name
     */
    ServiceAccountAdmission(boolean mountTokens, Supplier<String> suffixes) {
        this.mountTokens = mountTokens;
        this.suffixes = suffixes;
    }

    void admit(ObjectNode pod, WriteContext ctx) {
        if (Meta.of(pod).path("annotations").has(MIRROR)) return;
        ObjectNode spec = Json.child(pod, "spec");
        String name = Json.text(spec, "serviceAccountName");
        if (name == null || name.isEmpty()) name = Json.text(spec, "serviceAccount");
        if (name == null || name.isEmpty()) name = DefaultServiceAccount.NAME;
        spec.put("serviceAccountName", name);
        spec.put("serviceAccount", name);
        String ns = Meta.namespace(pod);
        ObjectNode account = ctx.lookup().get(ResourceTypes.SERVICE_ACCOUNTS, ns, name);
        if (account == null) {
            throw Statuses.forbidden(
                    "",
                    "pods",
                    Meta.name(pod),
                    "error looking up service account " + ns + "/" + name + ": serviceaccount \"" + name
                            + "\" not found");
        }
        if (mountTokens && automount(spec, account)) mountToken(spec);
    }

    /** The pod's own setting wins; else the account's; else true. */
    private static boolean automount(JsonNode spec, JsonNode account) {
        JsonNode own = spec.path("automountServiceAccountToken");
        if (own.isBoolean()) return own.asBoolean();
        JsonNode sa = account.path("automountServiceAccountToken");
        return !sa.isBoolean() || sa.asBoolean();
    }

    private void mountToken(ObjectNode spec) {
        ArrayNode volumes = spec.has("volumes") && spec.get("volumes").isArray()
                ? (ArrayNode) spec.get("volumes")
                : spec.putArray("volumes");
        String volume = null;
        for (JsonNode v : volumes) {
            String n = Json.text(v, "name");
            if (n != null && n.startsWith(VOLUME_PREFIX)) volume = n;
        }
        if (volume == null) {
            volume = unusedName(volumes);
            volumes.add(tokenVolume(volume));
        }
        for (String list : new String[] {"initContainers", "containers"}) {
            for (JsonNode c : spec.path(list)) {
                if (c instanceof ObjectNode container) mountInto(container, volume);
            }
        }
    }

    private String unusedName(ArrayNode volumes) {
        while (true) {
            String candidate = VOLUME_PREFIX + suffixes.get();
            boolean taken = false;
            for (JsonNode v : volumes) taken |= candidate.equals(Json.text(v, "name"));
            if (!taken) return candidate;
        }
    }

    private static void mountInto(ObjectNode container, String volume) {
        ArrayNode mounts =
                container.has("volumeMounts") && container.get("volumeMounts").isArray()
                        ? (ArrayNode) container.get("volumeMounts")
                        : null;
        if (mounts != null) {
            for (JsonNode m : mounts) {
                if (MOUNT_PATH.equals(Json.text(m, "mountPath"))) return;
            }
        } else {
            mounts = container.putArray("volumeMounts");
        }
        ObjectNode m = mounts.addObject();
        m.put("name", volume);
        m.put("readOnly", true);
        m.put("mountPath", MOUNT_PATH);
    }

    /** Upstream's kube-api-access volume, as its admission plugin builds it. */
    static ObjectNode tokenVolume(String name) {
        ObjectNode v = Json.object();
        v.put("name", name);
        ObjectNode projected = v.putObject("projected");
        ArrayNode sources = projected.putArray("sources");
        ObjectNode token = sources.addObject().putObject("serviceAccountToken");
        token.put("expirationSeconds", TOKEN_SECONDS);
        token.put("path", "token");
        ObjectNode cm = sources.addObject().putObject("configMap");
        cm.put("name", ROOT_CA_CONFIG_MAP);
        ObjectNode item = cm.putArray("items").addObject();
        item.put("key", "ca.crt");
        item.put("path", "ca.crt");
        ObjectNode ns =
                sources.addObject().putObject("downwardAPI").putArray("items").addObject();
        ObjectNode ref = ns.putObject("fieldRef");
        ref.put("apiVersion", "v1");
        ref.put("fieldPath", "metadata.namespace");
        ns.put("path", "namespace");
        projected.put("defaultMode", 0644);
        return v;
    }
}
