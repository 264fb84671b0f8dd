package io.everynode.controllers.bootstrapsigner;

import io.everynode.api.bootstrap.BootstrapTokenSecret;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The bootstrap token a fabric8 Secret stores, if it is a well-formed one in {@code kube-system}. */
final class TokenSecrets {
    private TokenSecrets() {}

    static Optional<BootstrapTokenSecret> read(Secret s) {
        if (!BootstrapTokenSecret.NAMESPACE.equals(s.getMetadata().getNamespace())) return Optional.empty();
        Map<String, String> data = new LinkedHashMap<>();
        if (s.getData() != null) {
            s.getData().forEach((k, v) -> {
                try {
                    data.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException notBase64) {
                    // not a token's value
                }
            });
        }
        if (s.getStringData() != null) data.putAll(s.getStringData());
        return BootstrapTokenSecret.read(s.getMetadata().getName(), s.getType(), data);
    }
}
