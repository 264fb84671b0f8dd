package io.everynode.apiserver.table;

import static io.everynode.apiserver.table.Fixtures.NOW;
import static io.everynode.apiserver.table.Fixtures.ago;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.MicroTime;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EventPrinterTest {
    private final EventPrinter printer = new EventPrinter();

    private static EventBuilder backOff() {
        return new EventBuilder()
                .withNewMetadata()
                .withName("fluent-bit-abcde.17a")
                .withNamespace("logging")
                .endMetadata()
                .withType("Warning")
                .withReason("BackOff")
                .withMessage("  Back-off restarting failed container\n")
                .withNewInvolvedObject()
                .withKind("Pod")
                .withName("fluent-bit-abcde")
                .withFieldPath("spec.containers{fluent-bit}")
                .endInvolvedObject()
                .withNewSource()
                .withComponent("kubelet")
                .withHost("node1")
                .endSource();
    }

    @Test
    void aClassicEventPrintsLastSeenAndFirstSeenFromItsTimestamps() {
        Event e = backOff()
                .withFirstTimestamp(ago(Duration.ofMinutes(5)))
                .withLastTimestamp(ago(Duration.ofSeconds(30)))
                .withCount(3)
                .build();
        assertThat(printer.cells(e, NOW))
                .containsExactly(
                        "30s",
                        "Warning",
                        "BackOff",
                        "pod/fluent-bit-abcde",
                        "spec.containers{fluent-bit}",
                        "kubelet, node1",
                        "Back-off restarting failed container",
                        "5m",
                        3L,
                        "fluent-bit-abcde.17a");
    }

    @Test
    void aNewApiSingletonUsesEventTimeReportingFieldsAndCountsOne() {
        Event e = backOff()
                .withSource(null)
                .withEventTime(new MicroTime(ago(Duration.ofMinutes(2))))
                .withReportingComponent("daemonset-controller")
                .withReportingInstance("")
                .build();
        assertThat(printer.cells(e, NOW))
                .containsExactly(
                        "2m",
                        "Warning",
                        "BackOff",
                        "pod/fluent-bit-abcde",
                        "spec.containers{fluent-bit}",
                        "daemonset-controller",
                        "Back-off restarting failed container",
                        "2m",
                        1L,
                        "fluent-bit-abcde.17a");
    }

    @Test
    void aSeriesTakesLastSeenAndCountFromTheSeries() {
        Event e = backOff()
                .withEventTime(new MicroTime(ago(Duration.ofHours(3).plusMinutes(2))))
                .withNewSeries()
                .withCount(7)
                .withLastObservedTime(new MicroTime(ago(Duration.ofSeconds(59))))
                .endSeries()
                .build();
        List3 cells = new List3(printer.cells(e, NOW));
        assertThat(cells.lastSeen).isEqualTo("59s");
        assertThat(cells.firstSeen).isEqualTo("3h2m");
        assertThat(cells.count).isEqualTo(7L);
    }

    @Test
    void anEventWithoutTimesIsUnknownAndAnObjectWithoutNameShowsItsKind() {
        Event e = new EventBuilder()
                .withNewMetadata()
                .withName("e")
                .endMetadata()
                .withNewInvolvedObject()
                .withKind("Node")
                .endInvolvedObject()
                .build();
        assertThat(printer.cells(e, NOW))
                .containsExactly("<unknown>", "", "", "node", "", "", "", "<unknown>", 1L, "e");
    }

    @Test
    void columnsInterleaveTheWideOnesAsUpstream() {
        assertThat(printer.columns())
                .extracting(TableColumn::name)
                .containsExactly(
                        "Last Seen",
                        "Type",
                        "Reason",
                        "Object",
                        "Subobject",
                        "Source",
                        "Message",
                        "First Seen",
                        "Count",
                        "Name");
        assertThat(printer.columns()).extracting(TableColumn::priority).containsExactly(0, 0, 0, 0, 1, 1, 0, 1, 1, 1);
        assertThat(printer.columns().get(9).format()).isEqualTo("name");
    }

    /** The three time/count cells of an event row. */
    private record List3(Object lastSeen, Object firstSeen, Object count) {
        List3(java.util.List<Object> cells) {
            this(cells.get(0), cells.get(7), cells.get(8));
        }
    }
}
