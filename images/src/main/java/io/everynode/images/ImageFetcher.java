package io.everynode.images;

import java.io.IOException;
import java.io.InputStream;

/**
 * Brings one image into the store from a source of blobs (an archive being imported, a registry):
 * the top manifest or index, the node's platform's manifest, its config and every layer whose
 * diffID the store does not have yet, each verified against its digest; layers are unpacked as
 * they arrive. Blobs the store has are not fetched again.
 */
public final class ImageFetcher {
    /** Where the blobs come from. */
    public interface BlobSource {
        /** The content of {@code descriptor}; the fetcher checks its digest. */
        InputStream open(Descriptor descriptor) throws IOException;
    }

    private final ImageStore store;

    public ImageFetcher(ImageStore store) {
        this.store = store;
    }

    /**
     * Fetches what image {@code top} needs for the store's platform. Call it inside
     * {@link ImageStore#writing}, and name the image afterwards.
     *
     * @throws BadImage for content that does not match its digest or cannot be read as an image,
     *     or an index without the store's platform
     */
    public void fetch(BlobSource source, Descriptor top) throws IOException {
        Descriptor manifestDescriptor = top;
        put(source, top);
        byte[] doc = store.blob(top.digest());
        if (MediaTypes.isIndex(Manifests.mediaTypeOf(doc, top.mediaType()))) {
            manifestDescriptor = Manifests.index(doc)
                    .forPlatform(store.platform())
                    .orElseThrow(
                            () -> new BadImage("no match for platform in manifest " + top.digest() + ": not found"));
            put(source, manifestDescriptor);
            doc = store.blob(manifestDescriptor.digest());
        }
        Manifests.Manifest manifest = Manifests.manifest(doc);
        put(source, manifest.config());
        ImageConfig config = ImageConfig.parse(store.blob(manifest.config().digest()));
        if (config.diffIds().size() != manifest.layers().size()) {
            throw new BadImage("the image config names " + config.diffIds().size() + " layers and its manifest "
                    + manifest.layers().size());
        }
        for (int i = 0; i < manifest.layers().size(); i++) {
            Digest diffId = config.diffIds().get(i);
            if (store.hasLayer(diffId)) continue;
            Descriptor layer = manifest.layers().get(i);
            put(source, layer);
            store.unpackLayer(layer.digest(), diffId);
        }
    }

    private void put(BlobSource source, Descriptor d) throws IOException {
        if (store.hasBlob(d.digest())) return;
        try (InputStream in = source.open(d)) {
            store.putBlob(d.digest(), d.size(), in);
        }
    }
}
