package io.everynode.api.rollout;

import io.everynode.api.json.Json;
import io.everynode.api.selector.Selector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * E5.1: the stages of a staged rollout ({@link AdvancedRollout#STAGES}), parsed. {@link #parse}
 * is the one reading: validation (E5.6) reports its first error with the path inside the value,
 * and the controller reads only values that parse (an unreadable one found in the store counts as
 * no stages, the rollout then being unstaged as upstream's).
 */
public final class Stages {
    /** More stages than anyone orders; bounds the work of one sync. */
    public static final int MAX_STAGES = 20;

    private static final Pattern NAME = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
    private static final Pattern COUNT = Pattern.compile("^[0-9]{1,7}%?$");
    private static final Set<String> FIELDS = Set.of("name", "selector", "maxNodes", "soakSeconds");

    /**
     * One stage. {@code selector} is every node when the stage names none; {@code maxNodes} empty
     * when unbounded, else a whole number or a percentage ({@code "10%"}) of the desired nodes, a
     * cap on the nodes of this stage and all earlier ones together.
     */
    public record Stage(String name, Selector selector, Optional<String> maxNodes, int soakSeconds) {
        /** E5.2: the cap over {@code desired} nodes, percentages rounded up; empty when unbounded. */
        public Optional<Integer> cap(int desired) {
            return maxNodes.map(m -> m.endsWith("%")
                    ? (int) ((Long.parseLong(m.substring(0, m.length() - 1)) * desired + 99) / 100)
                    : Integer.parseInt(m));
        }
    }

    /** Thrown by {@link #parse}: {@code path} is inside the value, e.g. {@code [1].soakSeconds}. */
    public static final class Invalid extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        private final String path;

        Invalid(String path, String message) {
            super(message);
            this.path = path;
        }

        public String path() {
            return path;
        }
    }

    private Stages() {}

    /** The stages the annotations set; empty when absent or unreadable (not a staged rollout). */
    public static List<Stage> of(ObjectMeta meta) {
        String value = RolloutGuard.annotation(meta, AdvancedRollout.STAGES);
        if (value == null) {
            return List.of();
        }
        try {
            return parse(value);
        } catch (Invalid e) {
            return List.of();
        }
    }

    /**
     * @throws Invalid naming where in the value and what is wrong
     */
    public static List<Stage> parse(String value) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(value);
        } catch (JacksonException e) {
            throw new Invalid("", "must be a JSON list of stages: " + e.getOriginalMessage());
        }
        if (root == null || !root.isArray() || root.isEmpty()) {
            throw new Invalid("", "must be a non-empty JSON list of stages");
        }
        if (root.size() > MAX_STAGES) {
            throw new Invalid("", "must have at most " + MAX_STAGES + " stages");
        }
        List<Stage> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < root.size(); i++) {
            String at = "[" + i + "]";
            JsonNode s = root.get(i);
            if (!s.isObject()) {
                throw new Invalid(at, "must be an object with name, selector, maxNodes, soakSeconds");
            }
            for (String field : s.propertyNames()) {
                if (!FIELDS.contains(field)) {
                    throw new Invalid(at + "." + field, "unknown field; known: name, selector, maxNodes, soakSeconds");
                }
            }
            String name = text(s, "name", at);
            if (name == null) {
                throw new Invalid(at + ".name", "required");
            }
            if (name.length() > 63 || !NAME.matcher(name).matches()) {
                throw new Invalid(at + ".name", "must be a DNS label (lower-case letters, digits, '-')");
            }
            if (!names.add(name)) {
                throw new Invalid(at + ".name", "duplicate stage name \"" + name + "\"");
            }
            String selectorText = text(s, "selector", at);
            Selector selector;
            try {
                selector = Selector.parse(selectorText);
            } catch (IllegalArgumentException e) {
                throw new Invalid(at + ".selector", e.getMessage());
            }
            String maxNodes = maxNodes(s, at);
            out.add(new Stage(name, selector, Optional.ofNullable(maxNodes), soak(s, at)));
        }
        return List.copyOf(out);
    }

    /** The stage's index by name, or -1. */
    public static int indexOf(List<Stage> stages, String name) {
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String text(JsonNode s, String field, String at) {
        JsonNode v = s.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            throw new Invalid(at + "." + field, "must be a string");
        }
        return v.stringValue();
    }

    private static String maxNodes(JsonNode s, String at) {
        JsonNode v = s.get("maxNodes");
        if (v == null || v.isNull()) {
            return null;
        }
        String text = v.isIntegralNumber() ? v.asString() : v.isString() ? v.stringValue() : null;
        if (text == null || !COUNT.matcher(text).matches()) {
            throw new Invalid(at + ".maxNodes", "must be a whole number or a percentage such as \"10%\"");
        }
        if (text.endsWith("%") && Integer.parseInt(text.substring(0, text.length() - 1)) > 100) {
            throw new Invalid(at + ".maxNodes", "a percentage may not exceed 100%");
        }
        if (text.equals("0") || text.equals("0%")) {
            throw new Invalid(at + ".maxNodes", "must be at least 1 node");
        }
        return text;
    }

    private static int soak(JsonNode s, String at) {
        JsonNode v = s.get("soakSeconds");
        if (v == null || v.isNull()) {
            return 0;
        }
        if (!v.isIntegralNumber()
                || !v.canConvertToInt()
                || v.intValue() < 0
                || v.intValue() > ProgressDeadline.MAX_SECONDS) {
            throw new Invalid(
                    at + ".soakSeconds", "must be a whole number of seconds from 0 to " + ProgressDeadline.MAX_SECONDS);
        }
        return v.intValue();
    }

    /** For messages: {@code name (k of n)}. */
    public static String label(List<Stage> stages, int index) {
        return "\"" + stages.get(index).name() + "\" (" + (index + 1) + " of " + stages.size() + ")";
    }
}
