package io.everynode.controllers.endpoints;

import io.everynode.api.Pods;
import io.everynode.client.Lister;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which pods a Service selects, and which Services care about a pod: the facts both the
 * Endpoints and the EndpointSlice controller start from. Stateless.
 *
 * <p>A Service without a selector (null or empty map: the API drops an empty map on the way
 * through JSON, as upstream's does) is managed by its user, so neither controller touches it.
 */
public final class ServiceSelection {
    /** The label upstream puts on the Endpoints and EndpointSlices of a headless Service. */
    public static final String HEADLESS_LABEL = "service.kubernetes.io/headless";

    private ServiceSelection() {}

    public static boolean hasSelector(Service service) {
        Map<String, String> s =
                service.getSpec() == null ? null : service.getSpec().getSelector();
        return s != null && !s.isEmpty();
    }

    /** Every label of the selector is on the pod, with the same value (a Service selector is equality only). */
    public static boolean selects(Service service, Pod pod) {
        if (!hasSelector(service)) return false;
        if (!Objects.equals(
                service.getMetadata().getNamespace(), pod.getMetadata().getNamespace())) return false;
        Map<String, String> labels = pod.getMetadata().getLabels();
        if (labels == null) return false;
        for (Map.Entry<String, String> e : service.getSpec().getSelector().entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) return false;
        }
        return true;
    }

    /** The pods of the Service's namespace it selects, in the lister's order. */
    public static List<Pod> podsOf(Service service, Lister<Pod> pods) {
        List<Pod> out = new ArrayList<>();
        for (Pod p : pods.list(service.getMetadata().getNamespace())) {
            if (selects(service, p)) out.add(p);
        }
        return out;
    }

    /**
     * Keys of the Services that select any of {@code pods} (an updated pod passes its old and new
     * state, so a Service it left hears of it too).
     */
    public static Set<String> serviceKeysFor(Lister<Service> services, Pod... pods) {
        Set<String> keys = new LinkedHashSet<>();
        for (Pod pod : pods) {
            if (pod == null) continue;
            for (Service s : services.list(pod.getMetadata().getNamespace())) {
                if (selects(s, pod)) keys.add(Lister.key(s));
            }
        }
        return keys;
    }

    /**
     * Whether a pod has an address in the Service's endpoints at all (upstream's
     * ShouldPodBeInEndpoints): it has an IP; it is not terminating, unless {@code includeTerminating};
     * and it can still run: phase Failed or Succeeded rules it out except under restartPolicy
     * Always (OnFailure: Succeeded only; Never: both).
     */
    public static boolean inEndpoints(Pod pod, boolean includeTerminating) {
        if (podIP(pod) == null) return false;
        if (!includeTerminating && terminating(pod)) return false;
        String policy = pod.getSpec() == null ? null : pod.getSpec().getRestartPolicy();
        String phase = Pods.phase(pod);
        if ("Never".equals(policy)) return !Pods.isTerminalPhase(phase);
        if ("OnFailure".equals(policy)) return !"Succeeded".equals(phase);
        return true;
    }

    public static boolean terminating(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() != null;
    }

    /** status.podIP, or null when the pod has none yet. */
    public static String podIP(Pod pod) {
        String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
        return ip == null || ip.isEmpty() ? null : ip;
    }

    public static boolean headless(Service service) {
        return service.getSpec() != null && "None".equals(service.getSpec().getClusterIP());
    }

    public static boolean publishNotReady(Service service) {
        return service.getSpec() != null
                && Boolean.TRUE.equals(service.getSpec().getPublishNotReadyAddresses());
    }

    /**
     * The hostname a pod's address carries: its spec.hostname when its spec.subdomain names
     * this Service (DNS for headless Services and StatefulSets), else null.
     */
    public static String hostname(Service service, Pod pod) {
        if (pod.getSpec() == null) return null;
        String h = pod.getSpec().getHostname();
        if (h == null || h.isEmpty()) return null;
        return service.getMetadata().getName().equals(pod.getSpec().getSubdomain()) ? h : null;
    }
}
