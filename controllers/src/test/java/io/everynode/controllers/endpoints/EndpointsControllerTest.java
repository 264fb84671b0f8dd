package io.everynode.controllers.endpoints;

import static io.everynode.controllers.endpoints.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointsControllerTest {
    private final MapLister<Service> services = new MapLister<>();
    private final MapLister<Pod> pods = new MapLister<>();
    private final MapLister<Endpoints> endpoints = new MapLister<>();
    private final List<String> writes = new ArrayList<>();
    private final EndpointsController controller =
            new EndpointsController(services, pods, endpoints, new EndpointsActions() {
                @Override
                public void create(Endpoints e) {
                    writes.add("create " + e.getMetadata().getName());
                    endpoints.put(e);
                }

                @Override
                public void update(Endpoints e) {
                    writes.add("update " + e.getMetadata().getName());
                    endpoints.put(e);
                }

                @Override
                public void delete(String namespace, String name) {
                    writes.add("delete " + name);
                }
            });

    @Test
    void aServiceWithASelectorGetsItsEndpointsOnceAndAgainOnlyWhenAPodChanges() {
        services.put(service());
        pods.put(ready("a", "node-1", "10.0.0.2"));

        controller.sync("ns/exporter");
        controller.sync("ns/exporter");
        pods.put(notReady("a", "node-1", "10.0.0.2"));
        controller.sync("ns/exporter");

        assertThat(writes).containsExactly("create exporter", "update exporter");
        assertThat(endpoints
                        .get("ns/exporter")
                        .orElseThrow()
                        .getSubsets()
                        .get(0)
                        .getNotReadyAddresses())
                .hasSize(1);
    }

    @Test
    void podsOfOtherNamespacesOrLabelsAreNotSelected() {
        services.put(service());
        pods.put(new io.fabric8.kubernetes.api.model.PodBuilder(ready("x", "node-1", "10.0.0.7"))
                .editMetadata()
                .withNamespace("elsewhere")
                .endMetadata()
                .build());
        pods.put(new io.fabric8.kubernetes.api.model.PodBuilder(ready("y", "node-1", "10.0.0.8"))
                .editMetadata()
                .withLabels(java.util.Map.of("app", "other"))
                .endMetadata()
                .build());

        controller.sync("ns/exporter");

        assertThat(endpoints.get("ns/exporter").orElseThrow().getSubsets()).isNullOrEmpty();
    }

    @Test
    void aServiceWithoutASelectorIsLeftAlone() {
        services.put(new ServiceBuilder(service())
                .editSpec()
                .withSelector(null)
                .endSpec()
                .build());
        endpoints.put(new EndpointsBuilder()
                .withNewMetadata()
                .withName("exporter")
                .withNamespace(NS)
                .endMetadata()
                .addNewSubset()
                .addNewAddress()
                .withIp("192.168.1.1")
                .endAddress()
                .endSubset()
                .build());

        controller.sync("ns/exporter");

        assertThat(writes).isEmpty();
    }

    @Test
    void theEndpointsOfADeletedServiceAreDeleted() {
        endpoints.put(EndpointsPlanner.desired(service(), List.of()));

        controller.sync("ns/exporter");
        controller.sync("ns/gone-and-never-had-endpoints");

        assertThat(writes).containsExactly("delete exporter");
    }
}
