package io.everynode.apiserver.patch;

import java.util.Iterator;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * JSON value equality as RFC 6902 §4.6 defines it: numbers compare by numeric value (so
 * {@code 1}, {@code 1.0} and a long 1 are equal), objects ignore member order, arrays compare
 * element by element. Jackson's own {@code equals} distinguishes {@code IntNode} from
 * {@code LongNode}, which would make a merge key like {@code containerPort} miss.
 */
final class JsonEquality {

    private JsonEquality() {}

    static boolean equal(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> e : a.properties()) {
                if (!equal(e.getValue(), b.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            Iterator<JsonNode> ia = a.values().iterator();
            Iterator<JsonNode> ib = b.values().iterator();
            while (ia.hasNext()) {
                if (!equal(ia.next(), ib.next())) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }
}
