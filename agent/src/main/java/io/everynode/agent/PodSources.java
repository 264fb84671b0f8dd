package io.everynode.agent;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a pod takes from ConfigMaps and Secrets, resolved as the kubelet resolves it (pure: the
 * objects come from a {@link ConfigLookup}). A source that is missing and not {@code optional}
 * is a {@link Missing}, with the kubelet's message; an optional one that is missing gives nothing
 * (an empty volume, no variable).
 *
 * <ul>
 *   <li>Volumes ({@link #volumes}): a projected volume is its sources' files together
 *       ({@link ProjectedSources}); a configMap volume holds {@code data} and {@code binaryData},
 *       a secret volume the decoded {@code data}; with {@code items} only the listed keys, each at
 *       its {@code path}, else every key at a path of its name. A file's mode is its item's
 *       {@code mode}, else the volume's {@code defaultMode}, else {@code 0644}.</li>
 *   <li>Environment ({@link #env}): {@code envFrom} (a ConfigMap's {@code data}, a Secret's
 *       decoded {@code data}, with the {@code prefix}); a name that is no environment variable
 *       name is skipped and reported in {@link Env#warnings} with the kubelet's
 *       InvalidEnvironmentVariableNames message; then {@code valueFrom.configMapKeyRef} and
 *       {@code secretKeyRef}.</li>
 * </ul>
 */
final class PodSources {
    /** The Event reason for envFrom keys skipped as invalid names, as the kubelet's. */
    static final String INVALID_NAMES = "InvalidEnvironmentVariableNames";

    /** A non-optional source that is not there (yet); the message is the kubelet's. */
    static final class Missing extends Exception {
        private static final long serialVersionUID = 1L;
        private final String volume;

        Missing(String volume, String message) {
            super(message);
            this.volume = volume;
        }

        /** The volume that cannot be set up, or null for an environment source. */
        String volume() {
            return volume;
        }
    }

    /**
     * A container's environment from ConfigMaps and Secrets.
     *
     * @param warnings messages of InvalidEnvironmentVariableNames events, one per source with skipped keys
     */
    record Env(SourcedEnv env, List<String> warnings) {}

    private static final int DEFAULT_MODE = 0644;

    private PodSources() {}

    /**
     * Where a projected volume's {@code serviceAccountToken} source gets its token ({@link
     * PodTokens} in the agent).
     */
    @FunctionalInterface
    interface TokenSource {
        /**
         * @param audience the source's audience, or null for the API server's own
         * @throws Missing when no token can be had now (the volume cannot be set up)
         */
        byte[] token(String volume, String audience, long expirationSeconds) throws Missing;

        TokenSource NONE = (volume, audience, seconds) -> {
            throw new Missing(volume, "failed to fetch token: this node fetches no ServiceAccount tokens");
        };
    }

    /** The configMap and secret volumes of the pod; a projected volume with a token fails. */
    static List<VolumeContent> volumes(Pod pod, ConfigLookup lookup) throws Missing {
        return volumes(pod, lookup, TokenSource.NONE);
    }

    /** The configMap, secret and projected volumes of the pod, in spec order; other volumes are not here. */
    static List<VolumeContent> volumes(Pod pod, ConfigLookup lookup, TokenSource tokens) throws Missing {
        List<VolumeContent> out = new ArrayList<>();
        if (pod.getSpec().getVolumes() == null) return out;
        String ns = pod.getMetadata().getNamespace();
        for (Volume v : pod.getSpec().getVolumes()) {
            if (v.getConfigMap() != null) {
                var src = v.getConfigMap();
                boolean optional = Boolean.TRUE.equals(src.getOptional());
                Optional<ConfigMap> cm = lookup.configMap(ns, src.getName());
                if (cm.isEmpty() && !optional)
                    throw new Missing(v.getName(), "configmap \"" + src.getName() + "\" not found");
                Map<String, byte[]> data = cm.map(PodSources::configMapBytes).orElse(Map.of());
                out.add(new VolumeContent(
                        v.getName(),
                        files(v.getName(), data, src.getItems(), src.getDefaultMode(), optional, "config")));
            } else if (v.getSecret() != null) {
                var src = v.getSecret();
                boolean optional = Boolean.TRUE.equals(src.getOptional());
                Optional<Secret> s = lookup.secret(ns, src.getSecretName());
                if (s.isEmpty() && !optional)
                    throw new Missing(v.getName(), "secret \"" + src.getSecretName() + "\" not found");
                Map<String, byte[]> data = s.map(PodSources::secretBytes).orElse(Map.of());
                out.add(new VolumeContent(
                        v.getName(),
                        files(v.getName(), data, src.getItems(), src.getDefaultMode(), optional, "secret")));
            } else if (v.getProjected() != null) {
                out.add(new VolumeContent(v.getName(), ProjectedSources.files(pod, v, lookup, tokens)));
            }
        }
        return out;
    }

    static Map<String, VolumeContent.File> files(
            String volume,
            Map<String, byte[]> data,
            List<KeyToPath> items,
            Integer defaultMode,
            boolean optional,
            String what)
            throws Missing {
        int mode = defaultMode == null ? DEFAULT_MODE : defaultMode;
        Map<String, VolumeContent.File> out = new LinkedHashMap<>();
        if (items == null || items.isEmpty()) {
            for (Map.Entry<String, byte[]> e : data.entrySet())
                out.put(e.getKey(), new VolumeContent.File(e.getValue(), mode));
            return out;
        }
        for (KeyToPath item : items) {
            byte[] bytes = data.get(item.getKey());
            if (bytes == null) {
                if (optional) continue;
                throw new Missing(
                        volume,
                        ("config".equals(what)
                                        ? "configmap references non-existent config key: "
                                        : "references non-existent secret key: ")
                                + item.getKey());
            }
            out.put(item.getPath(), new VolumeContent.File(bytes, item.getMode() == null ? mode : item.getMode()));
        }
        return out;
    }

    /** The container's variables from ConfigMaps and Secrets. */
    static Env env(Pod pod, Container c, ConfigLookup lookup) throws Missing {
        String ns = pod.getMetadata().getNamespace();
        Map<String, String> fromEnvFrom = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        if (c.getEnvFrom() != null) {
            for (EnvFromSource ef : c.getEnvFrom()) {
                String prefix = ef.getPrefix() == null ? "" : ef.getPrefix();
                Map<String, String> values;
                String kind;
                String name;
                if (ef.getConfigMapRef() != null) {
                    kind = "configMap";
                    name = ef.getConfigMapRef().getName();
                    Optional<ConfigMap> cm = lookup.configMap(ns, name);
                    if (cm.isEmpty()) {
                        if (Boolean.TRUE.equals(ef.getConfigMapRef().getOptional())) continue;
                        throw new Missing(null, "configmap \"" + name + "\" not found");
                    }
                    values = new TreeMap<>(
                            cm.get().getData() == null ? Map.of() : cm.get().getData());
                } else if (ef.getSecretRef() != null) {
                    kind = "secret";
                    name = ef.getSecretRef().getName();
                    Optional<Secret> s = lookup.secret(ns, name);
                    if (s.isEmpty()) {
                        if (Boolean.TRUE.equals(ef.getSecretRef().getOptional())) continue;
                        throw new Missing(null, "secret \"" + name + "\" not found");
                    }
                    values = new TreeMap<>();
                    secretBytes(s.get()).forEach((k, v) -> values.put(k, new String(v, StandardCharsets.UTF_8)));
                } else {
                    continue;
                }
                List<String> invalid = new ArrayList<>();
                for (Map.Entry<String, String> e : values.entrySet()) {
                    String key = prefix + e.getKey();
                    if (!isEnvVarName(key)) {
                        invalid.add(key);
                        continue;
                    }
                    fromEnvFrom.remove(key); // a later source overrides, and takes its place in order
                    fromEnvFrom.put(key, e.getValue());
                }
                if (!invalid.isEmpty()) {
                    warnings.add("Keys ["
                            + String.join(", ", invalid.stream().sorted().toList()) + "] from the EnvFrom "
                            + kind + " " + ns + "/" + name
                            + " were skipped since they are considered invalid environment variable names.");
                }
            }
        }
        Map<String, String> fromRefs = new LinkedHashMap<>();
        if (c.getEnv() != null) {
            for (EnvVar v : c.getEnv()) {
                if (v.getValueFrom() == null) continue;
                var cmRef = v.getValueFrom().getConfigMapKeyRef();
                var secretRef = v.getValueFrom().getSecretKeyRef();
                if (cmRef != null) {
                    boolean optional = Boolean.TRUE.equals(cmRef.getOptional());
                    Optional<ConfigMap> cm = lookup.configMap(ns, cmRef.getName());
                    if (cm.isEmpty()) {
                        if (optional) continue;
                        throw new Missing(null, "configmap \"" + cmRef.getName() + "\" not found");
                    }
                    String value = cm.get().getData() == null
                            ? null
                            : cm.get().getData().get(cmRef.getKey());
                    if (value == null) {
                        if (optional) continue;
                        throw new Missing(
                                null,
                                "couldn't find key " + cmRef.getKey() + " in ConfigMap " + ns + "/" + cmRef.getName());
                    }
                    fromRefs.put(v.getName(), value);
                } else if (secretRef != null) {
                    boolean optional = Boolean.TRUE.equals(secretRef.getOptional());
                    Optional<Secret> s = lookup.secret(ns, secretRef.getName());
                    if (s.isEmpty()) {
                        if (optional) continue;
                        throw new Missing(null, "secret \"" + secretRef.getName() + "\" not found");
                    }
                    byte[] value = secretBytes(s.get()).get(secretRef.getKey());
                    if (value == null) {
                        if (optional) continue;
                        throw new Missing(
                                null,
                                "couldn't find key " + secretRef.getKey() + " in Secret " + ns + "/"
                                        + secretRef.getName());
                    }
                    fromRefs.put(v.getName(), new String(value, StandardCharsets.UTF_8));
                }
            }
        }
        return new Env(new SourcedEnv(fromEnvFrom, fromRefs), warnings);
    }

    /**
     * Keys under which the pod is indexed by what it reads: {@code configmap/NS/NAME} and
     * {@code secret/NS/NAME} for every ConfigMap and Secret its volumes and containers name.
     */
    static Set<String> references(Pod pod) {
        Set<String> out = new LinkedHashSet<>();
        if (pod.getSpec() == null) return out;
        String ns = pod.getMetadata().getNamespace();
        if (pod.getSpec().getVolumes() != null) {
            for (Volume v : pod.getSpec().getVolumes()) {
                if (v.getConfigMap() != null)
                    out.add(configMapKey(ns, v.getConfigMap().getName()));
                if (v.getSecret() != null) out.add(secretKey(ns, v.getSecret().getSecretName()));
                if (v.getProjected() != null && v.getProjected().getSources() != null) {
                    for (var src : v.getProjected().getSources()) {
                        if (src.getConfigMap() != null)
                            out.add(configMapKey(ns, src.getConfigMap().getName()));
                        if (src.getSecret() != null)
                            out.add(secretKey(ns, src.getSecret().getName()));
                    }
                }
            }
        }
        List<Container> all = new ArrayList<>();
        if (pod.getSpec().getContainers() != null) all.addAll(pod.getSpec().getContainers());
        if (pod.getSpec().getInitContainers() != null) all.addAll(pod.getSpec().getInitContainers());
        for (Container c : all) {
            if (c.getEnvFrom() != null) {
                for (EnvFromSource ef : c.getEnvFrom()) {
                    if (ef.getConfigMapRef() != null)
                        out.add(configMapKey(ns, ef.getConfigMapRef().getName()));
                    if (ef.getSecretRef() != null)
                        out.add(secretKey(ns, ef.getSecretRef().getName()));
                }
            }
            if (c.getEnv() != null) {
                for (EnvVar v : c.getEnv()) {
                    if (v.getValueFrom() == null) continue;
                    if (v.getValueFrom().getConfigMapKeyRef() != null)
                        out.add(configMapKey(
                                ns, v.getValueFrom().getConfigMapKeyRef().getName()));
                    if (v.getValueFrom().getSecretKeyRef() != null)
                        out.add(secretKey(ns, v.getValueFrom().getSecretKeyRef().getName()));
                }
            }
        }
        return out;
    }

    static String configMapKey(String namespace, String name) {
        return "configmap/" + namespace + "/" + name;
    }

    static String secretKey(String namespace, String name) {
        return "secret/" + namespace + "/" + name;
    }

    /**
     * Kubernetes 1.35's rule for environment variable names (RelaxedEnvironmentVariableValidation,
     * on by default since 1.32 and GA since 1.34): not empty, printable ASCII, no {@code =}.
     */
    static boolean isEnvVarName(String name) {
        if (name.isEmpty()) return false;
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch < 0x20 || ch > 0x7e || ch == '=') return false;
        }
        return true;
    }

    /** A ConfigMap's {@code data} (UTF-8) and {@code binaryData} (base64), in key order. */
    static Map<String, byte[]> configMapBytes(ConfigMap cm) {
        Map<String, byte[]> out = new TreeMap<>();
        if (cm.getData() != null) cm.getData().forEach((k, v) -> out.put(k, v.getBytes(StandardCharsets.UTF_8)));
        if (cm.getBinaryData() != null) cm.getBinaryData().forEach((k, v) -> out.put(k, base64(v)));
        return out;
    }

    /** A Secret's decoded {@code data}, and its {@code stringData} where a server left it there, in key order. */
    static Map<String, byte[]> secretBytes(Secret s) {
        Map<String, byte[]> out = new TreeMap<>();
        if (s.getData() != null) s.getData().forEach((k, v) -> out.put(k, base64(v)));
        if (s.getStringData() != null)
            s.getStringData().forEach((k, v) -> out.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return out;
    }

    private static byte[] base64(String s) {
        if (s == null) return new byte[0];
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            return Base64.getMimeDecoder().decode(s);
        }
    }
}
