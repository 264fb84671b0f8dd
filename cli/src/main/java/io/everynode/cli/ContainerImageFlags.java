package io.everynode.cli;

import io.everynode.agent.images.SecretLookup;
import io.everynode.agent.images.StoreImageSource;
import io.everynode.images.ImageStore;
import io.everynode.images.registry.DockerConfig;
import io.everynode.images.registry.RegistryClient;
import io.everynode.images.registry.RegistryHosts;
import io.everynode.images.registry.RegistryPuller;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The container runtime's image flags, for {@code agent} and {@code up} to mix in
 * ({@code @Mixin ContainerImageFlags images}): where the image store is, which registries may be
 * spoken to in plain HTTP, and the node's default registry credentials (docs/containers.md, Images).
 */
final class ContainerImageFlags {
    /** Where {@code up} and a standalone agent keep the image store by default (shared by all of up's nodes). */
    static final String DEFAULT_STORE_DIR = ".everynode/image-store";

    @Option(
            names = "--image-store",
            defaultValue = DEFAULT_STORE_DIR,
            description = "The image store of the container runtime (default: ${DEFAULT-VALUE}).")
    Path storeDir;

    @Option(
            names = "--insecure-registry",
            paramLabel = "HOST:PORT",
            description = "A registry that may be reached in plain HTTP (repeatable); loopback registries always may.")
    List<String> insecureRegistries = new ArrayList<>();

    @Option(
            names = "--registry-credentials",
            paramLabel = "FILE",
            description = "The node's default registry credentials: a docker config.json ({\"auths\": {...}}).")
    Path credentialsFile;

    ImageStore store() {
        return ImageStore.open(storeDir == null ? Path.of(DEFAULT_STORE_DIR) : storeDir);
    }

    /**
     * For {@code up}: the store at {@code --image-store} when one was given, else {@code
     * dataDir/image-store} (so each cluster's data directory holds its own images).
     */
    ImageStore storeUnder(Path dataDir) {
        boolean given = storeDir != null && !storeDir.equals(Path.of(DEFAULT_STORE_DIR));
        return ImageStore.open(given ? storeDir : dataDir.resolve("image-store"));
    }

    /** Parses the flags; a bad value throws IllegalArgumentException naming the flag. */
    RegistryHosts registryHosts() {
        return RegistryHosts.withInsecure(insecureRegistries);
    }

    DockerConfig defaultCredentials() {
        if (credentialsFile == null) return DockerConfig.empty();
        try {
            return DockerConfig.parse(Files.readAllBytes(credentialsFile));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("--registry-credentials " + credentialsFile + ": " + e.getMessage(), e);
        }
    }

    /** The ImageSource of a node: the store at --image-store, pulls as the flags allow. */
    StoreImageSource imageSource(ImageStore store, SecretLookup secrets) {
        RegistryPuller puller =
                new RegistryPuller(store, new RegistryClient(RegistryClient.defaultHttpClient(), registryHosts()));
        return new StoreImageSource(store, puller, secrets, defaultCredentials());
    }
}
