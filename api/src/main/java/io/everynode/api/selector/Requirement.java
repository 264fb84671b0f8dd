package io.everynode.api.selector;

import java.util.List;
import java.util.Map;

/**
 * One clause of a label selector. {@code values} is sorted and de-duplicated (upstream keeps a
 * string set), which also fixes the printed order.
 */
record Requirement(String key, Operator op, List<String> values) {

    boolean matches(Map<String, String> labels) {
        boolean has = labels.containsKey(key);
        String v = labels.get(key);
        return switch (op) {
            case EQUALS, DOUBLE_EQUALS, IN -> has && values.contains(v);
            case NOT_EQUALS, NOT_IN -> !has || !values.contains(v);
            case EXISTS -> has;
            case DOES_NOT_EXIST -> !has;
            case GREATER_THAN, LESS_THAN -> has && compare(v);
        };
    }

    private boolean compare(String labelValue) {
        try {
            long have = Long.parseLong(labelValue);
            long want = Long.parseLong(values.get(0));
            return op == Operator.GREATER_THAN ? have > want : have < want;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return switch (op) {
            case EXISTS -> key;
            case DOES_NOT_EXIST -> "!" + key;
            case IN, NOT_IN -> key + op.printed + "(" + String.join(",", values) + ")";
            default -> key + op.printed + values.get(0);
        };
    }
}
