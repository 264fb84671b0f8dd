package io.everynode.images.registry;

import io.everynode.images.BadImage;
import io.everynode.images.Descriptor;
import io.everynode.images.Digest;
import io.everynode.images.ImageFetcher;
import io.everynode.images.ImageReference;
import io.everynode.images.ImageStore;
import io.everynode.images.Manifests;
import io.everynode.images.MediaTypes;
import io.everynode.images.StoredImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pulls images into a store: resolves the reference to a manifest (or index) on its registry,
 * checks its digest (against the reference's digest, else the registry's Docker-Content-Digest),
 * fetches what the store lacks for its platform and names the image. One pull at a time per
 * reference: a second caller for the same one waits, then finds the image in the store.
 */
public final class RegistryPuller {
    private final ImageStore store;
    private final RegistryClient client;
    private final Map<String, Object> inFlight = new ConcurrentHashMap<>();

    public RegistryPuller(ImageStore store, RegistryClient client) {
        this.store = store;
        this.client = client;
    }

    /**
     * Pulls {@code reference} (again, even when the store has it: a tag may have moved) and
     * answers the stored image.
     *
     * @throws PullFailed with containerd's words when the registry, the network or the content fails
     */
    public StoredImage pull(ImageReference reference, Optional<Credentials> credentials) throws PullFailed {
        return pull(reference, credentials, () -> {});
    }

    /**
     * As {@link #pull(ImageReference, Optional)}, running {@code fetching} once this pull has its
     * turn (after any pull of the same reference in flight), before it asks the registry: callers
     * tell the pull's own time from the time spent waiting.
     */
    public StoredImage pull(ImageReference reference, Optional<Credentials> credentials, Runnable fetching)
            throws PullFailed {
        String key = reference.toString();
        Object lock = inFlight.computeIfAbsent(key, k -> new Object());
        synchronized (lock) {
            try {
                return store.writing(() -> {
                    fetching.run();
                    return pullNow(reference, credentials);
                });
            } catch (RegistryError e) {
                boolean notFound = e.status() == 404;
                String detail = notFound
                        ? "failed to resolve reference \"" + reference + "\": " + reference + ": not found"
                        : e.getMessage().startsWith("failed to ")
                                ? e.getMessage()
                                : "failed to resolve reference \"" + reference + "\": " + e.getMessage();
                throw new PullFailed(prefix(reference) + detail, notFound, e);
            } catch (BadImage e) {
                throw new PullFailed(prefix(reference) + e.getMessage(), false, e);
            } catch (IOException e) {
                throw new PullFailed(prefix(reference) + e.getMessage(), false, e);
            } catch (Exception e) {
                throw new PullFailed(prefix(reference) + e, false, e);
            }
        }
    }

    private static String prefix(ImageReference reference) {
        return "failed to pull and unpack image \"" + reference + "\": ";
    }

    private StoredImage pullNow(ImageReference reference, Optional<Credentials> credentials) throws IOException {
        RegistryClient.Session session = client.open(reference, credentials);
        String target = reference.digest() != null ? reference.digest().toString() : reference.tag();
        RegistryClient.Fetched top = session.manifest(target);
        Digest actual = Digest.of(top.body());
        Digest expected = reference.digest() != null
                ? reference.digest()
                : top.servedDigest().orElse(actual);
        if (!actual.equals(expected)) {
            throw new BadImage("manifest " + target + " has digest " + actual + ", expected " + expected
                    + ": failed precondition");
        }
        String mediaType = Manifests.mediaTypeOf(top.body(), top.mediaType());
        store.putBlob(actual, top.body().length, new ByteArrayInputStream(top.body()));
        ImageFetcher.BlobSource source = d -> isManifest(d)
                ? new ByteArrayInputStream(
                        session.manifest(d.digest().toString()).body())
                : session.blob(d.digest());
        new ImageFetcher(store).fetch(source, new Descriptor(mediaType, actual, top.body().length, "", Map.of()));
        String name = reference.tag() != null ? reference.withoutDigest().toString() : reference.toString();
        return store.name(name, actual);
    }

    private static boolean isManifest(Descriptor d) {
        return MediaTypes.MANIFESTS.contains(d.mediaType());
    }
}
