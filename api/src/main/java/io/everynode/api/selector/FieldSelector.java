package io.everynode.api.selector;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A field selector ({@code ?fieldSelector=}): comma-separated terms {@code f=v}, {@code f==v} or
 * {@code f!=v}, ANDed. Values may be empty ({@code involvedObject.namespace=}) and may escape
 * {@code \,} {@code \=} {@code \\}. A field missing from the value map reads as "" (upstream
 * {@code fields.Set.Get}). Which fields a resource supports is the server's business: it checks
 * {@link #fields()} and answers 400 for others. Immutable.
 */
public final class FieldSelector {
    private record Term(String field, boolean equal, String value) {
        @Override
        public String toString() {
            return field + (equal ? "=" : "!=") + value;
        }
    }

    private final List<Term> terms;

    private FieldSelector(List<Term> terms) {
        this.terms = terms;
    }

    /**
     * Parses the selector; blank input selects everything.
     *
     * @throws IllegalArgumentException for a term with no operator or an empty field name
     */
    public static FieldSelector parse(String text) {
        List<Term> terms = new ArrayList<>();
        if (text != null && !text.isBlank()) {
            for (String raw : splitUnescaped(text)) {
                terms.add(term(raw.trim(), text));
            }
        }
        return new FieldSelector(List.copyOf(terms));
    }

    private static Term term(String raw, String whole) {
        // Same operator precedence as upstream: '!=' then '==' then '='.
        for (String op : new String[] {"!=", "==", "="}) {
            int at = indexOfUnescaped(raw, op);
            if (at >= 0) {
                String field = raw.substring(0, at).trim();
                if (field.isEmpty()) {
                    break;
                }
                return new Term(
                        field,
                        !op.equals("!="),
                        unescape(raw.substring(at + op.length()).trim()));
            }
        }
        throw new IllegalArgumentException("invalid selector: '" + whole + "'; can't understand '" + raw + "'");
    }

    private static List<String> splitUnescaped(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                cur.append(c).append(text.charAt(++i));
            } else if (c == ',') {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        parts.add(cur.toString());
        return parts;
    }

    private static int indexOfUnescaped(String s, String op) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\\') {
                i++;
            } else if (s.startsWith(op, i)) {
                return i;
            }
        }
        return -1;
    }

    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                c = s.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** The field names the selector mentions, in order of first appearance. */
    public Set<String> fields() {
        return terms.stream().map(Term::field).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    public boolean isEmpty() {
        return terms.isEmpty();
    }

    /**
     * The value the selector requires of {@code field} through an equality term (e.g. the name in
     * {@code metadata.name=x}), or null. Lets the server narrow a watch to one object.
     */
    public String requiredValue(String field) {
        for (Term t : terms) {
            if (t.equal() && t.field().equals(field)) {
                return t.value();
            }
        }
        return null;
    }

    public boolean matches(Map<String, String> fieldValues) {
        for (Term t : terms) {
            String have = fieldValues.get(t.field());
            if (have == null) {
                have = "";
            }
            if (have.equals(t.value()) != t.equal()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return terms.stream().map(Term::toString).collect(Collectors.joining(","));
    }
}
