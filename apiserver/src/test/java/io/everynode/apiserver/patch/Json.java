package io.everynode.apiserver.patch;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Test helper: JSON from text, with single quotes allowed in place of double quotes. */
final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {}

    static JsonNode json(String text) {
        return MAPPER.readTree(text.replace('\'', '"'));
    }

    static JsonMapper mapper() {
        return MAPPER;
    }
}
