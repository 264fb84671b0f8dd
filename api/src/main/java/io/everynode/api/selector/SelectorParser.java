package io.everynode.api.selector;

import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for the label-selector string syntax. Not thread-safe; one instance
 * per parse. Errors are IllegalArgumentExceptions that quote the whole input and the position.
 */
final class SelectorParser {
    private final String text;
    private int pos;

    SelectorParser(String text) {
        this.text = text;
    }

    List<Requirement> parse() {
        List<Requirement> reqs = new ArrayList<>();
        while (true) {
            reqs.add(requirement());
            skipSpaces();
            if (pos >= text.length()) {
                return reqs;
            }
            if (text.charAt(pos) != ',') {
                throw error("expected ',' or end of input");
            }
            pos++;
        }
    }

    private Requirement requirement() {
        skipSpaces();
        boolean negated = false;
        if (peek('!') && !peekAt(pos + 1, '=')) {
            negated = true;
            pos++;
            skipSpaces();
        }
        String key = identifier();
        if (key.isEmpty()) {
            throw error("expected a label key");
        }
        skipSpaces();
        if (pos >= text.length() || peek(',')) {
            Operator existence = negated ? Operator.DOES_NOT_EXIST : Operator.EXISTS;
            return wrap(() -> Selector.requirement(key, existence, List.of()));
        }
        if (negated) {
            throw error("'!' must be followed only by a key");
        }
        Operator op = operator();
        if (op == Operator.IN || op == Operator.NOT_IN) {
            List<String> values = valueSet();
            return wrap(() -> Selector.requirement(key, op, values));
        }
        skipSpaces();
        String value = identifier();
        return wrap(() -> Selector.requirement(key, op, List.of(value)));
    }

    private Operator operator() {
        if (text.startsWith("==", pos)) {
            pos += 2;
            return Operator.DOUBLE_EQUALS;
        }
        if (text.startsWith("!=", pos)) {
            pos += 2;
            return Operator.NOT_EQUALS;
        }
        if (peek('=')) {
            pos++;
            return Operator.EQUALS;
        }
        if (peek('>')) {
            pos++;
            return Operator.GREATER_THAN;
        }
        if (peek('<')) {
            pos++;
            return Operator.LESS_THAN;
        }
        int start = pos;
        String word = identifier();
        if (word.equals("in")) {
            return Operator.IN;
        }
        if (word.equals("notin")) {
            return Operator.NOT_IN;
        }
        pos = start;
        throw error("expected one of '=', '==', '!=', 'in', 'notin', '>', '<'");
    }

    private List<String> valueSet() {
        skipSpaces();
        if (!peek('(')) {
            throw error("expected '(' to open a value set");
        }
        pos++;
        List<String> values = new ArrayList<>();
        skipSpaces();
        if (peek(')')) {
            pos++;
            return values;
        }
        while (true) {
            skipSpaces();
            values.add(identifier());
            skipSpaces();
            if (peek(',')) {
                pos++;
            } else if (peek(')')) {
                pos++;
                return values;
            } else {
                throw error("expected ',' or ')' in a value set");
            }
        }
    }

    private String identifier() {
        int start = pos;
        while (pos < text.length() && !isSpecial(text.charAt(pos))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private static boolean isSpecial(char c) {
        return Character.isWhitespace(c) || "!=(),<>".indexOf(c) >= 0;
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean peek(char c) {
        return peekAt(pos, c);
    }

    private boolean peekAt(int at, char c) {
        return at < text.length() && text.charAt(at) == c;
    }

    private Requirement wrap(java.util.function.Supplier<Requirement> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid label selector \"" + text + "\": " + e.getMessage(), e);
        }
    }

    private IllegalArgumentException error(String expected) {
        return new IllegalArgumentException(
                "invalid label selector \"" + text + "\": " + expected + " at position " + pos);
    }
}
