package io.everynode.apiserver.rest;

import io.everynode.apiserver.errors.Statuses;
import io.everynode.apiserver.protobuf.ProtoCatalog;
import io.everynode.apiserver.protobuf.ProtobufDecoder;
import io.everynode.apiserver.protobuf.ProtobufException;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Request bodies in {@code application/vnd.kubernetes.protobuf}, as client-go's typed clients
 * send them for built-in kinds (kubectl's create generators, {@code kubectl debug}, drain's
 * DeleteOptions), turned into the JSON object the handlers work on (kubectl-contract.md §1.10).
 * A body of a kind or with fields this server has no descriptor for is a 415 naming JSON and YAML
 * (and what was not understood); a malformed one is a 400.
 */
final class ProtobufBodies {
    /** Immutable once built (descriptors only), so sharing it is no shared mutable state. */
    private static final ProtobufDecoder DECODER = new ProtobufDecoder(ProtoCatalog.kubernetes());

    private ProtobufBodies() {}

    static ObjectNode decode(byte[] body) {
        try {
            return DECODER.decode(body);
        } catch (ProtobufException e) {
            if (!e.unsupported()) throw Statuses.badRequest(e.getMessage());
            throw Statuses.failure(
                    415,
                    "UnsupportedMediaType",
                    e.getMessage() + " - accepted media types include: "
                            + String.join(", ", List.of("application/json", "application/yaml")),
                    null);
        }
    }
}
