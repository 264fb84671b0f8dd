package io.everynode.controllers.endpoints;

import io.everynode.controllers.manager.ApiWrites;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Plans a Service's EndpointSlices (discovery.k8s.io/v1) as plain data, from its selected pods
 * and the slices the controller already manages for it. Stateless.
 *
 * <p>The plan, per distinct set of resolved ports (one slice never mixes port sets): endpoints
 * that are still wanted stay in the slice that holds them (updated in place when their
 * conditions changed); new endpoints fill the existing slices' room first, up to
 * {@code maxPerSlice}, then go to new slices; a slice left empty is deleted, as is every slice
 * of a port set no pod has any more. A Service with no endpoints at all keeps one empty slice
 * without ports (upstream's placeholder), so {@code kubectl get endpointslices} shows the Service
 * is handled. Slices are only written when their content changes: repeating a sync on the same
 * world plans nothing.
 *
 * <p>Every slice carries the labels {@link #SERVICE_NAME_LABEL} and {@link #MANAGED_BY_LABEL}
 * (plus the Service's own labels, and {@link ServiceSelection#HEADLESS_LABEL} for a headless
 * Service), addressType IPv4, and an owner reference to the Service, so deleting the Service
 * deletes them (the API server's garbage collector).
 */
public final class SlicePlanner {
    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
    public static final String MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "endpointslice-controller.k8s.io";
    /** Upstream's default --max-endpoints-per-slice. */
    public static final int MAX_PER_SLICE = 100;
    /** The node label an endpoint's {@code zone} comes from. */
    public static final String ZONE_LABEL = "topology.kubernetes.io/zone";

    private static final Comparator<Endpoint> ENDPOINT_ORDER = Comparator.comparing(SliceEndpoints::identity);

    private SlicePlanner() {}

    /**
     * @param existing the slices this controller manages for the Service (labels
     *     {@link #SERVICE_NAME_LABEL} and {@link #MANAGED_BY_LABEL}), as cached
     */
    public static SlicePlan plan(Service service, List<Pod> selected, List<EndpointSlice> existing, int maxPerSlice) {
        return plan(service, selected, existing, maxPerSlice, node -> null);
    }

    /**
     * As {@link #plan(Service, List, List, int)}, each endpoint with the zone of its node
     * ({@code zoneOf}: node name to its {@link #ZONE_LABEL}, null when it has none).
     */
    public static SlicePlan plan(
            Service service,
            List<Pod> selected,
            List<EndpointSlice> existing,
            int maxPerSlice,
            Function<String, String> zoneOf) {
        Map<String, Group> groups = desired(service, selected, zoneOf);
        Map<String, String> labels = labels(service);
        OwnerReference owner = owner(service);
        List<EndpointSlice> create = new ArrayList<>();
        List<EndpointSlice> update = new ArrayList<>();
        List<EndpointSlice> delete = new ArrayList<>();
        List<EndpointSlice> sorted = new ArrayList<>(existing);
        sorted.sort(Comparator.comparing(s -> s.getMetadata().getName()));
        Map<String, List<EndpointSlice>> byPorts = new TreeMap<>();
        for (EndpointSlice s : sorted) {
            String key = SliceEndpoints.resolved(s.getPorts()).toString();
            byPorts.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
        }
        if (groups.isEmpty()) {
            EndpointSlice placeholder = sorted.isEmpty() ? null : sorted.get(0);
            EndpointSlice want = slice(service, placeholder, labels, owner, List.of(), List.of());
            if (placeholder == null) create.add(want);
            else if (changed(placeholder, want)) update.add(want);
            for (EndpointSlice s : sorted) if (s != placeholder) delete.add(s);
            return new SlicePlan(create, update, delete);
        }
        for (Map.Entry<String, List<EndpointSlice>> e : byPorts.entrySet()) {
            if (!groups.containsKey(e.getKey())) delete.addAll(e.getValue());
        }
        for (Map.Entry<String, Group> g : groups.entrySet()) {
            Group group = g.getValue();
            Map<String, Endpoint> remaining = new LinkedHashMap<>(group.endpoints);
            List<EndpointSlice> slices = byPorts.getOrDefault(g.getKey(), List.of());
            List<List<Endpoint>> contents = new ArrayList<>();
            for (EndpointSlice s : slices) {
                List<Endpoint> kept = new ArrayList<>();
                for (Endpoint old : s.getEndpoints() == null ? List.<Endpoint>of() : s.getEndpoints()) {
                    String id = SliceEndpoints.identity(old);
                    // A slice over the limit (a smaller limit than it was written with) sheds the rest to other slices.
                    if (kept.size() < maxPerSlice && remaining.containsKey(id)) kept.add(remaining.remove(id));
                }
                contents.add(kept);
            }
            List<Endpoint> fresh = new ArrayList<>(remaining.values());
            int next = 0;
            for (List<Endpoint> c : contents) {
                while (c.size() < maxPerSlice && next < fresh.size()) c.add(fresh.get(next++));
            }
            for (int i = 0; i < slices.size(); i++) {
                EndpointSlice s = slices.get(i);
                List<Endpoint> c = contents.get(i);
                if (c.isEmpty()) {
                    delete.add(s);
                    continue;
                }
                c.sort(ENDPOINT_ORDER);
                EndpointSlice want = slice(service, s, labels, owner, group.ports, c);
                if (changed(s, want)) update.add(want);
            }
            while (next < fresh.size()) {
                List<Endpoint> chunk = new ArrayList<>(fresh.subList(next, Math.min(fresh.size(), next + maxPerSlice)));
                next += chunk.size();
                create.add(slice(service, null, labels, owner, group.ports, chunk));
            }
        }
        return new SlicePlan(create, update, delete);
    }

    /** The wanted endpoints by port-set key, each group's endpoints by identity in identity order. */
    private static Map<String, Group> desired(Service service, List<Pod> selected, Function<String, String> zoneOf) {
        boolean portless = service.getSpec().getPorts() == null
                || service.getSpec().getPorts().isEmpty();
        Map<String, Group> groups = new TreeMap<>();
        List<Endpoint> all = new ArrayList<>();
        Map<Endpoint, List<ResolvedPort>> portsOf = new IdentityHashMap<>();
        for (Pod pod : selected) {
            if (!SliceEndpoints.included(pod)) continue;
            List<ResolvedPort> ports = PortResolver.resolve(service, pod);
            if (ports.isEmpty() && !(portless && ServiceSelection.headless(service))) continue;
            String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
            Endpoint ep = SliceEndpoints.endpoint(service, pod, node == null ? null : zoneOf.apply(node));
            all.add(ep);
            portsOf.put(ep, ports);
        }
        all.sort(ENDPOINT_ORDER);
        for (Endpoint ep : all) {
            List<ResolvedPort> ports = portsOf.get(ep);
            groups.computeIfAbsent(ports.toString(), k -> new Group(ports))
                    .endpoints
                    .put(SliceEndpoints.identity(ep), ep);
        }
        return groups;
    }

    /** {@code base} (null for a new slice) with this content, labels and owner. */
    private static EndpointSlice slice(
            Service service,
            EndpointSlice base,
            Map<String, String> labels,
            OwnerReference owner,
            List<ResolvedPort> ports,
            List<Endpoint> endpoints) {
        EndpointSliceBuilder b = base == null
                ? new EndpointSliceBuilder()
                        .withNewMetadata()
                        .withGenerateName(service.getMetadata().getName() + "-")
                        .withNamespace(service.getMetadata().getNamespace())
                        .endMetadata()
                : new EndpointSliceBuilder(base);
        return b.editMetadata()
                .withLabels(labels)
                .withOwnerReferences(owner)
                .endMetadata()
                .withAddressType("IPv4")
                .withEndpoints(endpoints)
                .withPorts(ports.isEmpty() ? null : SliceEndpoints.ports(ports))
                .build();
    }

    /** Content, labels or owner differ; compared as JSON, where empty and missing lists are alike. */
    private static boolean changed(EndpointSlice current, EndpointSlice want) {
        return !ApiWrites.json(content(current)).equals(ApiWrites.json(content(want)));
    }

    private static List<Object> content(EndpointSlice s) {
        List<Object> c = new ArrayList<>();
        c.add(s.getAddressType());
        c.add(s.getEndpoints() == null ? List.of() : s.getEndpoints());
        c.add(s.getPorts() == null ? List.of() : s.getPorts());
        c.add(
                s.getMetadata().getLabels() == null
                        ? Map.of()
                        : new TreeMap<>(s.getMetadata().getLabels()));
        c.add(
                s.getMetadata().getOwnerReferences() == null
                        ? List.of()
                        : s.getMetadata().getOwnerReferences());
        return c;
    }

    /** The Service's labels, then the controller's own (which win over same-named ones of the Service). */
    static Map<String, String> labels(Service service) {
        Map<String, String> labels = new TreeMap<>();
        if (service.getMetadata().getLabels() != null)
            labels.putAll(service.getMetadata().getLabels());
        labels.remove(ServiceSelection.HEADLESS_LABEL);
        labels.put(SERVICE_NAME_LABEL, service.getMetadata().getName());
        labels.put(MANAGED_BY_LABEL, MANAGED_BY);
        if (ServiceSelection.headless(service)) labels.put(ServiceSelection.HEADLESS_LABEL, "");
        return labels;
    }

    private static OwnerReference owner(Service service) {
        return new OwnerReferenceBuilder()
                .withApiVersion("v1")
                .withKind("Service")
                .withName(service.getMetadata().getName())
                .withUid(service.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    /** The wanted endpoints of one port set. */
    private static final class Group {
        final List<ResolvedPort> ports;
        final Map<String, Endpoint> endpoints = new LinkedHashMap<>();

        Group(List<ResolvedPort> ports) {
            this.ports = ports;
        }
    }
}
