package io.everynode.api.podsecurity;

import java.util.Collection;
import java.util.stream.Collectors;

/** How upstream's checks word their details: Go's {@code %q} quoting, lists and plurals. */
final class Words {
    private Words() {}

    static String pluralize(String singular, String plural, int count) {
        return count == 1 ? singular : plural;
    }

    /** {@code "a", "b"}: each value quoted, comma-separated. */
    static String joinQuote(Collection<String> values) {
        return values.stream().map(Words::quote).collect(Collectors.joining(", "));
    }

    /** A Go-quoted string ({@code %q}): backslash escapes for quotes, backslashes and control characters. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) b.append(String.format("\\x%02x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }

    /** {@code container "a"} or {@code containers "a", "b"}. */
    static String containers(Collection<String> names) {
        return pluralize("container", "containers", names.size()) + " " + joinQuote(names);
    }
}
