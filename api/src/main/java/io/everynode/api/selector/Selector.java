package io.everynode.api.selector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** TEMPORARY minimal label selector; replaced by the full implementation from the apirules branch. */
public final class Selector {
    private record Req(String key, String op, Set<String> values) {}

    private final List<Req> reqs;

    private Selector(List<Req> reqs) {
        this.reqs = reqs;
    }

    public static Selector parse(String s) {
        List<Req> out = new ArrayList<>();
        if (s == null || s.isBlank()) return new Selector(out);
        for (String term : s.split(",")) {
            term = term.trim();
            if (term.contains("!=")) {
                String[] kv = term.split("!=", 2);
                out.add(new Req(kv[0].trim(), "!=", Set.of(kv[1].trim())));
            } else if (term.contains("=")) {
                String[] kv = term.split("==?", 2);
                out.add(new Req(kv[0].trim(), "=", Set.of(kv[1].trim())));
            } else if (term.startsWith("!")) {
                out.add(new Req(term.substring(1), "!", Set.of()));
            } else {
                out.add(new Req(term, "exists", Set.of()));
            }
        }
        return new Selector(out);
    }

    public boolean matches(Map<String, String> labels) {
        for (Req r : reqs) {
            String v = labels.get(r.key);
            boolean ok = switch (r.op) {
                case "=" -> v != null && r.values.contains(v);
                case "!=" -> v == null || !r.values.contains(v);
                case "!" -> v == null;
                default -> v != null;
            };
            if (!ok) return false;
        }
        return true;
    }

    public boolean isEmpty() {
        return reqs.isEmpty();
    }
}
