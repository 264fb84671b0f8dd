package io.everynode.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProbersTest {
    private static final Container C = new ContainerBuilder()
            .withName("web")
            .addNewPort()
            .withName("http")
            .withContainerPort(8080)
            .endPort()
            .addNewPort()
            .withName("metrics")
            .withContainerPort(9090)
            .endPort()
            .build();

    @ParameterizedTest(name = "{0} is port {1}")
    @CsvSource({"http, 8080", "metrics, 9090", "7070, 7070"})
    void aNamedPortResolvesAmongTheContainersPorts(String port, int expected) {
        assertThat(Probers.port(new IntOrString(port), C)).isEqualTo(expected);
    }

    @Test
    void aNumberedPortIsTakenAsIs() {
        assertThat(Probers.port(new IntOrString(81), C)).isEqualTo(81);
    }

    @Test
    void anUnknownPortNameIsAnErrorNamingIt() {
        assertThatThrownBy(() -> Probers.port(new IntOrString("grpc"), C))
                .hasMessage("couldn't find port: grpc in container web");
    }
}
