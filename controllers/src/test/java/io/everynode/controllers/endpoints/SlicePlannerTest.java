package io.everynode.controllers.endpoints;

import static io.everynode.controllers.endpoints.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlicePlannerTest {
    private static final int MAX = SlicePlanner.MAX_PER_SLICE;

    /** A planned slice as the server stores it: named, with a resourceVersion. */
    private static EndpointSlice stored(EndpointSlice planned, String name) {
        return new EndpointSliceBuilder(planned)
                .editMetadata()
                .withName(name)
                .withGenerateName(null)
                .withResourceVersion("1")
                .endMetadata()
                .build();
    }

    private static List<Pod> readyPods(int n) {
        List<Pod> pods = new ArrayList<>();
        for (int i = 0; i < n; i++) pods.add(ready("p" + i, "node-" + i, "10.1." + (i / 200) + "." + (i % 200)));
        return pods;
    }

    private static List<String> podNames(EndpointSlice s) {
        return s.getEndpoints().stream().map(e -> e.getTargetRef().getName()).toList();
    }

    @Test
    void aNewServiceGetsOneSliceLabelledOwnedAndNamedAfterIt() {
        SlicePlan plan = SlicePlanner.plan(
                service(),
                List.of(ready("a", "node-1", "10.0.0.2"), notReady("b", "node-2", "10.0.0.3")),
                List.of(),
                MAX);

        assertThat(plan.update()).isEmpty();
        assertThat(plan.delete()).isEmpty();
        EndpointSlice s = plan.create().get(0);
        assertThat(plan.create()).hasSize(1);
        assertThat(s.getMetadata().getGenerateName()).isEqualTo("exporter-");
        assertThat(s.getMetadata().getNamespace()).isEqualTo(NS);
        assertThat(s.getMetadata().getLabels())
                .containsEntry("kubernetes.io/service-name", "exporter")
                .containsEntry("endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io");
        assertThat(s.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
            assertThat(o.getKind()).isEqualTo("Service");
            assertThat(o.getApiVersion()).isEqualTo("v1");
            assertThat(o.getName()).isEqualTo("exporter");
            assertThat(o.getUid()).isEqualTo("svc-uid-exporter");
            assertThat(o.getController()).isTrue();
        });
        assertThat(s.getAddressType()).isEqualTo("IPv4");
        assertThat(s.getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("metrics");
            assertThat(p.getPort()).isEqualTo(9100);
            assertThat(p.getProtocol()).isEqualTo("TCP");
        });
        Endpoint a = s.getEndpoints().get(0);
        assertThat(a.getAddresses()).containsExactly("10.0.0.2");
        assertThat(a.getNodeName()).isEqualTo("node-1");
        assertThat(a.getTargetRef().getName()).isEqualTo("a");
        assertThat(a.getTargetRef().getKind()).isEqualTo("Pod");
        assertThat(a.getConditions().getReady()).isTrue();
        assertThat(a.getConditions().getServing()).isTrue();
        assertThat(a.getConditions().getTerminating()).isFalse();
        Endpoint b = s.getEndpoints().get(1);
        assertThat(b.getConditions().getReady()).isFalse();
        assertThat(b.getConditions().getServing()).isFalse();
    }

    @Test
    void anEndpointCarriesTheZoneOfItsNode() {
        SlicePlan plan = SlicePlanner.plan(
                service(),
                List.of(ready("a", "node-1", "10.0.0.2"), ready("b", "node-2", "10.0.0.3")),
                List.of(),
                MAX,
                node -> node.equals("node-1") ? "zone-a" : null);

        assertThat(plan.create().get(0).getEndpoints())
                .extracting(Endpoint::getZone)
                .containsExactly("zone-a", null);
    }

    @Test
    void aTerminatingReadyPodStaysServingButNotReady() {
        SlicePlan plan =
                SlicePlanner.plan(service(), List.of(terminating(ready("a", "node-1", "10.0.0.2"))), List.of(), MAX);

        Endpoint a = plan.create().get(0).getEndpoints().get(0);
        assertThat(a.getConditions().getReady()).isFalse();
        assertThat(a.getConditions().getServing()).isTrue();
        assertThat(a.getConditions().getTerminating()).isTrue();
    }

    @Test
    void publishNotReadyAddressesMakesEveryEndpointReady() {
        var svc = service("exporter")
                .editSpec()
                .withPublishNotReadyAddresses(true)
                .endSpec()
                .build();

        SlicePlan plan = SlicePlanner.plan(svc, List.of(notReady("a", "node-1", "10.0.0.2")), List.of(), MAX);

        assertThat(plan.create().get(0).getEndpoints().get(0).getConditions().getReady())
                .isTrue();
    }

    @Test
    void twoHundredAndFiftyPodsFillThreeSlicesOfAtMostAHundred() {
        SlicePlan plan = SlicePlanner.plan(service(), readyPods(250), List.of(), MAX);

        assertThat(plan.create()).extracting(s -> s.getEndpoints().size()).containsExactly(100, 100, 50);
    }

    @Test
    void theSameWorldPlansNothingTheSecondTime() {
        List<Pod> pods = readyPods(150);
        SlicePlan first = SlicePlanner.plan(service(), pods, List.of(), MAX);
        List<EndpointSlice> stored = List.of(
                stored(first.create().get(0), "exporter-aaaaa"),
                stored(first.create().get(1), "exporter-bbbbb"));

        assertThat(SlicePlanner.plan(service(), pods, stored, MAX).isEmpty()).isTrue();
    }

    @Test
    void aPodTurningNotReadyUpdatesOnlyTheSliceThatHoldsIt() {
        List<Pod> pods = new ArrayList<>(readyPods(150));
        SlicePlan first = SlicePlanner.plan(service(), pods, List.of(), MAX);
        EndpointSlice one = stored(first.create().get(0), "exporter-aaaaa");
        EndpointSlice two = stored(first.create().get(1), "exporter-bbbbb");
        String inTwo = two.getEndpoints().get(0).getTargetRef().getName();
        pods.replaceAll(p -> p.getMetadata().getName().equals(inTwo)
                ? notReady(inTwo, p.getSpec().getNodeName(), p.getStatus().getPodIP())
                : p);

        SlicePlan plan = SlicePlanner.plan(service(), pods, List.of(one, two), MAX);

        assertThat(plan.create()).isEmpty();
        assertThat(plan.delete()).isEmpty();
        assertThat(plan.update()).singleElement().satisfies(s -> {
            assertThat(s.getMetadata().getName()).isEqualTo("exporter-bbbbb");
            assertThat(s.getMetadata().getResourceVersion()).isEqualTo("1");
            assertThat(s.getEndpoints())
                    .filteredOn(e -> e.getTargetRef().getName().equals(inTwo))
                    .singleElement()
                    .satisfies(e -> assertThat(e.getConditions().getReady()).isFalse());
        });
    }

    @Test
    void newPodsFillAnExistingSliceBeforeANewOneIsMade() {
        SlicePlan first = SlicePlanner.plan(service(), readyPods(90), List.of(), MAX);
        EndpointSlice s = stored(first.create().get(0), "exporter-aaaaa");

        SlicePlan plan = SlicePlanner.plan(service(), readyPods(120), List.of(s), MAX);

        assertThat(plan.update())
                .singleElement()
                .satisfies(u -> assertThat(u.getEndpoints()).hasSize(100));
        assertThat(plan.create())
                .singleElement()
                .satisfies(c -> assertThat(c.getEndpoints()).hasSize(20));
    }

    @Test
    void aSliceOverTheLimitShedsItsSurplusToANewSliceLosingNone() {
        List<Pod> pods = readyPods(150);
        EndpointSlice big = stored(
                SlicePlanner.plan(service(), pods, List.of(), 200).create().get(0), "exporter-aaaaa");

        SlicePlan plan = SlicePlanner.plan(service(), pods, List.of(big), MAX);

        assertThat(plan.update())
                .singleElement()
                .satisfies(u -> assertThat(u.getEndpoints()).hasSize(100));
        assertThat(plan.create())
                .singleElement()
                .satisfies(c -> assertThat(c.getEndpoints()).hasSize(50));
    }

    @Test
    void aSliceWhosePodsAreAllGoneIsDeleted() {
        List<Pod> pods = readyPods(150);
        SlicePlan first = SlicePlanner.plan(service(), pods, List.of(), MAX);
        EndpointSlice one = stored(first.create().get(0), "exporter-aaaaa");
        EndpointSlice two = stored(first.create().get(1), "exporter-bbbbb");
        List<String> inTwo = podNames(two);
        List<Pod> left = pods.stream()
                .filter(p -> !inTwo.contains(p.getMetadata().getName()))
                .toList();

        SlicePlan plan = SlicePlanner.plan(service(), left, List.of(one, two), MAX);

        assertThat(plan.delete()).extracting(x -> x.getMetadata().getName()).containsExactly("exporter-bbbbb");
        assertThat(plan.update()).isEmpty();
        assertThat(plan.create()).isEmpty();
    }

    @Test
    void aServiceWithoutEndpointsKeepsOneEmptySliceWithoutPorts() {
        SlicePlan fresh = SlicePlanner.plan(service(), List.of(), List.of(), MAX);
        assertThat(fresh.create()).singleElement().satisfies(s -> {
            assertThat(s.getEndpoints()).isNullOrEmpty();
            assertThat(s.getPorts()).isNullOrEmpty();
        });

        SlicePlan first = SlicePlanner.plan(service(), readyPods(150), List.of(), MAX);
        EndpointSlice one = stored(first.create().get(0), "exporter-aaaaa");
        EndpointSlice two = stored(first.create().get(1), "exporter-bbbbb");
        SlicePlan emptied = SlicePlanner.plan(service(), List.of(), List.of(one, two), MAX);

        assertThat(emptied.create()).isEmpty();
        assertThat(emptied.update()).singleElement().satisfies(s -> {
            assertThat(s.getMetadata().getName()).isEqualTo("exporter-aaaaa");
            assertThat(s.getEndpoints()).isNullOrEmpty();
            assertThat(s.getPorts()).isNullOrEmpty();
        });
        assertThat(emptied.delete()).extracting(x -> x.getMetadata().getName()).containsExactly("exporter-bbbbb");
    }

    @Test
    void aChangedServicePortReplacesTheSlicesOfTheOldPortSet() {
        SlicePlan first = SlicePlanner.plan(service(), readyPods(3), List.of(), MAX);
        EndpointSlice old = stored(first.create().get(0), "exporter-aaaaa");
        var svc = service("exporter")
                .editSpec()
                .editFirstPort()
                .withTargetPort(new io.fabric8.kubernetes.api.model.IntOrString(9200))
                .endPort()
                .endSpec()
                .build();

        SlicePlan plan = SlicePlanner.plan(svc, readyPods(3), List.of(old), MAX);

        assertThat(plan.delete()).containsExactly(old);
        assertThat(plan.create())
                .singleElement()
                .satisfies(s -> assertThat(s.getPorts().get(0).getPort()).isEqualTo(9200));
    }

    @Test
    void podsWithAnIpv6AddressAreNotInIpv4Slices() {
        SlicePlan plan = SlicePlanner.plan(
                service(), List.of(ready("a", "node-1", "fd00::2"), ready("b", "node-2", "10.0.0.3")), List.of(), MAX);

        assertThat(podNames(plan.create().get(0))).containsExactly("b");
    }
}
