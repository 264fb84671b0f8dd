package io.everynode.apiserver.table;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import java.util.Optional;

/**
 * Entry point: the server-side Table printers kube-apiserver registers, by resource
 * (kubectl-contract.md §1.4, daemonset-rules.md §7). Printers are stateless and pure: the
 * caller passes {@code now}; it wraps columns and cells into the {@code meta.k8s.io/v1} Table.
 */
public final class Printers {
    private Printers() {}

    /** Keyed by lowercase plural resource name; immutable, so safe to share. */
    private static final Map<String, RowPrinter<?>> BY_RESOURCE = Map.of(
            "pods", new PodPrinter(),
            "daemonsets", new DaemonSetPrinter(),
            "nodes", new NodePrinter(),
            "events", new EventPrinter(),
            "controllerrevisions", new ControllerRevisionPrinter(),
            "priorityclasses", new PriorityClassPrinter(),
            "namespaces", new NamespacePrinter(),
            "leases", new LeasePrinter());

    private static final RowPrinter<HasMetadata> GENERIC = new GenericPrinter();

    /**
     * The printer for a resource such as {@code "pods"} or {@code "daemonsets"}; empty when
     * upstream has none, in which case {@link #generic()} applies. {@code "events"} means core v1
     * Events ({@code io.fabric8.kubernetes.api.model.Event}).
     */
    public static Optional<RowPrinter<?>> forResource(String resource) {
        return Optional.ofNullable(BY_RESOURCE.get(resource));
    }

    /** The default convertor: Name and Created At, as kube-apiserver does for unprinted kinds. */
    public static RowPrinter<HasMetadata> generic() {
        return GENERIC;
    }
}
