package io.everynode.api.selector;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** TEMPORARY minimal field selector; replaced by the full implementation from the apirules branch. */
public final class FieldSelector {
    private record Req(String field, boolean equal, String value) {}

    private final List<Req> reqs;

    private FieldSelector(List<Req> reqs) {
        this.reqs = reqs;
    }

    public static FieldSelector parse(String s) {
        List<Req> out = new ArrayList<>();
        if (s == null || s.isBlank()) return new FieldSelector(out);
        for (String term : s.split(",")) {
            if (term.contains("!=")) {
                String[] kv = term.split("!=", 2);
                out.add(new Req(kv[0].trim(), false, kv[1].trim()));
            } else {
                String[] kv = term.split("==?", 2);
                if (kv.length != 2) throw new IllegalArgumentException("invalid selector: '" + s + "'; can't understand '" + term + "'");
                out.add(new Req(kv[0].trim(), true, kv[1].trim()));
            }
        }
        return new FieldSelector(out);
    }

    public Set<String> fields() {
        Set<String> f = new LinkedHashSet<>();
        for (Req r : reqs) f.add(r.field);
        return f;
    }

    public boolean matches(Map<String, String> values) {
        for (Req r : reqs) {
            String v = values.getOrDefault(r.field, "");
            if (r.equal != v.equals(r.value)) return false;
        }
        return true;
    }
}
