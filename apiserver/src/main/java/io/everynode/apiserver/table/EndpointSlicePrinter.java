package io.everynode.apiserver.table;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code kubectl get endpointslices}: NAME ADDRESSTYPE PORTS ENDPOINTS AGE. PORTS lists each
 * port's number (else its name, else {@code *}); ENDPOINTS every address of every endpoint,
 * ready or not. Both show the first three then {@code + N more...}, and {@code <unset>} when empty.
 */
final class EndpointSlicePrinter implements RowPrinter<EndpointSlice> {
    private static final List<TableColumn> COLUMNS = List.of(
            Columns.name(),
            Columns.of(
                    "AddressType",
                    "string",
                    "addressType specifies the type of address carried by this" + " EndpointSlice."),
            Columns.of(
                    "Ports",
                    "string",
                    "ports specifies the list of network ports exposed by each endpoint" + " in this slice."),
            Columns.of("Endpoints", "string", "endpoints is a list of unique endpoints in this slice."),
            Columns.age());

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public Class<EndpointSlice> objectType() {
        return EndpointSlice.class;
    }

    @Override
    public List<Object> cells(EndpointSlice slice, Instant now) {
        List<String> ports = new ArrayList<>();
        if (slice.getPorts() != null) {
            for (EndpointPort p : slice.getPorts()) {
                ports.add(p.getPort() != null ? p.getPort().toString() : p.getName() != null ? p.getName() : "*");
            }
        }
        List<String> addresses = new ArrayList<>();
        if (slice.getEndpoints() != null) {
            for (Endpoint e : slice.getEndpoints()) {
                if (e.getAddresses() != null) addresses.addAll(e.getAddresses());
            }
        }
        return List.of(
                Columns.str(slice.getMetadata().getName()),
                Columns.str(slice.getAddressType()),
                Cells.firstFew(ports),
                Cells.firstFew(addresses),
                Times.since(slice.getMetadata().getCreationTimestamp(), now));
    }
}
