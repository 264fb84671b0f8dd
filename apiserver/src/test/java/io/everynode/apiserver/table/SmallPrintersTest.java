package io.everynode.apiserver.table;

import static io.everynode.apiserver.table.Fixtures.NOW;
import static io.everynode.apiserver.table.Fixtures.ago;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClassBuilder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ControllerRevision, PriorityClass, Namespace, Lease and the generic printer. */
class SmallPrintersTest {

    private static OwnerReference owner(String apiVersion, String kind, boolean controller) {
        return new OwnerReferenceBuilder()
                .withApiVersion(apiVersion)
                .withKind(kind)
                .withName("fluentd")
                .withUid("u1")
                .withController(controller)
                .build();
    }

    private static ControllerRevision revision(List<OwnerReference> owners) {
        return new ControllerRevisionBuilder()
                .withNewMetadata()
                .withName("fluentd-6d5f7b9c4")
                .withOwnerReferences(owners)
                .withCreationTimestamp(ago(Duration.ofDays(2)))
                .endMetadata()
                .withRevision(2L)
                .build();
    }

    @Test
    void controllerRevisionNamesItsControllerAsKindDotGroup() {
        assertThat(new ControllerRevisionPrinter().cells(revision(List.of(owner("apps/v1", "DaemonSet", true))), NOW))
                .containsExactly("fluentd-6d5f7b9c4", "daemonset.apps/fluentd", 2L, "2d");
    }

    @Test
    void controllerRevisionWithoutControllerPrintsNoneAndCoreKindsHaveNoGroup() {
        ControllerRevisionPrinter p = new ControllerRevisionPrinter();
        assertThat(p.cells(revision(List.of(owner("apps/v1", "DaemonSet", false))), NOW)
                        .get(1))
                .isEqualTo("<none>");
        assertThat(p.cells(revision(null), NOW).get(1)).isEqualTo("<none>");
        assertThat(p.cells(revision(List.of(owner("v1", "Pod", true))), NOW).get(1))
                .isEqualTo("pod/fluentd");
        assertThatThrownBy(() -> p.cells(revision(List.of(owner("a/b/c", "X", true))), NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void priorityClassPrintsValueGlobalDefaultAndPreemptionPolicy() {
        var pc = new PriorityClassBuilder()
                .withNewMetadata()
                .withName("system-node-critical")
                .withCreationTimestamp(ago(Duration.ofDays(3 * 365 + 10)))
                .endMetadata()
                .withValue(2000001000)
                .withPreemptionPolicy("PreemptLowerPriority")
                .build();
        assertThat(new PriorityClassPrinter().cells(pc, NOW))
                .containsExactly("system-node-critical", 2000001000L, false, "3y10d", "PreemptLowerPriority");
        assertThat(new PriorityClassPrinter().columns())
                .extracting(TableColumn::name)
                .containsExactly("Name", "Value", "Global-Default", "Age", "PreemptionPolicy");
    }

    @Test
    void namespaceAndLeasePrintPhaseAndHolder() {
        var ns = new NamespaceBuilder()
                .withNewMetadata()
                .withName("logging")
                .withCreationTimestamp(ago(Duration.ofSeconds(59)))
                .endMetadata()
                .withNewStatus()
                .withPhase("Active")
                .endStatus()
                .build();
        assertThat(new NamespacePrinter().cells(ns, NOW)).containsExactly("logging", "Active", "59s");

        var lease = new LeaseBuilder()
                .withNewMetadata()
                .withName("node1")
                .withCreationTimestamp(ago(Duration.ofMinutes(2)))
                .endMetadata()
                .withNewSpec()
                .withHolderIdentity("node1")
                .endSpec()
                .build();
        assertThat(new LeasePrinter().cells(lease, NOW)).containsExactly("node1", "node1", "2m");
        lease.getSpec().setHolderIdentity(null);
        assertThat(new LeasePrinter().cells(lease, NOW).get(1)).isEqualTo("");
    }

    @Test
    void aMissingCreationTimestampAgesAsUnknown() {
        var ns = new NamespaceBuilder()
                .withNewMetadata()
                .withName("x")
                .endMetadata()
                .build();
        assertThat(new NamespacePrinter().cells(ns, NOW).get(2)).isEqualTo("<unknown>");
    }

    @Test
    void genericPrinterShowsNameAndAbsoluteCreatedAt() {
        var cm = new ConfigMapBuilder()
                .withNewMetadata()
                .withName("cfg")
                .withCreationTimestamp("2024-01-02T03:04:05.678+02:00")
                .endMetadata()
                .build();
        assertThat(Printers.generic().cells(cm, NOW)).containsExactly("cfg", "2024-01-02T01:04:05Z");
        assertThat(Printers.generic().columns())
                .extracting(TableColumn::name, TableColumn::type)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Name", "string"),
                        org.assertj.core.groups.Tuple.tuple("Created At", "date"));

        cm.getMetadata().setCreationTimestamp(null);
        assertThat(Printers.generic().cells(cm, NOW).get(1)).isEqualTo("0001-01-01T00:00:00Z");
    }
}
