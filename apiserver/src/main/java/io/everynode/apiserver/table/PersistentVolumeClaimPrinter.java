package io.everynode.apiserver.table;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatus;
import java.time.Instant;
import java.util.List;

/**
 * {@code kubectl get pvc}: NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS
 * VOLUMEATTRIBUTESCLASS AGE; wide VOLUMEMODE. STATUS is the phase, or {@code Terminating} once
 * deleted; CAPACITY and ACCESS MODES come from the status and only once the claim is bound to a
 * volume (spec.volumeName set), else they are empty. Unset classes and modes print
 * {@code <unset>}.
 */
final class PersistentVolumeClaimPrinter implements RowPrinter<PersistentVolumeClaim> {
    private static final List<TableColumn> COLUMNS = List.of(
            Columns.name(),
            Columns.of("Status", "string", "phase represents the current phase of PersistentVolumeClaim."),
            Columns.of(
                    "Volume",
                    "string",
                    "volumeName is the binding reference to the PersistentVolume backing" + " this claim."),
            Columns.of("Capacity", "string", "capacity represents the actual resources of the underlying volume."),
            Columns.of(
                    "Access Modes",
                    "string",
                    "accessModes contains the actual access modes the volume backing" + " the PVC has."),
            Columns.of("StorageClass", "string", "StorageClass of the pvc"),
            Columns.of("VolumeAttributesClass", "string", "VolumeAttributesClass of the pvc"),
            Columns.age(),
            Columns.wide("VolumeMode", "string", "volumeMode defines what type of volume is required by the claim."));

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public Class<PersistentVolumeClaim> objectType() {
        return PersistentVolumeClaim.class;
    }

    @Override
    public List<Object> cells(PersistentVolumeClaim pvc, Instant now) {
        PersistentVolumeClaimSpec spec = pvc.getSpec() == null ? new PersistentVolumeClaimSpec() : pvc.getSpec();
        PersistentVolumeClaimStatus status =
                pvc.getStatus() == null ? new PersistentVolumeClaimStatus() : pvc.getStatus();
        String phase =
                pvc.getMetadata().getDeletionTimestamp() != null ? "Terminating" : Columns.str(status.getPhase());
        String volume = Columns.str(spec.getVolumeName());
        String capacity = "";
        String accessModes = "";
        if (!volume.isEmpty()) {
            capacity = Cells.quantity(
                    status.getCapacity() == null ? null : status.getCapacity().get("storage"));
            accessModes = Volumes.accessModes(status.getAccessModes());
        }
        return List.of(
                Columns.str(pvc.getMetadata().getName()),
                phase,
                volume,
                capacity,
                accessModes,
                Volumes.storageClass(pvc.getMetadata().getAnnotations(), spec.getStorageClassName()),
                Cells.orUnset(spec.getVolumeAttributesClassName()),
                Times.since(pvc.getMetadata().getCreationTimestamp(), now),
                Cells.orUnset(spec.getVolumeMode()));
    }
}
