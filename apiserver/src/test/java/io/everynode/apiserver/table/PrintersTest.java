package io.everynode.apiserver.table;

import static io.everynode.apiserver.table.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrintersTest {

    @ParameterizedTest(name = "{0} prints {1}")
    @CsvSource({
        "pods, io.fabric8.kubernetes.api.model.Pod",
        "daemonsets, io.fabric8.kubernetes.api.model.apps.DaemonSet",
        "nodes, io.fabric8.kubernetes.api.model.Node",
        "events, io.fabric8.kubernetes.api.model.Event",
        "controllerrevisions, io.fabric8.kubernetes.api.model.apps.ControllerRevision",
        "priorityclasses, io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass",
        "namespaces, io.fabric8.kubernetes.api.model.Namespace",
        "leases, io.fabric8.kubernetes.api.model.coordination.v1.Lease",
    })
    void everyKnownResourceHasAPrinterWhoseRowMatchesItsColumns(String resource, Class<?> type) throws Exception {
        RowPrinter<?> printer = Printers.forResource(resource).orElseThrow();
        assertThat(printer.objectType()).isEqualTo(type);

        // A bare object (name only) must still print one cell per column.
        Object bare = type.getConstructor().newInstance();
        type.getMethod("setMetadata", io.fabric8.kubernetes.api.model.ObjectMeta.class)
                .invoke(bare, new ObjectMetaBuilder().withName("x").build());
        assertThat(printer.cellsOf(bare, NOW)).hasSameSizeAs(printer.columns());
    }

    @Test
    void unknownResourcesHaveNoPrinter() {
        assertThat(Printers.forResource("configmaps")).isEmpty();
        assertThat(Printers.forResource("pod")).isEmpty();
    }

    @Test
    void printingTheWrongTypeIsRejected() {
        RowPrinter<?> pods = Printers.forResource("pods").orElseThrow();
        assertThatThrownBy(() -> pods.cellsOf(new ConfigMap(), NOW)).isInstanceOf(IllegalArgumentException.class);
    }
}
