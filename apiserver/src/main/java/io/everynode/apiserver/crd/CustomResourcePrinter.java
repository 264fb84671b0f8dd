package io.everynode.apiserver.crd;

import io.everynode.apiserver.table.HumanDuration;
import io.everynode.apiserver.table.RowPrinter;
import io.everynode.apiserver.table.TableColumn;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Table of a custom resource version, as upstream's CRD table convertor builds it: Name, then
 * the version's additionalPrinterColumns (or, when it has none, Age from creationTimestamp). A
 * cell is the path's first value as the column's type says (integer, number, boolean, string;
 * date as a human age such as {@code 5m}); a path that finds nothing gives a null cell, which
 * kubectl prints blank. Immutable.
 */
public final class CustomResourcePrinter implements RowPrinter<ObjectNode> {
    private static final String NAME_DOC = "Name must be unique within a namespace. Is required when creating"
            + " resources, although some resources may allow a client to request the generation of an appropriate"
            + " name automatically. Name is primarily intended for creation idempotence and configuration"
            + " definition. Cannot be updated. More info:"
            + " https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";
    private static final CustomVersion.PrinterColumn AGE = new CustomVersion.PrinterColumn(
            "Age",
            "date",
            "",
            "CreationTimestamp is a timestamp representing the server time when this object was created.",
            0,
            ".metadata.creationTimestamp");

    private final List<TableColumn> columns = new ArrayList<>();
    private final List<CustomVersion.PrinterColumn> specs;
    private final List<JsonPathLite> paths = new ArrayList<>();

    CustomResourcePrinter(List<CustomVersion.PrinterColumn> printerColumns) {
        this.specs = printerColumns.isEmpty() ? List.of(AGE) : List.copyOf(printerColumns);
        columns.add(new TableColumn("Name", "string", "name", NAME_DOC, 0));
        for (CustomVersion.PrinterColumn c : specs) {
            columns.add(new TableColumn(c.name(), c.type(), c.format(), c.description(), c.priority()));
            paths.add(JsonPathLite.parse(c.jsonPath()));
        }
    }

    @Override
    public List<TableColumn> columns() {
        return List.copyOf(columns);
    }

    @Override
    public Class<ObjectNode> objectType() {
        return ObjectNode.class;
    }

    @Override
    public List<Object> cells(ObjectNode object, Instant now) {
        List<Object> cells = new ArrayList<>();
        cells.add(object.path("metadata").path("name").asString(""));
        for (int i = 0; i < specs.size(); i++) {
            List<JsonNode> found = paths.get(i).find(object);
            cells.add(found.isEmpty() ? null : cell(specs.get(i).type(), found.get(0), now));
        }
        return cells;
    }

    private static Object cell(String type, JsonNode v, Instant now) {
        if (v.isNull()) return null;
        switch (type) {
            case "integer":
                return v.isNumber() ? (Object) v.asLong() : null;
            case "number":
                return v.isNumber() ? (Object) v.asDouble() : null;
            case "boolean":
                return v.isBoolean() ? (Object) v.asBoolean() : null;
            case "date":
                if (!v.isString()) return null;
                try {
                    Instant t = OffsetDateTime.parse(v.asString()).toInstant();
                    return HumanDuration.of(Duration.between(t, now));
                } catch (DateTimeParseException e) {
                    return "<invalid>";
                }
            default:
                return v.isString() ? v.asString() : v.toString();
        }
    }
}
