package io.everynode.apiserver.table;

import static io.everynode.apiserver.table.Fixtures.NOW;
import static io.everynode.apiserver.table.Fixtures.ago;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DaemonSetPrinterTest {
    private final DaemonSetPrinter printer = new DaemonSetPrinter();

    private static DaemonSet fluentBit(Map<String, String> nodeSelector) {
        return new DaemonSetBuilder()
                .withNewMetadata()
                .withName("fluent-bit")
                .withNamespace("logging")
                .withCreationTimestamp(ago(Duration.ofHours(3).plusMinutes(2)))
                .endMetadata()
                .withNewSpec()
                .withNewSelector()
                .addToMatchLabels("app", "fluent-bit")
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", "fluent-bit")
                .endMetadata()
                .withNewSpec()
                .withNodeSelector(nodeSelector)
                .addNewContainer()
                .withName("fluent-bit")
                .withImage("fluent/fluent-bit:2.2")
                .endContainer()
                .addNewContainer()
                .withName("exporter")
                .withImage("prom/exporter:1")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .withNewStatus()
                .withDesiredNumberScheduled(3)
                .withCurrentNumberScheduled(3)
                .withNumberReady(2)
                .withUpdatedNumberScheduled(1)
                .withNumberAvailable(2)
                .withNumberMisscheduled(0)
                .endStatus()
                .build();
    }

    @Test
    void cellsCarryStatusCountsAsIntegersAndTheSortedNodeSelector() {
        assertThat(printer.cells(fluentBit(Map.of("zone", "a", "disktype", "ssd")), NOW))
                .containsExactly(
                        "fluent-bit",
                        3L,
                        3L,
                        2L,
                        1L,
                        2L,
                        "disktype=ssd,zone=a",
                        "3h2m",
                        "fluent-bit,exporter",
                        "fluent/fluent-bit:2.2,prom/exporter:1",
                        "app=fluent-bit");
    }

    @Test
    void aMissingNodeSelectorAndStatusPrintNoneAndZeros() {
        DaemonSet ds = fluentBit(null);
        ds.setStatus(null);
        assertThat(printer.cells(ds, NOW).subList(1, 7)).containsExactly(0L, 0L, 0L, 0L, 0L, "<none>");
    }

    @Test
    void columnsAreUpstreamsWithThreeWideOnes() {
        assertThat(printer.columns())
                .extracting(TableColumn::name)
                .containsExactly(
                        "Name",
                        "Desired",
                        "Current",
                        "Ready",
                        "Up-to-date",
                        "Available",
                        "Node Selector",
                        "Age",
                        "Containers",
                        "Images",
                        "Selector");
        assertThat(printer.columns())
                .extracting(TableColumn::type)
                .containsExactly(
                        "string", "integer", "integer", "integer", "integer", "integer", "string", "string", "string",
                        "string", "string");
        assertThat(printer.columns())
                .extracting(TableColumn::priority)
                .containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1);
        assertThat(printer.columns().get(0).format()).isEqualTo("name");
    }
}
