package io.everynode.controllers.endpoints;

import io.everynode.api.Pods;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * A pod as an endpoint of an EndpointSlice (upstream's podToEndpoint): its IPv4 address, its
 * node and that node's zone, a reference to it, and three conditions: {@code serving} is the pod's readiness,
 * {@code terminating} whether it is being deleted, and {@code ready} is serving and not
 * terminating, or always true when the Service publishes not-ready addresses. Stateless.
 */
public final class SliceEndpoints {
    private SliceEndpoints() {}

    /**
     * Whether the pod belongs in the Service's slices: it has an IPv4 address and can still run
     * (terminating pods stay, with their conditions saying so).
     */
    public static boolean included(Pod pod) {
        return ServiceSelection.inEndpoints(pod, true)
                && !ServiceSelection.podIP(pod).contains(":");
    }

    /** The pod as an endpoint; {@code zone} is its node's zone, or null. */
    public static Endpoint endpoint(Service service, Pod pod, String zone) {
        boolean serving = Pods.isReady(pod);
        boolean terminating = ServiceSelection.terminating(pod);
        boolean ready = ServiceSelection.publishNotReady(service) || (serving && !terminating);
        return new EndpointBuilder()
                .withAddresses(List.of(ServiceSelection.podIP(pod)))
                .withNewConditions()
                .withReady(ready)
                .withServing(serving)
                .withTerminating(terminating)
                .endConditions()
                .withHostname(ServiceSelection.hostname(service, pod))
                .withNodeName(pod.getSpec() == null ? null : pod.getSpec().getNodeName())
                .withZone(zone)
                .withTargetRef(new ObjectReferenceBuilder()
                        .withKind("Pod")
                        .withNamespace(pod.getMetadata().getNamespace())
                        .withName(pod.getMetadata().getName())
                        .withUid(pod.getMetadata().getUid())
                        .build())
                .build();
    }

    /** An endpoint's identity across syncs: its address and the pod it stands for. */
    public static String identity(Endpoint e) {
        String ip = e.getAddresses() == null || e.getAddresses().isEmpty()
                ? ""
                : e.getAddresses().get(0);
        String pod = e.getTargetRef() == null ? "" : e.getTargetRef().getName();
        return ip + "/" + pod;
    }

    public static List<EndpointPort> ports(List<ResolvedPort> ports) {
        List<EndpointPort> out = new ArrayList<>();
        for (ResolvedPort p : ports) {
            out.add(new EndpointPortBuilder()
                    .withName(p.name())
                    .withPort(p.port())
                    .withProtocol(p.protocol())
                    .withAppProtocol(p.appProtocol())
                    .build());
        }
        return out;
    }

    /** A slice's ports read back as resolved ports, in {@link ResolvedPort#ORDER}. */
    public static List<ResolvedPort> resolved(List<EndpointPort> ports) {
        List<ResolvedPort> out = new ArrayList<>();
        if (ports == null) return out;
        for (EndpointPort p : ports) {
            out.add(new ResolvedPort(
                    p.getName() == null ? "" : p.getName(),
                    p.getPort() == null ? 0 : p.getPort(),
                    p.getProtocol() == null ? "TCP" : p.getProtocol(),
                    p.getAppProtocol()));
        }
        out.sort(ResolvedPort.ORDER);
        return out;
    }
}
