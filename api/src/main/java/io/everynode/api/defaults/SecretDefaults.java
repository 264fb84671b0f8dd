package io.everynode.api.defaults;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Secret defaulting as upstream's conversion and defaults do it: {@code stringData} is a
 * write-only convenience whose entries are base64-encoded into {@code data} (overriding keys
 * there) and then dropped; {@code type} defaults to {@code Opaque}.
 */
public final class SecretDefaults {
    private SecretDefaults() {}

    public static void apply(Secret secret) {
        Map<String, String> plain = secret.getStringData();
        if (plain != null && !plain.isEmpty()) {
            Map<String, String> data = new LinkedHashMap<>();
            if (secret.getData() != null) data.putAll(secret.getData());
            for (Map.Entry<String, String> e : plain.entrySet()) {
                String v = e.getValue() == null ? "" : e.getValue();
                data.put(e.getKey(), Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8)));
            }
            secret.setData(data);
        }
        secret.setStringData(null);
        if (secret.getType() == null || secret.getType().isEmpty()) secret.setType("Opaque");
    }
}
