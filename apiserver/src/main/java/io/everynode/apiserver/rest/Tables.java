package io.everynode.apiserver.rest;

import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceType;
import io.everynode.apiserver.table.Printers;
import io.everynode.apiserver.table.RowPrinter;
import io.everynode.apiserver.table.TableColumn;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds {@code meta.k8s.io/v1} Tables from the per-resource printers. Each row carries the
 * object (as PartialObjectMetadata unless {@code includeObject=Object}), which kubectl needs for
 * the NAMESPACE column and {@code --show-labels} (kubectl-contract.md §1.4).
 */
final class Tables {
    private final Clock clock;
    private final Function<ResourceType, Optional<RowPrinter<?>>> customPrinters;

    Tables(Clock clock) {
        this(clock, t -> Optional.empty());
    }

    /** @param customPrinters the printer of a custom resource version (its printer columns), if it is one */
    Tables(Clock clock, Function<ResourceType, Optional<RowPrinter<?>>> customPrinters) {
        this.clock = clock;
        this.customPrinters = customPrinters;
    }

    ObjectNode table(
            ResourceType type, List<ObjectNode> items, String resourceVersion, String includeObject, boolean headers) {
        Instant now = clock.instant();
        RowPrinter<?> printer = customPrinters
                .apply(type)
                .orElseGet(() ->
                        Printers.forResource(type.group(), type.resource()).orElse(Printers.generic()));
        ObjectNode t = Json.object();
        t.put("kind", "Table");
        t.put("apiVersion", "meta.k8s.io/v1");
        t.putObject("metadata").put("resourceVersion", resourceVersion);
        ArrayNode cols = t.putArray("columnDefinitions");
        if (headers) {
            for (TableColumn c : printer.columns()) {
                ObjectNode o = cols.addObject();
                o.put("name", c.name());
                o.put("type", c.type());
                o.put("format", c.format());
                o.put("description", c.description());
                o.put("priority", c.priority());
            }
        }
        ArrayNode rows = t.putArray("rows");
        for (ObjectNode o : items) {
            Object typed = printer.objectType().isInstance(o) ? o : Json.convert(o, type.model());
            ObjectNode row = rows.addObject();
            row.set("cells", Json.MAPPER.valueToTree(printer.cellsOf(typed, now)));
            row.set("object", rowObject(o, includeObject));
        }
        return t;
    }

    private static ObjectNode rowObject(ObjectNode o, String includeObject) {
        if ("Object".equals(includeObject)) return o;
        ObjectNode p = Json.object();
        p.put("kind", "PartialObjectMetadata");
        p.put("apiVersion", "meta.k8s.io/v1");
        if (!"None".equals(includeObject)) p.set("metadata", o.path("metadata").deepCopy());
        return p;
    }
}
