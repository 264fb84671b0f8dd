package io.everynode.images;

import java.nio.file.Path;
import java.util.List;

/**
 * An image that is whole in the store.
 *
 * @param names the names that point at it (e.g. {@code docker.io/library/busybox:1.36}, or
 *     {@code repo@sha256:…} for an image pulled by digest); may be empty for an image found by digest
 * @param digest what the names point at: the manifest, or the index (manifest list) it was
 *     chosen from; the repo digest a registry answers for the tag
 * @param manifest the node's platform's manifest
 * @param layers the unpacked layer directories, lowest first
 * @param size the compressed layers' and the config's bytes, as crictl images shows
 */
public record StoredImage(
        List<String> names, Digest digest, Digest manifest, ImageConfig config, List<Path> layers, long size) {
    public StoredImage {
        names = List.copyOf(names);
        layers = List.copyOf(layers);
    }
}
