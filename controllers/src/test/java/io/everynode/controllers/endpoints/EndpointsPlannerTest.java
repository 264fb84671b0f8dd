package io.everynode.controllers.endpoints;

import static io.everynode.controllers.endpoints.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointsPlannerTest {

    private static List<String> ips(List<EndpointAddress> addresses) {
        return addresses == null
                ? List.of()
                : addresses.stream().map(EndpointAddress::getIp).toList();
    }

    @Test
    void readyPodsAreAddressesAndNotReadyOnesNotReadyAddressesInOneSubsetSortedByIp() {
        Endpoints e = EndpointsPlanner.desired(
                service(),
                List.of(
                        ready("b", "node-2", "10.0.0.3"),
                        notReady("c", "node-3", "10.0.0.4"),
                        ready("a", "node-1", "10.0.0.2")));

        assertThat(e.getMetadata().getName()).isEqualTo("exporter");
        assertThat(e.getMetadata().getNamespace()).isEqualTo(NS);
        assertThat(e.getSubsets()).hasSize(1);
        EndpointSubset s = e.getSubsets().get(0);
        assertThat(ips(s.getAddresses())).containsExactly("10.0.0.2", "10.0.0.3");
        assertThat(ips(s.getNotReadyAddresses())).containsExactly("10.0.0.4");
        assertThat(s.getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("metrics");
            assertThat(p.getPort()).isEqualTo(9100);
            assertThat(p.getProtocol()).isEqualTo("TCP");
        });
    }

    @Test
    void anAddressNamesItsNodeAndPointsAtItsPod() {
        Endpoints e = EndpointsPlanner.desired(service(), List.of(ready("a", "node-1", "10.0.0.2")));

        EndpointAddress a = e.getSubsets().get(0).getAddresses().get(0);
        assertThat(a.getNodeName()).isEqualTo("node-1");
        assertThat(a.getTargetRef().getKind()).isEqualTo("Pod");
        assertThat(a.getTargetRef().getNamespace()).isEqualTo(NS);
        assertThat(a.getTargetRef().getName()).isEqualTo("a");
        assertThat(a.getTargetRef().getUid()).isEqualTo("uid-a");
    }

    @Test
    void podsOnTheSameHostIpStayOneAddressEachAsHostNetworkPodsOnSimulatedNodesAre() {
        Endpoints e = EndpointsPlanner.desired(
                service(),
                List.of(
                        ready("a", "node-1", "127.0.0.1"),
                        ready("b", "node-2", "127.0.0.1"),
                        ready("c", "node-3", "127.0.0.1")));

        assertThat(e.getSubsets().get(0).getAddresses())
                .extracting(EndpointAddress::getNodeName)
                .containsExactly("node-1", "node-2", "node-3");
    }

    @Test
    void publishNotReadyAddressesListsEveryPodAsReady() {
        Service svc = service("exporter")
                .editSpec()
                .withPublishNotReadyAddresses(true)
                .endSpec()
                .build();

        Endpoints e = EndpointsPlanner.desired(
                svc, List.of(ready("a", "node-1", "10.0.0.2"), notReady("b", "node-2", "10.0.0.3")));

        assertThat(ips(e.getSubsets().get(0).getAddresses())).containsExactly("10.0.0.2", "10.0.0.3");
        assertThat(e.getSubsets().get(0).getNotReadyAddresses()).isNullOrEmpty();
    }

    @Test
    void terminatingPodsPodsWithoutAnIpAndFinishedPodsAreLeftOut() {
        Pod noIp = pod("noip", "node-1", null, false).build();
        Pod finished = new PodBuilder(ready("done", "node-1", "10.0.0.9"))
                .editSpec()
                .withRestartPolicy("Never")
                .endSpec()
                .editStatus()
                .withPhase("Succeeded")
                .endStatus()
                .build();

        Endpoints e = EndpointsPlanner.desired(
                service(),
                List.of(terminating(ready("gone", "node-1", "10.0.0.5")), noIp, finished, ready("a", "n", "10.0.0.2")));

        assertThat(e.getSubsets()).hasSize(1);
        assertThat(ips(e.getSubsets().get(0).getAddresses())).containsExactly("10.0.0.2");
        assertThat(e.getSubsets().get(0).getNotReadyAddresses()).isNullOrEmpty();
    }

    @Test
    void aServiceWithNoPodsHasAnEndpointsObjectWithoutSubsets() {
        assertThat(EndpointsPlanner.desired(service(), List.of()).getSubsets()).isNullOrEmpty();
    }

    @Test
    void aNamedTargetPortResolvesToEachPodsOwnContainerPortAndPodsWithDifferentNumbersGetTheirOwnSubset() {
        Service svc = service("exporter")
                .editSpec()
                .withPorts(new ServicePortBuilder()
                        .withName("metrics")
                        .withPort(80)
                        .withTargetPort(new IntOrString("http-metrics"))
                        .build())
                .endSpec()
                .build();
        Pod other = new PodBuilder(ready("b", "node-2", "10.0.0.3"))
                .editSpec()
                .editFirstContainer()
                .editFirstPort()
                .withContainerPort(9200)
                .endPort()
                .endContainer()
                .endSpec()
                .build();

        Endpoints e = EndpointsPlanner.desired(svc, List.of(ready("a", "node-1", "10.0.0.2"), other));

        assertThat(e.getSubsets()).hasSize(2);
        assertThat(e.getSubsets())
                .extracting(s -> s.getPorts().get(0).getPort() + "@" + ips(s.getAddresses()))
                .containsExactlyInAnyOrder("9100@[10.0.0.2]", "9200@[10.0.0.3]");
        assertThat(e.getSubsets().get(0).getPorts().get(0).getProtocol()).isEqualTo("TCP");
    }

    @Test
    void aPodThatDeclaresNoPortOfTheNameIsLeftOut() {
        Service svc = service("exporter")
                .editSpec()
                .withPorts(new ServicePortBuilder()
                        .withName("metrics")
                        .withPort(80)
                        .withTargetPort(new IntOrString("no-such-port"))
                        .build())
                .endSpec()
                .build();

        assertThat(EndpointsPlanner.desired(svc, List.of(ready("a", "node-1", "10.0.0.2")))
                        .getSubsets())
                .isNullOrEmpty();
    }

    @Test
    void aHeadlessServiceWithoutPortsListsAddressesWithoutPortsAndIsLabelledHeadless() {
        Service svc = new ServiceBuilder(service())
                .editSpec()
                .withClusterIP("None")
                .withPorts(List.of())
                .endSpec()
                .build();

        Endpoints e = EndpointsPlanner.desired(svc, List.of(ready("a", "node-1", "10.0.0.2")));

        assertThat(ips(e.getSubsets().get(0).getAddresses())).containsExactly("10.0.0.2");
        assertThat(e.getSubsets().get(0).getPorts()).isNullOrEmpty();
        assertThat(e.getMetadata().getLabels()).containsEntry(ServiceSelection.HEADLESS_LABEL, "");
    }

    @Test
    void theServicesLabelsAreCopied() {
        Service svc = service("exporter")
                .editMetadata()
                .addToLabels("team", "obs")
                .endMetadata()
                .build();

        assertThat(EndpointsPlanner.desired(svc, List.of()).getMetadata().getLabels())
                .containsEntry("team", "obs");
    }

    @Test
    void pastTheCapacityReadyAddressesAreKeptAndTheObjectSaysItWasTruncated() {
        List<Pod> pods = new ArrayList<>();
        pods.add(notReady("slow", "node-0", "10.9.9.9"));
        for (int i = 0; i < EndpointsPlanner.MAX_ADDRESSES; i++) {
            pods.add(ready("p" + i, "node-" + i, "10." + (i / 250) + "." + (i % 250) + ".1"));
        }

        Endpoints e = EndpointsPlanner.desired(service(), pods);

        assertThat(e.getSubsets().get(0).getAddresses()).hasSize(EndpointsPlanner.MAX_ADDRESSES);
        assertThat(e.getSubsets().get(0).getNotReadyAddresses()).isNullOrEmpty();
        assertThat(e.getMetadata().getAnnotations()).containsEntry(EndpointsPlanner.OVER_CAPACITY, "truncated");
    }

    @Test
    void anObjectAsPlannedIsUpToDateAndOneWithAStaleAddressIsNot() {
        Endpoints planned = EndpointsPlanner.desired(service(), List.of(ready("a", "node-1", "10.0.0.2")));
        Endpoints stored = new EndpointsBuilder(planned)
                .editMetadata()
                .withResourceVersion("7")
                .addToAnnotations("note", "users")
                .endMetadata()
                .build();
        Endpoints next = EndpointsPlanner.desired(service(), List.of(notReady("a", "node-1", "10.0.0.2")));

        assertThat(EndpointsPlanner.upToDate(stored, planned)).isTrue();
        assertThat(EndpointsPlanner.upToDate(stored, next)).isFalse();
        Endpoints merged = EndpointsPlanner.merged(stored, next);
        assertThat(merged.getMetadata().getResourceVersion()).isEqualTo("7");
        assertThat(merged.getMetadata().getAnnotations()).containsEntry("note", "users");
        assertThat(ips(merged.getSubsets().get(0).getNotReadyAddresses())).containsExactly("10.0.0.2");
    }
}
