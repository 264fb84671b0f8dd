package io.everynode.controllers.endpoints;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.Map;

/** Services and pods as the planners' tests need them, in namespace {@code ns}. */
final class Fixtures {
    static final String NS = "ns";

    private Fixtures() {}

    /** Service {@code name} selecting {@code app=exporter}, port "metrics" 9100 → targetPort 9100. */
    static ServiceBuilder service(String name) {
        return new ServiceBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .withUid("svc-uid-" + name)
                .endMetadata()
                .withNewSpec()
                .withSelector(Map.of("app", "exporter"))
                .withPorts(new ServicePortBuilder()
                        .withName("metrics")
                        .withPort(9100)
                        .withProtocol("TCP")
                        .withTargetPort(new IntOrString(9100))
                        .build())
                .endSpec();
    }

    static Service service() {
        return service("exporter").build();
    }

    /** A running pod labelled {@code app=exporter} on {@code node}, with IP {@code ip}, Ready or not. */
    static PodBuilder pod(String name, String node, String ip, boolean ready) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .withUid("uid-" + name)
                .withLabels(Map.of("app", "exporter"))
                .endMetadata()
                .withNewSpec()
                .withNodeName(node)
                .addNewContainer()
                .withName("exporter")
                .withImage("exporter:1")
                .addNewPort()
                .withName("http-metrics")
                .withContainerPort(9100)
                .withProtocol("TCP")
                .endPort()
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase("Running")
                .withPodIP(ip)
                .addNewCondition()
                .withType("Ready")
                .withStatus(ready ? "True" : "False")
                .endCondition()
                .endStatus();
    }

    static Pod ready(String name, String node, String ip) {
        return pod(name, node, ip, true).build();
    }

    static Pod notReady(String name, String node, String ip) {
        return pod(name, node, ip, false).build();
    }

    static Pod terminating(Pod p) {
        return new PodBuilder(p)
                .editMetadata()
                .withDeletionTimestamp("2026-01-01T00:00:00Z")
                .endMetadata()
                .build();
    }
}
