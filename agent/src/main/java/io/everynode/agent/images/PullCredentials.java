package io.everynode.agent.images;

import io.everynode.images.registry.DockerConfig;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pod's registry credentials: its {@code imagePullSecrets} in order ({@code kubernetes.io/dockerconfigjson}
 * with key {@code .dockerconfigjson}, {@code kubernetes.io/dockercfg} with key {@code .dockercfg}),
 * then the node's default. A Secret that is missing or malformed is skipped with a warning, as the
 * kubelet does: the pull may still work without it.
 */
final class PullCredentials {
    static final String DOCKER_CONFIG_JSON = "kubernetes.io/dockerconfigjson";
    static final String DOCKER_CFG = "kubernetes.io/dockercfg";
    private static final Logger LOG = LoggerFactory.getLogger(PullCredentials.class);

    private final SecretLookup secrets;
    private final DockerConfig nodeDefault;

    PullCredentials(SecretLookup secrets, DockerConfig nodeDefault) {
        this.secrets = secrets;
        this.nodeDefault = nodeDefault;
    }

    DockerConfig of(Pod pod) {
        DockerConfig all = DockerConfig.empty();
        String namespace = pod.getMetadata().getNamespace();
        if (pod.getSpec().getImagePullSecrets() != null) {
            for (LocalObjectReference ref : pod.getSpec().getImagePullSecrets()) {
                if (ref == null || ref.getName() == null || ref.getName().isEmpty()) continue;
                Optional<Secret> secret = secrets.secret(namespace, ref.getName());
                if (secret.isEmpty()) {
                    LOG.warn(
                            "pod {}/{}: image pull secret {} not found; pulling without it",
                            namespace,
                            pod.getMetadata().getName(),
                            ref.getName());
                    continue;
                }
                try {
                    all = all.then(parse(secret.get()));
                } catch (IllegalArgumentException e) {
                    LOG.warn(
                            "pod {}/{}: image pull secret {} is unusable: {}",
                            namespace,
                            pod.getMetadata().getName(),
                            ref.getName(),
                            e.getMessage());
                }
            }
        }
        return all.then(nodeDefault);
    }

    static DockerConfig parse(Secret secret) {
        String key = DOCKER_CFG.equals(secret.getType()) ? ".dockercfg" : ".dockerconfigjson";
        if (!DOCKER_CFG.equals(secret.getType()) && !DOCKER_CONFIG_JSON.equals(secret.getType())) {
            throw new IllegalArgumentException(
                    "its type is " + secret.getType() + ", not " + DOCKER_CONFIG_JSON + " or " + DOCKER_CFG);
        }
        Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
        String value = data.get(key);
        if (value == null) throw new IllegalArgumentException("it has no " + key + " key");
        return DockerConfig.parse(Base64.getDecoder().decode(value));
    }
}
