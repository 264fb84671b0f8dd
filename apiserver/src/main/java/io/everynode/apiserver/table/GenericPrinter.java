package io.everynode.apiserver.table;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * kube-apiserver's default table convertor, for kinds without a printer: NAME and CREATED AT.
 * CREATED AT is a {@code date} column whose cell is creationTimestamp in RFC 3339 UTC with whole
 * seconds ({@code 2024-01-02T03:04:05Z}); an unset timestamp is Go's zero time,
 * {@code 0001-01-01T00:00:00Z}. {@code now} is not used: the cell is absolute.
 */
final class GenericPrinter implements RowPrinter<HasMetadata> {
    private static final DateTimeFormatter RFC3339 =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private static final List<TableColumn> COLUMNS =
            List.of(Columns.name(), Columns.of("Created At", "date", Columns.CREATION_TIMESTAMP_DOC));

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public Class<HasMetadata> objectType() {
        return HasMetadata.class;
    }

    @Override
    public List<Object> cells(HasMetadata object, Instant now) {
        String created = Times.parse(object.getMetadata().getCreationTimestamp())
                .map(t -> RFC3339.format(t.truncatedTo(ChronoUnit.SECONDS)))
                .orElse(ZERO_TIME);
        return List.of(Columns.str(object.getMetadata().getName()), created);
    }
}
