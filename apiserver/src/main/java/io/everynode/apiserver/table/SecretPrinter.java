package io.everynode.apiserver.table;

import io.fabric8.kubernetes.api.model.Secret;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code kubectl get secrets}: NAME TYPE DATA AGE. DATA counts the keys; upstream merges
 * stringData into data before storing, so a key in both counts once here too.
 */
final class SecretPrinter implements RowPrinter<Secret> {
    private static final List<TableColumn> COLUMNS = List.of(
            Columns.name(),
            Columns.of("Type", "string", "Used to facilitate programmatic handling of secret data."),
            Columns.of("Data", "string", "Data contains the secret data, base64 encoded, by key."),
            Columns.age());

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public Class<Secret> objectType() {
        return Secret.class;
    }

    @Override
    public List<Object> cells(Secret secret, Instant now) {
        Set<String> keys = new HashSet<>();
        if (secret.getData() != null) keys.addAll(secret.getData().keySet());
        if (secret.getStringData() != null) keys.addAll(secret.getStringData().keySet());
        return List.of(
                Columns.str(secret.getMetadata().getName()),
                Columns.str(secret.getType()),
                (long) keys.size(),
                Times.since(secret.getMetadata().getCreationTimestamp(), now));
    }
}
