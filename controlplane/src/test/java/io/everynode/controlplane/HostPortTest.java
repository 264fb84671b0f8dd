package io.everynode.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostPortTest {
    @Test
    void anIpv6LiteralIsBracketedInTheUrl() {
        assertThat(HostPort.httpUrl("::1", 6443)).isEqualTo("http://[::1]:6443");
        assertThat(HostPort.of("0:0:0:0:0:0:0:1", 8080)).isEqualTo("[0:0:0:0:0:0:0:1]:8080");
    }

    @Test
    void anIpv4AddressOrAHostNameIsWrittenAsItIs() {
        assertThat(HostPort.httpUrl("127.0.0.1", 6443)).isEqualTo("http://127.0.0.1:6443");
        assertThat(HostPort.httpUrl("localhost", 0)).isEqualTo("http://localhost:0");
    }

    @Test
    void aHostAlreadyInBracketsIsNotBracketedTwice() {
        assertThat(HostPort.httpUrl("[::1]", 6443)).isEqualTo("http://[::1]:6443");
    }
}
