package io.everynode.apiserver.crd;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.json.Json;
import io.everynode.apiserver.table.TableColumn;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Cells of printer columns as upstream's CRD table convertor makes them. */
class CustomResourcePrinterTest {
    static final Instant NOW = Instant.parse("2026-01-01T01:00:00Z");
    static final ObjectNode OBJ =
            (ObjectNode) Json.parse(("{\"metadata\":{\"name\":\"w\",\"creationTimestamp\":\"2026-01-01T00:55:00Z\"},"
                            + "\"spec\":{\"size\":3.0,\"ratio\":0.5,\"on\":true,\"tags\":[\"a\",\"b\"]},"
                            + "\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}")
                    .getBytes(StandardCharsets.UTF_8));

    @Test
    void eachColumnTypeGivesItsKindOfCell() {
        CustomResourcePrinter p = new CustomResourcePrinter(List.of(
                column("Size", "integer", ".spec.size", 0),
                column("Ratio", "number", ".spec.ratio", 0),
                column("On", "boolean", ".spec.on", 0),
                column("Tags", "string", ".spec.tags", 0),
                column("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status", 0),
                column("Missing", "string", ".status.nothing", 1),
                column("Age", "date", ".metadata.creationTimestamp", 0)));

        assertThat(p.cells(OBJ, NOW)).isEqualTo(Arrays.asList("w", 3L, 0.5, true, "[\"a\",\"b\"]", "True", null, "5m"));
        assertThat(p.columns())
                .extracting(TableColumn::name)
                .containsExactly("Name", "Size", "Ratio", "On", "Tags", "Ready", "Missing", "Age");
        assertThat(p.columns().get(6).priority()).isEqualTo(1);
        assertThat(p.columns().get(0).format()).isEqualTo("name");
    }

    @Test
    void aVersionWithoutColumnsPrintsNameAndAge() {
        CustomResourcePrinter p = new CustomResourcePrinter(List.of());

        assertThat(p.columns()).extracting(TableColumn::name).containsExactly("Name", "Age");
        assertThat(p.cells(OBJ, NOW)).containsExactly("w", "5m");
    }

    private static CustomVersion.PrinterColumn column(String name, String type, String path, int priority) {
        return new CustomVersion.PrinterColumn(name, type, "", "", priority, path);
    }
}
