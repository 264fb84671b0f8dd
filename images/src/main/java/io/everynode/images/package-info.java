/**
 * OCI images on a node, with no knowledge of pods: {@link io.everynode.images.ImageReference}
 * (Docker's names), {@link io.everynode.images.ImageStore} (blobs by digest, layers unpacked once
 * per diffID into overlay lower directories, names to manifest digests), imports of OCI layouts
 * and {@code docker save} archives ({@link io.everynode.images.ImageImporter}), pulls over the OCI
 * distribution API ({@link io.everynode.images.registry.RegistryPuller}) and garbage collection at
 * disk thresholds ({@link io.everynode.images.ImageGc}). The agent's adapter is
 * {@code io.everynode.agent.images.StoreImageSource}.
 *
 * <p>Every class that touches the store is safe for concurrent use in one process (every node of
 * an {@code everynode up} shares one store): files appear only by atomic rename of a complete
 * temporary, so a crash leaves no half blob or layer behind.
 */
package io.everynode.images;
