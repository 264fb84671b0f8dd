package io.everynode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TlsSanFlagTest {
    private static ServerCommand parse(String... args) {
        ServerCommand c = new ServerCommand();
        new CommandLine(c).parseArgs(args);
        return c;
    }

    @Test
    void theServingCertificateNamesTheBindAndAdvertiseAddressesAndEveryTlsSan() {
        ServerCommand c = parse(
                "--bind",
                "0.0.0.0",
                "--advertise-address",
                "10.0.0.1",
                "--tls-san",
                "api.example,10.0.0.100",
                "--tls-san",
                "lb.example");

        assertThat(c.certificateNames())
                .containsExactly("0.0.0.0", "10.0.0.1", "api.example", "10.0.0.100", "lb.example");
    }

    @Test
    void withoutTlsSanOnlyTheAddressesAreAdded() {
        assertThat(parse().certificateNames()).containsExactly("127.0.0.1", "");
    }
}
