package io.everynode.apiserver.patch;

import java.util.ArrayList;
import java.util.List;

/**
 * A JSON Pointer (RFC 6901) as JSON patch paths use it: {@code ""} is the whole document,
 * every other pointer starts with {@code /}; {@code ~1} stands for {@code /} and {@code ~0}
 * for {@code ~} inside a token. {@link #text()} keeps the original spelling for messages.
 */
record Pointer(String text, List<String> tokens) {

    Pointer {
        tokens = List.copyOf(tokens);
    }

    static Pointer parse(String text) {
        if (text.isEmpty()) {
            return new Pointer(text, List.of());
        }
        if (text.charAt(0) != '/') {
            throw PatchException.malformed("invalid JSON pointer \"%s\": it must be empty or start with \"/\"", text);
        }
        List<String> tokens = new ArrayList<>();
        for (String raw : text.substring(1).split("/", -1)) {
            tokens.add(unescape(raw, text));
        }
        return new Pointer(text, tokens);
    }

    private static String unescape(String raw, String text) {
        if (raw.indexOf('~') < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '~') {
                out.append(c);
                continue;
            }
            char next = i + 1 < raw.length() ? raw.charAt(i + 1) : '\0';
            if (next == '0') {
                out.append('~');
            } else if (next == '1') {
                out.append('/');
            } else {
                throw PatchException.malformed("invalid JSON pointer \"%s\": \"~\" must be followed by 0 or 1", text);
            }
            i++;
        }
        return out.toString();
    }

    boolean isRoot() {
        return tokens.isEmpty();
    }

    /** The pointer to the container holding this location; only for non-root pointers. */
    Pointer parent() {
        String parentText = text.substring(0, text.lastIndexOf('/'));
        return new Pointer(parentText, tokens.subList(0, tokens.size() - 1));
    }

    String lastToken() {
        return tokens.get(tokens.size() - 1);
    }

    /** True when {@code other} lies strictly inside this location. */
    boolean isProperPrefixOf(Pointer other) {
        return other.tokens.size() > tokens.size()
                && other.tokens.subList(0, tokens.size()).equals(tokens);
    }

    @Override
    public String toString() {
        return text.isEmpty() ? "/" : text;
    }
}
