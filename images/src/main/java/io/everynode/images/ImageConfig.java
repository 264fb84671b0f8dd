package io.everynode.images;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What an image config says about running the image, and its layers' diffIDs (the digests of the
 * uncompressed layer tars, lowest first).
 *
 * @param env the config's Env as {@code NAME=value} strings, in order
 */
public record ImageConfig(
        String os,
        String architecture,
        List<String> entrypoint,
        List<String> cmd,
        List<String> env,
        String workingDir,
        String user,
        List<Digest> diffIds) {
    public ImageConfig {
        entrypoint = List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
        env = List.copyOf(env);
        diffIds = List.copyOf(diffIds);
    }

    public static ImageConfig parse(byte[] json) {
        JsonNode node = Manifests.tree(json, "the image config");
        JsonNode config = node.path("config");
        List<Digest> diffIds = new ArrayList<>();
        for (JsonNode d : node.path("rootfs").path("diff_ids")) {
            try {
                diffIds.add(Digest.parse(d.asString("")));
            } catch (IllegalArgumentException e) {
                throw new BadImage("the image config has a bad diff_id \"" + d.asString("") + "\"");
            }
        }
        return new ImageConfig(
                node.path("os").asString(""),
                node.path("architecture").asString(""),
                strings(config.path("Entrypoint")),
                strings(config.path("Cmd")),
                strings(config.path("Env")),
                config.path("WorkingDir").asString(""),
                config.path("User").asString(""),
                diffIds);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : array) out.add(s.asString(""));
        return out;
    }
}
