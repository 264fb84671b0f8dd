package io.everynode.apiserver.crd;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSONPath subset printer columns and the scale subresource use: fields ({@code .spec.x},
 * {@code ['a.b']}), indexes ({@code [0]}), all items ({@code [*]}) and a filter on one field
 * ({@code [?(@.type=="Ready")]}), optionally wrapped in {@code {…}}. Immutable.
 */
final class JsonPathLite {
    private interface Step {}

    private record Field(String name) implements Step {}

    private record Index(int index) implements Step {}

    private record All() implements Step {}

    private record Filter(List<String> field, String value) implements Step {}

    private final String text;
    private final List<Step> steps;

    private JsonPathLite(String text, List<Step> steps) {
        this.text = text;
        this.steps = steps;
    }

    /** @throws IllegalArgumentException when the path is outside the subset */
    static JsonPathLite parse(String path) {
        String p = path.trim();
        if (p.startsWith("{") && p.endsWith("}"))
            p = p.substring(1, p.length() - 1).trim();
        if (!p.startsWith(".") && !p.startsWith("[")) throw new IllegalArgumentException("must start with . or [");
        List<Step> steps = new ArrayList<>();
        int i = 0;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < p.length() && p.charAt(end) != '.' && p.charAt(end) != '[') end++;
                String name = p.substring(i + 1, end);
                if (name.isEmpty()) throw new IllegalArgumentException("empty field name");
                steps.add(new Field(name));
                i = end;
            } else if (c == '[') {
                int end = p.indexOf(']', i);
                if (end < 0) throw new IllegalArgumentException("unclosed [");
                String inner = p.substring(i + 1, end).trim();
                if (inner.startsWith("?(")) {
                    end = p.indexOf(")]", i);
                    if (end < 0) throw new IllegalArgumentException("unclosed filter");
                    steps.add(filter(p.substring(i + 3, end).trim()));
                    i = end + 2;
                    continue;
                }
                steps.add(bracket(inner));
                i = end + 1;
            } else {
                throw new IllegalArgumentException("unexpected '" + c + "'");
            }
        }
        return new JsonPathLite(path, List.copyOf(steps));
    }

    private static Step bracket(String inner) {
        if (inner.equals("*")) return new All();
        if ((inner.startsWith("'") && inner.endsWith("'")) || (inner.startsWith("\"") && inner.endsWith("\"")))
            return new Field(inner.substring(1, inner.length() - 1));
        try {
            return new Index(Integer.parseInt(inner));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unsupported index [" + inner + "]");
        }
    }

    private static Step filter(String expr) {
        int eq = expr.indexOf("==");
        if (!expr.startsWith("@.") || eq < 0) throw new IllegalArgumentException("unsupported filter " + expr);
        List<String> field = List.of(expr.substring(2, eq).trim().split("\\."));
        String value = expr.substring(eq + 2).trim();
        if (value.length() >= 2
                && ((value.startsWith("\"") && value.endsWith("\"")) || (value.startsWith("'") && value.endsWith("'"))))
            value = value.substring(1, value.length() - 1);
        return new Filter(field, value);
    }

    /** The values the path selects, in document order (empty when nothing matches). */
    List<JsonNode> find(JsonNode root) {
        List<JsonNode> current = List.of(root);
        for (Step s : steps) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode n : current) {
                if (s instanceof Field f) {
                    if (n.has(f.name())) next.add(n.get(f.name()));
                } else if (s instanceof Index x) {
                    int idx = x.index() < 0 ? n.size() + x.index() : x.index();
                    if (n.isArray() && idx >= 0 && idx < n.size()) next.add(n.get(idx));
                } else if (s instanceof All) {
                    n.forEach(next::add);
                } else if (s instanceof Filter f) {
                    for (JsonNode item : n) {
                        JsonNode v = item;
                        for (String part : f.field()) v = v.path(part);
                        if (!v.isMissingNode() && (v.isString() ? v.asString() : v.toString()).equals(f.value()))
                            next.add(item);
                    }
                }
            }
            current = next;
        }
        return current;
    }

    /** Sets the value at a path of plain fields, creating objects on the way. */
    void set(ObjectNode root, JsonNode value) {
        ObjectNode at = root;
        for (int i = 0; i < steps.size(); i++) {
            if (!(steps.get(i) instanceof Field f)) throw new IllegalStateException("not a field path: " + text);
            if (i == steps.size() - 1) at.set(f.name(), value);
            else {
                JsonNode child = at.get(f.name());
                at = child instanceof ObjectNode o ? o : at.putObject(f.name());
            }
        }
    }

    /** Whether every step is a plain field (as the scale subresource's paths must be). */
    boolean fieldsOnly() {
        return steps.stream().allMatch(s -> s instanceof Field);
    }

    /** The first field's name, e.g. "spec" for {@code .spec.replicas}. */
    String head() {
        return steps.isEmpty() || !(steps.get(0) instanceof Field f) ? "" : f.name();
    }

    @Override
    public String toString() {
        return text;
    }
}
