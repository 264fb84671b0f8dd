package io.everynode.controllers.endpoints;

import static io.everynode.controllers.endpoints.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointSliceControllerTest {
    private final MapLister<Service> services = new MapLister<>();
    private final MapLister<Pod> pods = new MapLister<>();
    /** The informer's cache: it shows a write only when the test says so. */
    private final MapLister<EndpointSlice> cache = new MapLister<>();

    private final List<EndpointSlice> server = new ArrayList<>();
    private final List<String> writes = new ArrayList<>();
    private int names;

    private final EndpointSliceController controller = new EndpointSliceController(
            services,
            pods,
            cache,
            new MapLister<>(),
            new EndpointSliceActions() {
                @Override
                public EndpointSlice create(EndpointSlice s) {
                    EndpointSlice made = new EndpointSliceBuilder(s)
                            .editMetadata()
                            .withName(s.getMetadata().getGenerateName() + "x" + (++names))
                            .withResourceVersion(String.valueOf(10 + names))
                            .endMetadata()
                            .build();
                    writes.add("create " + made.getMetadata().getName());
                    server.add(made);
                    return made;
                }

                @Override
                public EndpointSlice update(EndpointSlice s) {
                    writes.add("update " + s.getMetadata().getName());
                    return s;
                }

                @Override
                public void delete(EndpointSlice s) {
                    writes.add("delete " + s.getMetadata().getName());
                }
            },
            new ManualClock(),
            SlicePlanner.MAX_PER_SLICE);

    @Test
    void aSyncBeforeTheCacheShowsTheCreatedSliceWaitsInsteadOfCreatingItAgain() {
        services.put(service());
        pods.put(ready("a", "node-1", "10.0.0.2"));

        assertThat(controller.sync("ns/exporter")).isTrue();
        assertThat(controller.sync("ns/exporter")).isFalse();
        server.forEach(cache::put);
        assertThat(controller.sync("ns/exporter")).isTrue();

        assertThat(writes).containsExactly("create exporter-x1");
    }

    @Test
    void slicesOfOtherServicesOrOtherManagersAreNotTouched() {
        services.put(service());
        cache.put(new EndpointSliceBuilder()
                .withNewMetadata()
                .withName("exporter-mirror")
                .withNamespace(NS)
                .addToLabels(SlicePlanner.SERVICE_NAME_LABEL, "exporter")
                .addToLabels(SlicePlanner.MANAGED_BY_LABEL, "someone-else")
                .endMetadata()
                .build());

        controller.sync("ns/exporter");

        assertThat(writes).containsExactly("create exporter-x1");
    }

    @Test
    void aServiceWithoutASelectorGetsNoSlices() {
        services.put(new ServiceBuilder(service())
                .editSpec()
                .withSelector(null)
                .endSpec()
                .build());

        controller.sync("ns/exporter");

        assertThat(writes).isEmpty();
    }
}
