package io.everynode.agent.cni;

import io.everynode.api.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.databind.JsonNode;

/** The golden files under src/test/resources/cni, parsed. */
final class Golden {
    private Golden() {}

    static JsonNode json(String name) {
        try (InputStream in = Golden.class.getResourceAsStream("/cni/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden file " + name);
            }
            return Json.parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
