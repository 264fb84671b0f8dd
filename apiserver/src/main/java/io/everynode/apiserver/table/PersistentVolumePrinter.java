package io.everynode.apiserver.table;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeSpec;
import java.time.Instant;
import java.util.List;

/**
 * {@code kubectl get pv}: NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM STORAGECLASS
 * VOLUMEATTRIBUTESCLASS REASON AGE; wide VOLUMEMODE. CLAIM is {@code namespace/name} of the
 * claimRef, or empty; STATUS is the phase, or {@code Terminating} once deleted. An unset reclaim
 * policy prints as the real server's default for it, Retain.
 */
final class PersistentVolumePrinter implements RowPrinter<PersistentVolume> {
    private static final List<TableColumn> COLUMNS = List.of(
            Columns.name(),
            Columns.of(
                    "Capacity",
                    "string",
                    "capacity is the description of the persistent volume's resources" + " and capacity."),
            Columns.of("Access Modes", "string", "accessModes contains all ways the volume can be mounted."),
            Columns.of(
                    "Reclaim Policy",
                    "string",
                    "persistentVolumeReclaimPolicy defines what happens to a"
                            + " persistent volume when released from its claim."),
            Columns.of(
                    "Status",
                    "string",
                    "phase indicates if a volume is available, bound to a claim, or" + " released by a claim."),
            Columns.of(
                    "Claim",
                    "string",
                    "claimRef is part of a bi-directional binding between"
                            + " PersistentVolume and PersistentVolumeClaim."),
            Columns.of("StorageClass", "string", "StorageClass of the pv"),
            Columns.of("VolumeAttributesClass", "string", "VolumeAttributesClass of the pv"),
            Columns.of("Reason", "string", "reason is a brief CamelCase string that describes any failure."),
            Columns.age(),
            Columns.wide(
                    "VolumeMode",
                    "string",
                    "volumeMode defines if a volume is intended to be used with a"
                            + " formatted filesystem or to remain in raw block state."));

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public Class<PersistentVolume> objectType() {
        return PersistentVolume.class;
    }

    @Override
    public List<Object> cells(PersistentVolume pv, Instant now) {
        PersistentVolumeSpec spec = pv.getSpec() == null ? new PersistentVolumeSpec() : pv.getSpec();
        ObjectReference claim = spec.getClaimRef();
        String phase = pv.getMetadata().getDeletionTimestamp() != null
                ? "Terminating"
                : Columns.str(pv.getStatus() == null ? null : pv.getStatus().getPhase());
        return List.of(
                Columns.str(pv.getMetadata().getName()),
                Cells.quantity(
                        spec.getCapacity() == null ? null : spec.getCapacity().get("storage")),
                Volumes.accessModes(spec.getAccessModes()),
                spec.getPersistentVolumeReclaimPolicy() == null ? "Retain" : spec.getPersistentVolumeReclaimPolicy(),
                phase,
                claim == null ? "" : Columns.str(claim.getNamespace()) + "/" + Columns.str(claim.getName()),
                Volumes.storageClass(pv.getMetadata().getAnnotations(), spec.getStorageClassName()),
                Cells.orUnset(spec.getVolumeAttributesClassName()),
                Columns.str(pv.getStatus() == null ? null : pv.getStatus().getReason()),
                Times.since(pv.getMetadata().getCreationTimestamp(), now),
                Cells.orUnset(spec.getVolumeMode()));
    }
}
