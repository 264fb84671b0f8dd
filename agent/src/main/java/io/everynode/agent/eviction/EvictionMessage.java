package io.everynode.agent.eviction;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;

/**
 * The kubelet's eviction message, word for word: {@code The node was low on resource: memory.
 * Threshold quantity: 100Mi, available: 42Mi. Container x was using 300Mi, request is 0, has
 * larger consumption of memory. } (each sentence ends with a space, as upstream's). A container
 * is named only when its use is known and above its request; runtimes report use per pod, so a
 * one-container pod's use is its container's, and a pod of several containers names none.
 */
final class EvictionMessage {
    private EvictionMessage() {}

    static String of(Pod pod, long usageOrMinusOne, long thresholdBytes, long availableBytes) {
        StringBuilder m = new StringBuilder("The node was low on resource: memory. ");
        m.append("Threshold quantity: ")
                .append(Quantities.binary(thresholdBytes))
                .append(", available: ")
                .append(Quantities.binary(availableBytes))
                .append(". ");
        List<Container> containers = pod.getSpec() == null || pod.getSpec().getContainers() == null
                ? List.of()
                : pod.getSpec().getContainers();
        if (containers.size() == 1 && usageOrMinusOne >= 0) {
            Container c = containers.get(0);
            long request = request(c);
            if (usageOrMinusOne > request) {
                m.append("Container ")
                        .append(c.getName())
                        .append(" was using ")
                        .append(Quantities.binary(usageOrMinusOne))
                        .append(", request is ")
                        .append(Quantities.binary(request))
                        .append(", has larger consumption of memory. ");
            }
        }
        return m.toString();
    }

    private static long request(Container c) {
        Map<String, Quantity> r =
                c.getResources() == null ? null : c.getResources().getRequests();
        Quantity q = r == null ? null : r.get("memory");
        return q == null ? 0 : Quantity.getAmountInBytes(q).longValue();
    }
}
