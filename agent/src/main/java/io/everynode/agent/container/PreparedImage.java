package io.everynode.agent.container;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An image ready to run: what the pod status reports and what the OCI bundle is made from.
 *
 * @param image the image as the container status shows it (the normalized reference, e.g.
 *     {@code docker.io/fluent/fluent-bit:3.1})
 * @param imageID the status's imageID: {@code repository@sha256:<manifest digest>}
 * @param layers the unpacked layer directories, lowest first (overlay lowerdirs are given
 *     highest first: reverse this list); never written to by the runtime
 * @param entrypoint the image config's Entrypoint (empty when unset)
 * @param cmd the image config's Cmd (empty when unset)
 * @param env the image config's Env as NAME -> value, in the image's order
 * @param workingDir the image config's WorkingDir, or "" for /
 * @param user the image config's User ("uid[:gid]" or a name to look up in the rootfs; "" for root)
 */
public record PreparedImage(
        String image,
        String imageID,
        List<Path> layers,
        List<String> entrypoint,
        List<String> cmd,
        Map<String, String> env,
        String workingDir,
        String user) {
    public PreparedImage {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(imageID, "imageID");
        layers = List.copyOf(layers);
        entrypoint = List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
        env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
        workingDir = workingDir == null ? "" : workingDir;
        user = user == null ? "" : user;
    }
}
