package io.everynode.agent;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.ObjectFieldSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccountTokenProjection;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The files of a {@code projected} volume, as the kubelet's projected volume plugin makes them:
 * every source's files in one directory, each source as its own kind of volume would write it
 * (configMap and secret with their {@code items}, {@code optional} and key errors), the
 * {@code downwardAPI} items' pod fields, and the {@code serviceAccountToken} at its path. A
 * file's mode is its item's, else the volume's {@code defaultMode}, else 0644.
 */
final class ProjectedSources {
    private static final int DEFAULT_MODE = 0644;
    /** The kubelet asks for an hour when a source names no expiry. */
    private static final long DEFAULT_TOKEN_SECONDS = 3600;

    private ProjectedSources() {}

    static Map<String, VolumeContent.File> files(Pod pod, Volume v, ConfigLookup lookup, PodSources.TokenSource tokens)
            throws PodSources.Missing {
        String ns = pod.getMetadata().getNamespace();
        Integer defaultMode = v.getProjected().getDefaultMode();
        int mode = defaultMode == null ? DEFAULT_MODE : defaultMode;
        Map<String, VolumeContent.File> out = new LinkedHashMap<>();
        if (v.getProjected().getSources() == null) return out;
        for (VolumeProjection src : v.getProjected().getSources()) {
            if (src.getConfigMap() != null) {
                var cmSrc = src.getConfigMap();
                boolean optional = Boolean.TRUE.equals(cmSrc.getOptional());
                Optional<ConfigMap> cm = lookup.configMap(ns, cmSrc.getName());
                if (cm.isEmpty() && !optional)
                    throw new PodSources.Missing(v.getName(), "configmap \"" + cmSrc.getName() + "\" not found");
                Map<String, byte[]> data = cm.map(PodSources::configMapBytes).orElse(Map.of());
                out.putAll(PodSources.files(v.getName(), data, cmSrc.getItems(), mode, optional, "config"));
            } else if (src.getSecret() != null) {
                var sSrc = src.getSecret();
                boolean optional = Boolean.TRUE.equals(sSrc.getOptional());
                Optional<Secret> s = lookup.secret(ns, sSrc.getName());
                if (s.isEmpty() && !optional)
                    throw new PodSources.Missing(v.getName(), "secret \"" + sSrc.getName() + "\" not found");
                Map<String, byte[]> data = s.map(PodSources::secretBytes).orElse(Map.of());
                out.putAll(PodSources.files(v.getName(), data, sSrc.getItems(), mode, optional, "secret"));
            } else if (src.getDownwardAPI() != null && src.getDownwardAPI().getItems() != null) {
                for (DownwardAPIVolumeFile item : src.getDownwardAPI().getItems()) {
                    if (item.getFieldRef() == null) continue; // resourceFieldRef: no container resources here
                    byte[] value = field(pod, item.getFieldRef(), v.getName()).getBytes(StandardCharsets.UTF_8);
                    out.put(
                            item.getPath(),
                            new VolumeContent.File(value, item.getMode() == null ? mode : item.getMode()));
                }
            } else if (src.getServiceAccountToken() != null) {
                ServiceAccountTokenProjection t = src.getServiceAccountToken();
                long seconds = t.getExpirationSeconds() == null ? DEFAULT_TOKEN_SECONDS : t.getExpirationSeconds();
                out.put(t.getPath(), new VolumeContent.File(tokens.token(v.getName(), t.getAudience(), seconds), mode));
            }
        }
        return out;
    }

    /** A pod field as the downward API writes it; labels and annotations as sorted {@code key="value"} lines. */
    static String field(Pod pod, ObjectFieldSelector ref, String volume) throws PodSources.Missing {
        var meta = pod.getMetadata();
        return switch (ref.getFieldPath()) {
            case "metadata.name" -> meta.getName();
            case "metadata.namespace" -> meta.getNamespace();
            case "metadata.uid" -> meta.getUid();
            case "metadata.labels" -> lines(meta.getLabels());
            case "metadata.annotations" -> lines(meta.getAnnotations());
            case "spec.nodeName" -> nz(pod.getSpec().getNodeName());
            case "spec.serviceAccountName" -> nz(pod.getSpec().getServiceAccountName());
            default ->
                throw new PodSources.Missing(
                        volume, "unsupported fieldPath for a downward API volume: " + ref.getFieldPath());
        };
    }

    private static String lines(Map<String, String> m) {
        if (m == null) return "";
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(m).entrySet()) {
            if (b.length() > 0) b.append('\n');
            b.append(e.getKey())
                    .append("=\"")
                    .append(e.getValue()
                            .replace("\\", "\\\\")
                            .replace("\"", "\\\"")
                            .replace("\n", "\\n"))
                    .append('"');
        }
        return b.toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
