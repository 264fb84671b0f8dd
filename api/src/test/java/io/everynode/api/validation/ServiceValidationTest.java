package io.everynode.api.validation;

import static io.everynode.api.validation.Fixtures.messages;
import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.defaults.ServiceDefaults;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ServiceValidationTest {

    static Service service() {
        Service s = new ServiceBuilder()
                .withNewMetadata()
                .withName("node-exporter")
                .withNamespace("monitoring")
                .endMetadata()
                .withNewSpec()
                .addToSelector("app", "node-exporter")
                .addNewPort()
                .withName("metrics")
                .withPort(9100)
                .endPort()
                .endSpec()
                .build();
        ServiceDefaults.apply(s);
        s.getSpec().setPorts(new ArrayList<>(s.getSpec().getPorts()));
        return s;
    }

    static ServicePort port(String name, int port) {
        return new ServicePortBuilder()
                .withName(name)
                .withPort(port)
                .withProtocol("TCP")
                .withTargetPort(new IntOrString(port))
                .build();
    }

    static Arguments row(String name, Consumer<Service> breakIt, String... expected) {
        return Arguments.of(name, breakIt, List.of(expected));
    }

    static Stream<Arguments> createCases() {
        return Stream.of(
                row("valid service", s -> {}),
                row(
                        "name must be a DNS-1035 label",
                        s -> s.getMetadata().setName("9exporter"),
                        "metadata.name: Invalid value: \"9exporter\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"),
                row(
                        "unknown type",
                        s -> s.getSpec().setType("Magic"),
                        "spec.type: Unsupported value: \"Magic\": supported values: \"ClusterIP\", \"NodePort\", \"LoadBalancer\", \"ExternalName\""),
                row("ports required", s -> s.getSpec().setPorts(List.of()), "spec.ports: Required value"),
                row("headless needs no ports", s -> {
                    s.getSpec().setPorts(List.of());
                    s.getSpec().setClusterIP("None");
                }),
                row(
                        "port out of range",
                        s -> s.getSpec().getPorts().get(0).setPort(70000),
                        "spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive"),
                row(
                        "targetPort out of range",
                        s -> s.getSpec().getPorts().get(0).setTargetPort(new IntOrString(0)),
                        "spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive"),
                row(
                        "names required with several ports",
                        s -> s.getSpec().getPorts().add(port("", 9101)),
                        "spec.ports[1].name: Required value"),
                row(
                        "names unique",
                        s -> s.getSpec().getPorts().add(port("metrics", 9101)),
                        "spec.ports[1].name: Duplicate value: \"metrics\""),
                row(
                        "protocol",
                        s -> s.getSpec().getPorts().get(0).setProtocol("HTTP"),
                        "spec.ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"TCP\", \"UDP\", \"SCTP\""),
                row(
                        "nodePort on a ClusterIP service",
                        s -> s.getSpec().getPorts().get(0).setNodePort(30080),
                        "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"),
                row(
                        "clusterIP that is no address",
                        s -> s.getSpec().setClusterIP("10.96.0.300"),
                        "spec.clusterIP: Invalid value: \"10.96.0.300\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"),
                row(
                        "headless NodePort",
                        s -> {
                            s.getSpec().setType("NodePort");
                            s.getSpec().setClusterIP("None");
                        },
                        "spec.clusterIP: Invalid value: \"None\": may not be set to 'None' for LoadBalancer or NodePort services"),
                row(
                        "ExternalName needs its name",
                        s -> s.getSpec().setType("ExternalName"),
                        "spec.externalName: Required value"),
                row(
                        "named targetPort",
                        s -> s.getSpec().getPorts().get(0).setTargetPort(new IntOrString("Metrics_")),
                        "spec.ports[0].targetPort: Invalid value: \"Metrics_\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("createCases")
    void createIsValidatedLikeKubeApiserver(String name, Consumer<Service> breakIt, List<String> expected) {
        Service s = service();
        breakIt.accept(s);
        assertThat(messages(ServiceValidation.validateCreate(s))).containsExactlyElementsOf(expected);
    }

    @Test
    void theClusterIpOnceSetIsImmutable() {
        Service old = service();
        old.getSpec().setClusterIP("10.96.0.10");
        Service updated = new ServiceBuilder(old).build();
        updated.getSpec().setClusterIP("10.96.0.11");
        assertThat(messages(ServiceValidation.validateUpdate(updated, old)))
                .containsExactly("spec.clusterIP: Invalid value: \"10.96.0.11\": field is immutable");
    }

    @Test
    void defaultsGiveTypeProtocolTargetPortAndAffinity() {
        Service s = new ServiceBuilder()
                .withNewSpec()
                .addNewPort()
                .withPort(80)
                .endPort()
                .endSpec()
                .build();
        ServiceDefaults.apply(s);
        assertThat(s.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(s.getSpec().getSessionAffinity()).isEqualTo("None");
        assertThat(s.getSpec().getInternalTrafficPolicy()).isEqualTo("Cluster");
        assertThat(s.getSpec().getExternalTrafficPolicy()).isNull();
        assertThat(s.getSpec().getPorts().get(0).getProtocol()).isEqualTo("TCP");
        assertThat(s.getSpec().getPorts().get(0).getTargetPort()).isEqualTo(new IntOrString(80));
    }

    @Test
    void aNodePortServiceDefaultsItsExternalTrafficPolicy() {
        Service s = new ServiceBuilder()
                .withNewSpec()
                .withType("NodePort")
                .endSpec()
                .build();
        ServiceDefaults.apply(s);
        assertThat(s.getSpec().getExternalTrafficPolicy()).isEqualTo("Cluster");
    }
}
