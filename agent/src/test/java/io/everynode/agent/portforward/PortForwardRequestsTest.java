package io.everynode.agent.portforward;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PortForwardRequestsTest {
    @Test
    void aPathNamesTheNamespaceAndPodWithOrWithoutTheUid() {
        assertThat(PortForwardRequests.parse("/portForward/default/web"))
                .hasValueSatisfying(p -> assertThat(p).containsExactly("default", "web"));
        assertThat(PortForwardRequests.parse("/portForward/kube-system/a%2Bb/1234-uid"))
                .hasValueSatisfying(p -> assertThat(p).containsExactly("kube-system", "a+b"));
    }

    @Test
    void aPathWithTooFewOrTooManyOrEmptySegmentsIsNotAPortForward() {
        assertThat(PortForwardRequests.parse("/portForward/default")).isEmpty();
        assertThat(PortForwardRequests.parse("/portForward/default//")).isEmpty();
        assertThat(PortForwardRequests.parse("/portForward/a/b/c/d")).isEmpty();
        assertThat(PortForwardRequests.parse("/exec/a/b/c")).isEmpty();
    }

    @Test
    void aStreamsPortHeaderMustBeAPortNumber() {
        assertThat(PortForwardSession.port("8080")).isEqualTo(8080);
        assertThat(PortForwardSession.port(" 1 ")).isEqualTo(1);
        assertThat(PortForwardSession.port("0")).isEqualTo(-1);
        assertThat(PortForwardSession.port("65536")).isEqualTo(-1);
        assertThat(PortForwardSession.port("http")).isEqualTo(-1);
        assertThat(PortForwardSession.port(null)).isEqualTo(-1);
    }
}
