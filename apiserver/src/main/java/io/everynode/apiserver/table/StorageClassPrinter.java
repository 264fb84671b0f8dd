package io.everynode.apiserver.table;

import io.fabric8.kubernetes.api.model.storage.StorageClass;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code kubectl get storageclasses}: NAME PROVISIONER RECLAIMPOLICY VOLUMEBINDINGMODE
 * ALLOWVOLUMEEXPANSION AGE. NAME gains {@code " (default)"} when the is-default-class annotation
 * (or its beta form) is {@code "true"}; unset fields print their defaults: Delete, Immediate,
 * false.
 */
final class StorageClassPrinter implements RowPrinter<StorageClass> {
    static final String DEFAULT_CLASS = "storageclass.kubernetes.io/is-default-class";
    static final String BETA_DEFAULT_CLASS = "storageclass.beta.kubernetes.io/is-default-class";

    private static final List<TableColumn> COLUMNS = List.of(
            Columns.name(),
            Columns.of("Provisioner", "string", "provisioner indicates the type of the provisioner."),
            Columns.of(
                    "ReclaimPolicy",
                    "string",
                    "reclaimPolicy controls the reclaimPolicy for dynamically"
                            + " provisioned PersistentVolumes of this storage class. Defaults to Delete."),
            Columns.of(
                    "VolumeBindingMode",
                    "string",
                    "volumeBindingMode indicates how PersistentVolumeClaims"
                            + " should be provisioned and bound. When unset, VolumeBindingImmediate is used."),
            Columns.of(
                    "AllowVolumeExpansion",
                    "string",
                    "allowVolumeExpansion shows whether the storage class" + " allows volume expand."),
            Columns.age());

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public Class<StorageClass> objectType() {
        return StorageClass.class;
    }

    @Override
    public List<Object> cells(StorageClass sc, Instant now) {
        Map<String, String> annotations = sc.getMetadata().getAnnotations();
        boolean isDefault = annotations != null
                && ("true".equals(annotations.get(DEFAULT_CLASS))
                        || "true".equals(annotations.get(BETA_DEFAULT_CLASS)));
        return List.of(
                Columns.str(sc.getMetadata().getName()) + (isDefault ? " (default)" : ""),
                Columns.str(sc.getProvisioner()),
                sc.getReclaimPolicy() == null ? "Delete" : sc.getReclaimPolicy(),
                sc.getVolumeBindingMode() == null ? "Immediate" : sc.getVolumeBindingMode(),
                Boolean.TRUE.equals(sc.getAllowVolumeExpansion()),
                Times.since(sc.getMetadata().getCreationTimestamp(), now));
    }
}
