package io.everynode.testkit.images;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Just enough JSON writing for manifests and configs (testkit has no JSON library). */
final class Json {
    private Json() {}

    static String str(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }

    static String array(List<String> values) {
        return values.stream().map(Json::str).collect(Collectors.joining(",", "[", "]"));
    }

    static String descriptor(String mediaType, String digest, long size, Map<String, String> extra) {
        StringBuilder b = new StringBuilder(
                "{\"mediaType\":" + str(mediaType) + ",\"digest\":" + str(digest) + ",\"size\":" + size);
        extra.forEach((k, v) -> b.append(',').append(str(k)).append(':').append(v));
        return b.append('}').toString();
    }
}
