package io.everynode.controllers.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.client.ApiError;
import io.everynode.client.PatchType;
import io.everynode.controllers.testing.InProcessCluster;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Endpoints and EndpointSlice controllers run by the manager against a real API server; the
 * test writes the pods' status (IP, readiness) as a node agent would.
 */
class EndpointsThroughTheApiIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String NS = InProcessCluster.NS;

    private InProcessCluster cluster;

    @BeforeEach
    void start() throws Exception {
        cluster = new InProcessCluster(ControllerManagerConfig.defaults()
                .withControllers(ControllerManager.ENDPOINTS, ControllerManager.ENDPOINT_SLICE));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private Service service(String name) {
        return cluster.client.create(new ServiceBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .endMetadata()
                .withNewSpec()
                .withSelector(Map.of("app", "exporter"))
                .addNewPort()
                .withName("metrics")
                .withPort(9100)
                .withProtocol("TCP")
                .withTargetPort(new IntOrString("http-metrics"))
                .endPort()
                .endSpec()
                .build());
    }

    /** A pod of the exporter on {@code node}, with container port http-metrics 9100; no status yet. */
    private void pod(String name, String node) {
        cluster.client.create(InProcessCluster.pod(name, null, null)
                .editMetadata()
                .addToLabels("app", "exporter")
                .endMetadata()
                .editSpec()
                .withNodeName(node)
                .editFirstContainer()
                .addNewPort()
                .withName("http-metrics")
                .withContainerPort(9100)
                .endPort()
                .endContainer()
                .endSpec()
                .build());
    }

    /** What the node agent reports: Running with this IP, Ready or not. */
    private void status(String pod, String ip, boolean ready) {
        cluster.client.patch(
                Pod.class,
                NS,
                pod,
                PatchType.STRATEGIC,
                "{\"status\":{\"phase\":\"Running\",\"podIP\":\"" + ip
                        + "\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"" + (ready ? "True" : "False")
                        + "\"}]}}",
                "status");
    }

    private Optional<Endpoints> endpoints(String name) {
        try {
            return Optional.of(cluster.client.get(Endpoints.class, NS, name));
        } catch (ApiError e) {
            if (e.isNotFound()) return Optional.empty();
            throw e;
        }
    }

    /** "ip@node" of the ready and of the not-ready addresses of the Endpoints' subsets. */
    private List<List<String>> addresses(String name) {
        List<EndpointSubset> subsets =
                endpoints(name).map(Endpoints::getSubsets).orElse(List.of());
        List<String> ready = subsets.stream()
                .flatMap(s -> s.getAddresses().stream())
                .map(EndpointsThroughTheApiIT::at)
                .sorted()
                .toList();
        List<String> notReady = subsets.stream()
                .flatMap(s -> s.getNotReadyAddresses().stream())
                .map(EndpointsThroughTheApiIT::at)
                .sorted()
                .toList();
        return List.of(ready, notReady);
    }

    private static String at(EndpointAddress a) {
        return a.getIp() + "@" + a.getNodeName();
    }

    private List<EndpointSlice> slices(String service) {
        return cluster.client.list(EndpointSlice.class, NS).items().stream()
                .filter(s -> service.equals(s.getMetadata().getLabels().get("kubernetes.io/service-name")))
                .toList();
    }

    /** "pod:ready/serving/terminating" of every endpoint of the Service's slices. */
    private List<String> sliceEndpoints(String service) {
        return slices(service).stream()
                .flatMap(s -> s.getEndpoints().stream())
                .map(EndpointsThroughTheApiIT::conditions)
                .sorted()
                .toList();
    }

    private static String conditions(Endpoint e) {
        return e.getTargetRef().getName() + ":" + e.getConditions().getReady() + "/"
                + e.getConditions().getServing() + "/" + e.getConditions().getTerminating();
    }

    @Test
    void readyAndNotReadyPodsAreListedAsTheirReadinessChanges() {
        service("exporter");
        pod("a", "node-1");
        pod("b", "node-2");
        pod("c", "node-3");
        status("a", "10.0.0.1", true);
        status("b", "10.0.0.2", true);
        status("c", "10.0.0.3", false);

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(addresses("exporter"))
                        .containsExactly(List.of("10.0.0.1@node-1", "10.0.0.2@node-2"), List.of("10.0.0.3@node-3")));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(sliceEndpoints("exporter"))
                        .containsExactly("a:true/true/false", "b:true/true/false", "c:false/false/false"));
        EndpointSubset subset = endpoints("exporter").orElseThrow().getSubsets().get(0);
        assertThat(subset.getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("metrics");
            assertThat(p.getPort()).isEqualTo(9100);
        });
        assertThat(subset.getAddresses().get(0).getTargetRef().getName()).isEqualTo("a");

        status("a", "10.0.0.1", false);
        status("c", "10.0.0.3", true);

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(addresses("exporter"))
                        .containsExactly(List.of("10.0.0.2@node-2", "10.0.0.3@node-3"), List.of("10.0.0.1@node-1")));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(sliceEndpoints("exporter"))
                        .containsExactly("a:false/false/false", "b:true/true/false", "c:true/true/false"));
        assertThat(slices("exporter")).singleElement().satisfies(s -> {
            assertThat(s.getMetadata().getName()).startsWith("exporter-");
            assertThat(s.getMetadata().getLabels())
                    .containsEntry("endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io");
            assertThat(s.getAddressType()).isEqualTo("IPv4");
            assertThat(s.getPorts().get(0).getPort()).isEqualTo(9100);
        });
    }

    @Test
    void aTerminatingPodLeavesTheEndpointsAndShowsAsTerminatingInItsSlice() {
        service("exporter");
        pod("a", "node-1");
        pod("b", "node-2");
        status("a", "10.0.0.1", true);
        status("b", "10.0.0.2", true);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(addresses("exporter").get(0)).hasSize(2));

        cluster.client.delete(Pod.class, NS, "b"); // graceful: stays, terminating, until its agent finishes it

        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertThat(addresses("exporter")).containsExactly(List.of("10.0.0.1@node-1"), List.of()));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(sliceEndpoints("exporter"))
                        .containsExactly("a:true/true/false", "b:false/true/true"));
    }

    @Test
    void deletingTheServiceDeletesItsEndpointsAndSlices() {
        service("exporter");
        pod("a", "node-1");
        status("a", "10.0.0.1", true);
        await().atMost(WAIT)
                .until(() ->
                        endpoints("exporter").isPresent() && !slices("exporter").isEmpty());

        cluster.client.delete(Service.class, NS, "exporter");

        await().atMost(WAIT)
                .until(() ->
                        endpoints("exporter").isEmpty() && slices("exporter").isEmpty());
    }

    @Test
    void endpointsDeletedByHandComeBackAndAServiceWithoutSelectorKeepsItsOwn() {
        service("exporter");
        pod("a", "node-1");
        status("a", "10.0.0.1", true);
        cluster.client.create(new ServiceBuilder()
                .withNewMetadata()
                .withName("external")
                .withNamespace(NS)
                .endMetadata()
                .withNewSpec()
                .addNewPort()
                .withPort(5432)
                .endPort()
                .endSpec()
                .build());
        cluster.client.create(new EndpointsBuilder()
                .withNewMetadata()
                .withName("external")
                .withNamespace(NS)
                .endMetadata()
                .addNewSubset()
                .addNewAddress()
                .withIp("192.0.2.10")
                .endAddress()
                .addNewPort()
                .withPort(5432)
                .endPort()
                .endSubset()
                .build());
        await().atMost(WAIT).until(() -> endpoints("exporter").isPresent());

        cluster.client.delete(Endpoints.class, NS, "exporter");

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(addresses("exporter").get(0)).containsExactly("10.0.0.1@node-1"));
        assertThat(endpoints("external").orElseThrow().getSubsets().get(0).getAddresses())
                .extracting(EndpointAddress::getIp)
                .containsExactly("192.0.2.10");
        assertThat(slices("external")).isEmpty();
    }

    @Test
    void aServiceWithoutPodsHasEmptyEndpointsAndOnePlaceholderSlice() {
        service("exporter");

        await().atMost(WAIT)
                .until(() ->
                        endpoints("exporter").isPresent() && slices("exporter").size() == 1);
        assertThat(endpoints("exporter").orElseThrow().getSubsets()).isNullOrEmpty();
        assertThat(slices("exporter").get(0).getEndpoints()).isNullOrEmpty();
    }
}
