package io.everynode.agent.images;

import io.everynode.agent.container.ImageSource;
import io.everynode.agent.container.ImageUnavailable;
import io.everynode.agent.container.PreparedImage;
import io.everynode.images.BadImage;
import io.everynode.images.Digest;
import io.everynode.images.ImageReference;
import io.everynode.images.ImageStore;
import io.everynode.images.InvalidImageName;
import io.everynode.images.StoredImage;
import io.everynode.images.registry.DockerConfig;
import io.everynode.images.registry.PullFailed;
import io.everynode.images.registry.RegistryPuller;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ImageSource} on the node's image store: {@code imagePullPolicy} Never uses only what the
 * store has (else ErrImageNeverPull), IfNotPresent pulls what it lacks, Always pulls every time
 * (layers the store has are not fetched again); an unset policy is Always for {@code :latest} or
 * no tag and IfNotPresent otherwise, as the API server defaults it. Credentials come from the
 * pod's imagePullSecrets, then the node's default file ({@link PullCredentials}). One pull at a
 * time per image (the puller's lock). A pull is told to the caller's {@code Progress} as it
 * begins, when it has its turn after that lock, and with the image's size when done. Thread-safe.
 */
public final class StoreImageSource implements ImageSource {
    private final ImageStore store;
    private final RegistryPuller puller;
    private final PullCredentials credentials;

    /**
     * @param nodeDefault the node's default registry credentials (a docker config file), or
     *     {@link DockerConfig#empty()}
     */
    public StoreImageSource(ImageStore store, RegistryPuller puller, SecretLookup secrets, DockerConfig nodeDefault) {
        this.store = store;
        this.puller = puller;
        this.credentials = new PullCredentials(secrets, nodeDefault);
    }

    @Override
    public PreparedImage prepare(Pod pod, Container container) throws ImageUnavailable {
        return prepare(pod, container, Progress.NONE);
    }

    /** Tells {@code progress} when a pull begins, when it has its turn at the registry, and its image's size. */
    @Override
    public PreparedImage prepare(Pod pod, Container container, Progress progress) throws ImageUnavailable {
        String image = container.getImage() == null ? "" : container.getImage();
        ImageReference reference;
        try {
            reference = ImageReference.parse(image);
        } catch (InvalidImageName e) {
            throw new ImageUnavailable(ImageUnavailable.INVALID_NAME, e.getMessage(), e);
        }
        String policy = policy(container, reference);
        Optional<StoredImage> present = policy.equals("Always") ? Optional.empty() : store.find(reference);
        StoredImage stored;
        if (present.isPresent()) {
            stored = present.get();
        } else if (policy.equals("Never")) {
            throw new ImageUnavailable(
                    ImageUnavailable.NEVER_PULL,
                    "Container image \"" + image + "\" is not present with pull policy of Never");
        } else {
            progress.pulling();
            try {
                stored =
                        puller.pull(reference, credentials.of(pod).forRegistry(reference.domain()), progress::fetching);
            } catch (PullFailed e) {
                throw new ImageUnavailable(ImageUnavailable.PULL_FAILED, e.getMessage(), e);
            }
            progress.pulled(stored.size());
        }
        try {
            store.touch(stored.digest());
        } catch (IOException e) {
            // only garbage collection's order suffers
        }
        return prepared(reference, stored);
    }

    static String policy(Container container, ImageReference reference) {
        String policy = container.getImagePullPolicy();
        if (policy != null && !policy.isEmpty()) return policy;
        boolean latest = reference.digest() == null && "latest".equals(reference.tag());
        return latest ? "Always" : "IfNotPresent";
    }

    private static PreparedImage prepared(ImageReference reference, StoredImage stored) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String e : stored.config().env()) {
            int eq = e.indexOf('=');
            if (eq > 0) env.put(e.substring(0, eq), e.substring(eq + 1));
        }
        return new PreparedImage(
                reference.toString(),
                reference.repository() + "@" + stored.digest(),
                stored.layers(),
                stored.config().entrypoint(),
                stored.config().cmd(),
                env,
                stored.config().workingDir(),
                stored.config().user());
    }

    /** The image digest an imageID ({@code repository@sha256:…}) names: what garbage collection keeps for running containers. */
    public static Optional<Digest> digestOfImageId(String imageID) {
        int at = imageID.lastIndexOf('@');
        if (at < 0) return Optional.empty();
        try {
            return Optional.of(Digest.parse(imageID.substring(at + 1)));
        } catch (IllegalArgumentException | BadImage e) {
            return Optional.empty();
        }
    }
}
