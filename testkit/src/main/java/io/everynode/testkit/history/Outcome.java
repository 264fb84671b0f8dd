package io.everynode.testkit.history;

import tools.jackson.databind.JsonNode;

/** How a recorded write ended. */
public sealed interface Outcome {

    String describe();

    /**
     * A 2xx answer: the write happened at {@code revision}; {@code object} is what came back. A
     * delete answered with a Status (as for ConfigMaps, upstream's way) tells no revision: 0.
     */
    record Acknowledged(long revision, JsonNode object) implements Outcome {
        @Override
        public String describe() {
            return revision > 0 ? "acknowledged at revision " + revision : "acknowledged";
        }
    }

    /**
     * An answer saying the write did not happen (a 4xx Status, or no connection was made): it must
     * not be seen anywhere.
     */
    record Failed(int code, String message) implements Outcome {
        @Override
        public String describe() {
            return "failed " + code + ": " + message;
        }
    }

    /**
     * No answer that tells (a connection cut mid-request, a timeout, a 5xx): the write may have
     * happened or not, but wholly or not at all.
     */
    record Unknown(String reason) implements Outcome {
        @Override
        public String describe() {
            return "outcome unknown: " + reason;
        }
    }
}
