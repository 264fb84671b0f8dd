package io.everynode.apiserver.table;

import io.fabric8.kubernetes.api.model.storage.CSIDriver;
import io.fabric8.kubernetes.api.model.storage.CSIDriverSpec;
import java.time.Instant;
import java.util.List;

/**
 * {@code kubectl get csidrivers}: NAME ATTACHREQUIRED PODINFOONMOUNT STORAGECAPACITY
 * TOKENREQUESTS REQUIRESREPUBLISH MODES AGE. Unset booleans print their defaults (attachRequired
 * true, the others false); TOKENREQUESTS is the audiences joined by commas, or {@code <unset>}
 * (the model cannot tell an absent list from an empty one, so both print {@code <unset>});
 * MODES the volumeLifecycleModes, or {@code <none>}.
 */
final class CsiDriverPrinter implements RowPrinter<CSIDriver> {
    private static final List<TableColumn> COLUMNS = List.of(
            Columns.name(),
            Columns.of(
                    "AttachRequired",
                    "boolean",
                    "attachRequired indicates this CSI volume driver requires an" + " attach operation."),
            Columns.of(
                    "PodInfoOnMount",
                    "boolean",
                    "podInfoOnMount indicates this CSI volume driver requires"
                            + " additional pod information (like podName, podUID, etc.) during mount operations."),
            Columns.of(
                    "StorageCapacity",
                    "boolean",
                    "storageCapacity indicates that the CSI volume driver wants"
                            + " pod scheduling to consider the storage capacity that the driver deployment will report."),
            Columns.of(
                    "TokenRequests",
                    "string",
                    "tokenRequests indicates the CSI driver needs pods' service"
                            + " account tokens it is mounting volume for to do necessary authentication."),
            Columns.of(
                    "RequiresRepublish",
                    "boolean",
                    "requiresRepublish indicates the CSI driver wants"
                            + " NodePublishVolume being periodically called to reflect any possible change in the mounted"
                            + " volume."),
            Columns.of(
                    "Modes",
                    "string",
                    "volumeLifecycleModes defines what kind of volumes this CSI volume" + " driver supports."),
            Columns.age());

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public Class<CSIDriver> objectType() {
        return CSIDriver.class;
    }

    @Override
    public List<Object> cells(CSIDriver driver, Instant now) {
        CSIDriverSpec spec = driver.getSpec() == null ? new CSIDriverSpec() : driver.getSpec();
        String tokenRequests =
                spec.getTokenRequests() == null || spec.getTokenRequests().isEmpty()
                        ? "<unset>"
                        : String.join(
                                ",",
                                spec.getTokenRequests().stream()
                                        .map(t -> Columns.str(t.getAudience()))
                                        .toList());
        List<String> modes = spec.getVolumeLifecycleModes() == null ? List.of() : spec.getVolumeLifecycleModes();
        return List.of(
                Columns.str(driver.getMetadata().getName()),
                !Boolean.FALSE.equals(spec.getAttachRequired()),
                Boolean.TRUE.equals(spec.getPodInfoOnMount()),
                Boolean.TRUE.equals(spec.getStorageCapacity()),
                tokenRequests,
                Boolean.TRUE.equals(spec.getRequiresRepublish()),
                modes.isEmpty() ? "<none>" : String.join(",", modes),
                Times.since(driver.getMetadata().getCreationTimestamp(), now));
    }
}
