package io.everynode.api.selector;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A label selector: a conjunction of requirements on a label map.
 *
 * <p>Two ways in: {@link #parse} for the string form kubectl sends ({@code ?labelSelector=}) and
 * {@link #from} for a {@code spec.selector} object. Contract of {@link #from}, as upstream's
 * {@code LabelSelectorAsSelector}: a {@code null} selector matches <b>nothing</b>; an empty one
 * ({@code {}}) matches <b>everything</b> (R6.2 relies on this: a nil DaemonSet selector never
 * matches the template labels). Immutable and thread-safe.
 */
public final class Selector {
    private static final Selector NOTHING = new Selector(List.of(), true);
    private static final Selector EVERYTHING = new Selector(List.of(), false);

    private final List<Requirement> requirements;
    private final boolean nothing;

    private Selector(List<Requirement> requirements, boolean nothing) {
        this.requirements = requirements;
        this.nothing = nothing;
    }

    /** The selector that matches every label set. */
    public static Selector everything() {
        return EVERYTHING;
    }

    /** The selector that matches no label set (what a null spec.selector means). */
    public static Selector nothing() {
        return NOTHING;
    }

    /**
     * Parses kubectl's string syntax: {@code a=b}, {@code a==b}, {@code a!=b}, {@code a in (x,y)},
     * {@code a notin (x)}, {@code a}, {@code !a}, {@code a>1}, {@code a<1}; comma means AND;
     * spaces are tolerated. Blank input is the everything selector.
     *
     * @throws IllegalArgumentException naming the offending text when the syntax or a key/value
     *     is invalid
     */
    public static Selector parse(String text) {
        if (text == null || text.isBlank()) {
            return EVERYTHING;
        }
        return of(new SelectorParser(text).parse());
    }

    /**
     * Converts an API label selector. matchLabels become equality requirements; matchExpressions
     * accept In, NotIn, Exists and DoesNotExist.
     *
     * @throws IllegalArgumentException for an unknown operator or bad keys/values
     */
    public static Selector from(LabelSelector selector) {
        if (selector == null) {
            return NOTHING;
        }
        List<Requirement> reqs = new ArrayList<>();
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
                reqs.add(requirement(e.getKey(), Operator.EQUALS, List.of(e.getValue() == null ? "" : e.getValue())));
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement expr : selector.getMatchExpressions()) {
                Operator op = switch (String.valueOf(expr.getOperator())) {
                    case "In" -> Operator.IN;
                    case "NotIn" -> Operator.NOT_IN;
                    case "Exists" -> Operator.EXISTS;
                    case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
                    default ->
                        throw new IllegalArgumentException(
                                "\"" + expr.getOperator() + "\" is not a valid label selector operator");
                };
                List<String> values = expr.getValues() == null ? List.of() : expr.getValues();
                reqs.add(requirement(expr.getKey() == null ? "" : expr.getKey(), op, values));
            }
        }
        return of(reqs);
    }

    /**
     * Builds and checks one requirement with upstream's rules (NewRequirement): key must be a
     * qualified name, value counts must fit the operator, values must be label values.
     */
    static Requirement requirement(String key, Operator op, List<String> values) {
        List<String> keyErrs = LabelSyntax.qualifiedName(key);
        if (!keyErrs.isEmpty()) {
            throw new IllegalArgumentException("invalid label key \"" + key + "\": " + String.join("; ", keyErrs));
        }
        switch (op) {
            case IN, NOT_IN -> {
                if (values.isEmpty()) {
                    throw new IllegalArgumentException("for 'in', 'notin' operators, values set can't be empty");
                }
            }
            case EQUALS, DOUBLE_EQUALS, NOT_EQUALS -> {
                if (values.size() != 1) {
                    throw new IllegalArgumentException("exact-match compatibility requires one single value");
                }
            }
            case EXISTS, DOES_NOT_EXIST -> {
                if (!values.isEmpty()) {
                    throw new IllegalArgumentException("values set must be empty for exists and does not exist");
                }
            }
            case GREATER_THAN, LESS_THAN -> {
                if (values.size() != 1) {
                    throw new IllegalArgumentException("for 'Gt', 'Lt' operators, exactly one value is required");
                }
                try {
                    Long.parseLong(values.get(0));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("for 'Gt', 'Lt' operators, the value must be an integer");
                }
            }
        }
        for (String v : values) {
            List<String> valueErrs = LabelSyntax.labelValue(v);
            if (!valueErrs.isEmpty()) {
                throw new IllegalArgumentException(
                        "invalid label value: \"" + v + "\": at key: \"" + key + "\": " + String.join("; ", valueErrs));
            }
        }
        return new Requirement(key, op, List.copyOf(new TreeSet<>(values)));
    }

    private static Selector of(List<Requirement> reqs) {
        if (reqs.isEmpty()) {
            return EVERYTHING;
        }
        List<Requirement> sorted = new ArrayList<>(reqs);
        // Upstream sorts requirements by key (stable), which fixes the printed order.
        sorted.sort(Comparator.comparing(Requirement::key));
        return new Selector(List.copyOf(sorted), false);
    }

    /** True iff every requirement holds for {@code labels} (a null map is treated as empty). */
    public boolean matches(Map<String, String> labels) {
        if (nothing) {
            return false;
        }
        Map<String, String> l = labels == null ? Map.of() : labels;
        for (Requirement r : requirements) {
            if (!r.matches(l)) {
                return false;
            }
        }
        return true;
    }

    /** True for the everything selector (no requirements); false for the nothing selector. */
    public boolean isEmpty() {
        return !nothing && requirements.isEmpty();
    }

    /**
     * kubectl's printed form, requirements sorted by key and joined by ',': e.g.
     * {@code app=fluent-bit}, {@code tier in (a,b)}, {@code !gpu}. Empty string for the
     * everything and nothing selectors (tables print {@code <none>} for it).
     */
    @Override
    public String toString() {
        return requirements.stream().map(Requirement::toString).collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Selector s && s.nothing == nothing && s.requirements.equals(requirements);
    }

    @Override
    public int hashCode() {
        return requirements.hashCode() * 31 + (nothing ? 1 : 0);
    }
}
