package io.everynode.apiserver.table;

import java.util.List;
import java.util.Map;

/** Cells PersistentVolumes and their claims share: access modes and the storage class. */
final class Volumes {
    private Volumes() {}

    /** The beta annotation upstream still reads before spec.storageClassName. */
    static final String BETA_STORAGE_CLASS = "volume.beta.kubernetes.io/storage-class";

    /** Access modes abbreviated, deduplicated, always in the order RWO, ROX, RWX, RWOP. */
    static String accessModes(List<String> modes) {
        if (modes == null) {
            return "";
        }
        return String.join(
                ",",
                List.of("ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod").stream()
                        .filter(modes::contains)
                        .map(Volumes::abbreviation)
                        .toList());
    }

    private static String abbreviation(String mode) {
        return switch (mode) {
            case "ReadWriteOnce" -> "RWO";
            case "ReadOnlyMany" -> "ROX";
            case "ReadWriteMany" -> "RWX";
            default -> "RWOP";
        };
    }

    /** The beta annotation when present (even empty), else spec.storageClassName, else empty. */
    static String storageClass(Map<String, String> annotations, String storageClassName) {
        if (annotations != null && annotations.containsKey(BETA_STORAGE_CLASS)) {
            return annotations.get(BETA_STORAGE_CLASS);
        }
        return Columns.str(storageClassName);
    }
}
