package io.everynode.apiserver.patch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The strategic merge algorithm. Every method takes an {@code own} value that it may change in
 * place: the caller hands it a private deep copy of the target (or null when the field is
 * absent), never a node the caller's caller still holds. Patch nodes are only read; whatever
 * goes from the patch into the result is copied or rebuilt, so no directive leaks through.
 *
 * <p>A value merged into an absent target is "cleaned" by the same code (merge into null): its
 * nulls vanish and its directives apply, as RFC 7386 does for a new object.
 */
final class StrategicMerger {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StrategicMerger() {}

    /**
     * Merges {@code patch} into {@code own}. Returns the merged map, or null when the patch says
     * {@code $patch: delete} and the map is to disappear.
     */
    static ObjectNode mergeMap(ObjectNode own, ObjectNode patch, TypeSchema schema, String where) {
        Directives directives = Directives.of(patch, where);
        if (Directives.DELETE.equals(directives.patch())) {
            return null;
        }
        ObjectNode result = own == null || Directives.REPLACE.equals(directives.patch()) ? NODES.objectNode() : own;
        directives.primitiveDeletions().forEach((name, values) -> deleteValues(result, name, values));
        for (Map.Entry<String, JsonNode> member : directives.fields().entrySet()) {
            String name = member.getKey();
            JsonNode value = member.getValue();
            if (value.isNull()) {
                result.remove(name);
                continue;
            }
            JsonNode merged = mergeValue(result.get(name), value, schema.field(name), where + "/" + name);
            if (merged == null) {
                result.remove(name);
            } else {
                result.set(name, merged);
            }
        }
        directives.elementOrders().forEach((name, order) -> reorder(result, name, order, schema.field(name)));
        if (directives.retainKeys() != null) {
            retainKeys(result, directives, where);
        }
        return result;
    }

    private static JsonNode mergeValue(JsonNode own, JsonNode patch, FieldSchema field, String where) {
        if (patch.isObject()) {
            return mergeMap(
                    own != null && own.isObject() ? (ObjectNode) own : null, (ObjectNode) patch, field.type(), where);
        }
        if (patch.isArray()) {
            return mergeList(own != null && own.isArray() ? (ArrayNode) own : null, (ArrayNode) patch, field, where);
        }
        return patch.deepCopy();
    }

    private static ArrayNode mergeList(ArrayNode own, ArrayNode patch, FieldSchema field, String where) {
        if (containsReplaceDirective(patch, where)) {
            // "$patch: replace" as an element: the rest of the patch list is the new list, and any
            // further $patch in it is ignored (design notes, "List of Maps").
            return atomicList(patch, field, where, true);
        }
        return switch (field.strategy()) {
            case ATOMIC -> atomicList(patch, field, where, false);
            case MERGE_SET -> mergeSet(own, patch);
            case MERGE_BY_KEY -> mergeByKey(own, patch, field, where);
        };
    }

