package io.everynode.controllers.endpoints;

import io.everynode.api.Pods;
import io.everynode.controllers.manager.ApiWrites;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.EndpointSubsetBuilder;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a Service's Endpoints object should hold, as plain data (upstream's endpoints controller):
 * one subset per distinct set of resolved ports; in each, the addresses of Ready pods (all pods
 * when the Service publishes not-ready addresses) and, apart, the not-ready ones. Every address
 * carries the pod's IP, node name and a reference to the pod; addresses sort by IP, then pod
 * name, so the same world always plans the same object. Stateless.
 *
 * <p>A pod without an IP, a terminating pod (unless publishNotReadyAddresses) and a pod whose
 * phase means it will not run again are left out. A pod none of whose Service ports resolve is
 * left out too, unless the Service is headless and has no ports at all (then its addresses carry
 * none). Past {@link #MAX_ADDRESSES} addresses the rest are dropped, ready ones kept first, and the
 * object says so in the {@link #OVER_CAPACITY} annotation, as upstream's does.
 */
public final class EndpointsPlanner {
    /** Upstream's cap on the addresses of one Endpoints object. */
    public static final int MAX_ADDRESSES = 1000;

    public static final String OVER_CAPACITY = "endpoints.kubernetes.io/over-capacity";

    private EndpointsPlanner() {}

    /** The Endpoints object the Service should have: name, namespace, labels, annotations and subsets. */
    public static Endpoints desired(Service service, List<Pod> selected) {
        boolean publishNotReady = ServiceSelection.publishNotReady(service);
        boolean portless = service.getSpec().getPorts() == null
                || service.getSpec().getPorts().isEmpty();
        Map<String, Group> groups = new TreeMap<>();
        List<Pod> pods = new ArrayList<>(selected);
        pods.sort(Comparator.comparing((Pod p) -> ServiceSelection.podIP(p) == null ? "" : ServiceSelection.podIP(p))
                .thenComparing(p -> p.getMetadata().getName()));
        int total = 0;
        boolean truncated = false;
        // Ready pods first, so a cut keeps them.
        for (boolean readyPass : new boolean[] {true, false}) {
            for (Pod pod : pods) {
                if (!ServiceSelection.inEndpoints(pod, publishNotReady)) continue;
                boolean ready = publishNotReady || Pods.isReady(pod);
                if (ready != readyPass) continue;
                List<ResolvedPort> ports = PortResolver.resolve(service, pod);
                if (ports.isEmpty() && !(portless && ServiceSelection.headless(service))) continue;
                if (total == MAX_ADDRESSES) {
                    truncated = true;
                    continue;
                }
                total++;
                Group g = groups.computeIfAbsent(ports.toString(), k -> new Group(ports));
                (ready ? g.ready : g.notReady).add(address(service, pod));
            }
        }
        List<EndpointSubset> subsets = new ArrayList<>();
        for (Group g : groups.values()) {
            EndpointSubsetBuilder b = new EndpointSubsetBuilder();
            if (!g.ready.isEmpty()) b.withAddresses(g.ready);
            if (!g.notReady.isEmpty()) b.withNotReadyAddresses(g.notReady);
            if (!g.ports.isEmpty())
                b.withPorts(g.ports.stream().map(EndpointsPlanner::port).toList());
            subsets.add(b.build());
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (service.getMetadata().getLabels() != null)
            labels.putAll(service.getMetadata().getLabels());
        if (ServiceSelection.headless(service)) labels.put(ServiceSelection.HEADLESS_LABEL, "");
        EndpointsBuilder e = new EndpointsBuilder()
                .withNewMetadata()
                .withName(service.getMetadata().getName())
                .withNamespace(service.getMetadata().getNamespace())
                .withLabels(labels.isEmpty() ? null : labels)
                .endMetadata()
                .withSubsets(subsets);
        if (truncated)
            e.editMetadata().addToAnnotations(OVER_CAPACITY, "truncated").endMetadata();
        return e.build();
    }

    /**
     * Whether {@code current} already holds what {@code desired} plans: the same subsets, labels and
     * over-capacity annotation (other annotations are the user's and stay). Subsets compare as
     * JSON, where an empty list and a missing one are the same, as on the wire.
     */
    public static boolean upToDate(Endpoints current, Endpoints desired) {
        return ApiWrites.json(subsets(current)).equals(ApiWrites.json(subsets(desired)))
                && Objects.equals(
                        orEmpty(current.getMetadata().getLabels()),
                        orEmpty(desired.getMetadata().getLabels()))
                && Objects.equals(overCapacity(current), overCapacity(desired));
    }

    /** {@code current} with the desired subsets, labels and over-capacity annotation, ready to update. */
    public static Endpoints merged(Endpoints current, Endpoints desired) {
        EndpointsBuilder b = new EndpointsBuilder(current)
                .editMetadata()
                .withLabels(desired.getMetadata().getLabels())
                .removeFromAnnotations(OVER_CAPACITY)
                .endMetadata()
                .withSubsets(desired.getSubsets());
        if (overCapacity(desired) != null)
            b.editMetadata()
                    .addToAnnotations(OVER_CAPACITY, overCapacity(desired))
                    .endMetadata();
        return b.build();
    }

    private static List<EndpointSubset> subsets(Endpoints e) {
        return e.getSubsets() == null ? List.of() : e.getSubsets();
    }

    private static Map<String, String> orEmpty(Map<String, String> m) {
        return m == null ? Map.of() : m;
    }

    private static String overCapacity(Endpoints e) {
        Map<String, String> a = e.getMetadata().getAnnotations();
        return a == null ? null : a.get(OVER_CAPACITY);
    }

    private static EndpointAddress address(Service service, Pod pod) {
        return new EndpointAddressBuilder()
                .withIp(ServiceSelection.podIP(pod))
                .withHostname(ServiceSelection.hostname(service, pod))
                .withNodeName(pod.getSpec() == null ? null : pod.getSpec().getNodeName())
                .withTargetRef(new ObjectReferenceBuilder()
                        .withKind("Pod")
                        .withNamespace(pod.getMetadata().getNamespace())
                        .withName(pod.getMetadata().getName())
                        .withUid(pod.getMetadata().getUid())
                        .build())
                .build();
    }

    private static EndpointPort port(ResolvedPort p) {
        return new EndpointPortBuilder()
                .withName(p.name().isEmpty() ? null : p.name())
                .withPort(p.port())
                .withProtocol(p.protocol())
                .withAppProtocol(p.appProtocol())
                .build();
    }

    /** The addresses of one port set. */
    private static final class Group {
        final List<ResolvedPort> ports;
        final List<EndpointAddress> ready = new ArrayList<>();
        final List<EndpointAddress> notReady = new ArrayList<>();

        Group(List<ResolvedPort> ports) {
            this.ports = ports;
        }
    }
}