    private static boolean containsReplaceDirective(ArrayNode patch, String where) {
        for (JsonNode element : patch.values()) {
            if (Directives.REPLACE.equals(Directives.patchOf(element, where))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The patch list itself, cleaned: map elements lose their nulls and directives. When
     * {@code skipDirectiveElements}, elements carrying {@code $patch} are dropped.
     */
    private static ArrayNode atomicList(
            ArrayNode patch, FieldSchema field, String where, boolean skipDirectiveElements) {
        ArrayNode result = NODES.arrayNode();
        int index = 0;
        for (JsonNode element : patch.values()) {
            String at = where + "/" + index++;
            if (skipDirectiveElements && element.isObject() && element.has(Directives.PATCH)) {
                continue;
            }
            if (element.isObject()) {
                ObjectNode cleaned = mergeMap(null, (ObjectNode) element, field.type(), at);
                if (cleaned != null) {
                    result.add(cleaned);
                }
            } else if (element.isArray()) {
                result.add(atomicList((ArrayNode) element, FieldSchema.PLAIN, at, false));
            } else {
                result.add(element.deepCopy());
            }
        }
        return result;
    }

    /** Set union: the object's values in their order (duplicates dropped), then the new ones. */
    private static ArrayNode mergeSet(ArrayNode own, ArrayNode patch) {
        ArrayNode result = NODES.arrayNode();
        if (own != null) {
            own.values().forEach(value -> addIfAbsent(result, value));
        }
        patch.values().forEach(value -> addIfAbsent(result, value.deepCopy()));
        return result;
    }

    private static void addIfAbsent(ArrayNode list, JsonNode value) {
        if (indexOf(list.values(), value) < 0) {
            list.add(value);
        }
    }

    /**
     * Keyed merge: a patch element whose key matches merges into every matching element (or
     * deletes them with {@code $patch: delete}); an unmatched one is appended.
     */
    private static ArrayNode mergeByKey(ArrayNode own, ArrayNode patch, FieldSchema field, String where) {
        String key = field.mergeKey();
        List<JsonNode> elements = new ArrayList<>();
        if (own != null) {
            own.values().forEach(elements::add);
        }
        int index = 0;
        for (JsonNode element : patch.values()) {
            String at = where + "/" + index++;
            if (!element.isObject()) {
                throw PatchException.malformed(
                        "%s: a list merged by \"%s\" must contain objects, found %s", at, key, element);
            }
            ObjectNode patchElement = (ObjectNode) element;
            JsonNode keyValue = patchElement.get(key);
            if (keyValue == null || keyValue.isNull()) {
                throw PatchException.malformed("%s: element %s has no merge key \"%s\"", at, element, key);
            }
            String directive = Directives.patchOf(patchElement, at);
            boolean matched = false;
            for (int i = 0; i < elements.size(); i++) {
                JsonNode candidate = elements.get(i);
                if (candidate == null || !candidate.isObject() || !JsonEquality.equal(candidate.get(key), keyValue)) {
                    continue;
                }
                matched = true;
                elements.set(
                        i,
                        Directives.DELETE.equals(directive)
                                ? null
                                : mergeMap((ObjectNode) candidate, patchElement, field.type(), at));
            }
            if (!matched && !Directives.DELETE.equals(directive)) {
                elements.add(mergeMap(null, patchElement, field.type(), at));
            }
        }
        ArrayNode result = NODES.arrayNode();
        elements.stream().filter(e -> e != null).forEach(result::add);
        return result;
    }

    /** {@code $deleteFromPrimitiveList/<name>}: drop every occurrence of the listed values. */
    private static void deleteValues(ObjectNode map, String name, JsonNode values) {
        JsonNode list = map.get(name);
        if (list == null || !list.isArray()) {
            return;
        }
        ArrayNode kept = NODES.arrayNode();
        for (JsonNode value : list.values()) {
            if (indexOf(values.values(), value) < 0) {
                kept.add(value);
            }
        }
        map.set(name, kept);
    }

    /**
     * {@code $setElementOrder/<name>}: the elements named in {@code order} take, in that order,
     * the positions those elements already hold; unnamed elements (added by someone else) stay
     * where they are. Atomic lists are left alone: their order is the patch's.
     */
    private static void reorder(ObjectNode map, String name, JsonNode order, FieldSchema field) {
        JsonNode list = map.get(name);
        if (list == null || !list.isArray() || field.strategy() == ListStrategy.ATOMIC) {
            return;
        }
        List<JsonNode> orderKeys = new ArrayList<>();
        for (JsonNode entry : order.values()) {
            orderKeys.add(field.mergeKey() == null ? entry : entry.get(field.mergeKey()));
        }
        List<Integer> slots = new ArrayList<>();
        List<JsonNode> listed = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode element = list.get(i);
            JsonNode elementKey = field.mergeKey() == null ? element : element.get(field.mergeKey());
            if (elementKey != null && indexOf(orderKeys, elementKey) >= 0) {
                slots.add(i);
                listed.add(element);
            }
        }
        listed.sort(Comparator.comparingInt(
                element -> indexOf(orderKeys, field.mergeKey() == null ? element : element.get(field.mergeKey()))));
        ArrayNode result = (ArrayNode) list;
        for (int i = 0; i < slots.size(); i++) {
            result.set(slots.get(i), listed.get(i));
        }
    }

    /**
     * {@code $retainKeys}: after merging, keep only the listed fields. Upstream refuses a patch
     * that sets a field the list leaves out, with 422; so do we.
     */
    private static void retainKeys(ObjectNode result, Directives directives, String where) {
        Set<String> retained = new HashSet<>();
        for (JsonNode key : directives.retainKeys().values()) {
            if (!key.isString()) {
                throw PatchException.malformed("$retainKeys at %s must list field names, found %s", place(where), key);
            }
            retained.add(key.stringValue());
        }
        directives.fields().forEach((name, value) -> {
            if (!value.isNull() && !retained.contains(name)) {
                throw PatchException.notApplicable(
                        "%s: the patch sets \"%s\" but $retainKeys %s does not list it",
                        place(where), name, directives.retainKeys());
            }
        });
        List<String> dropped = new ArrayList<>();
        result.propertyNames().forEach(name -> {
            if (!retained.contains(name)) {
                dropped.add(name);
            }
        });
        result.remove(dropped);
    }

    /** A location for messages: the path of field names and list indexes, "/" for the root. */
    static String place(String where) {
        return where.isEmpty() ? "/" : where;
    }

    private static int indexOf(Iterable<JsonNode> values, JsonNode value) {
        int i = 0;
        for (JsonNode candidate : values) {
            if (JsonEquality.equal(candidate, value)) {
                return i;
            }
            i++;
        }
        return -1;
    }
}
