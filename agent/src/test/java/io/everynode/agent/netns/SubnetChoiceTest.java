package io.everynode.agent.netns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubnetChoiceTest {
    @ParameterizedTest(name = "prefer {0}, taken [{1}] -> {2}")
    @CsvSource(
            delimiter = ';',
            value = {
                "42; ; 42",
                "42; 192.0.2.0/24 127.0.0.0/8; 42",
                "42; 10.123.42.0/24; 43",
                "42; 10.123.42.7; 43",
                "42; 10.123.42.0/24 10.123.43.1/24; 44",
                "42; 10.123.40.0/22; 44",
                "255; 10.123.255.0/24; 0",
                "42; 10.0.0.0/8; -1",
                "42; 10.123.0.0/16; -1",
            })
    void theClusterTakesThePreferredSlashTwentyFourOrTheNextFreeOne(int preferred, String taken, int chosen) {
        List<String> list =
                taken == null ? List.of() : Arrays.asList(taken.trim().split("\\s+"));
        assertThat(SubnetChoice.choose(preferred, list)).isEqualTo(chosen);
    }

    @Test
    void anotherSlashSixteenIsSearchedTheSameWay() {
        assertThat(SubnetChoice.choose("10.244", 17, List.of("10.244.17.0/24", "10.123.18.0/24")))
                .isEqualTo(18);
    }

    @Test
    void addressesAreReadFromIpAddrShow() {
        String out = """
                1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever
                2: eth0    inet 192.0.2.2/24 brd 192.0.2.255 scope global eth0\\       valid_lft forever
                """;
        assertThat(SubnetChoice.fromAddresses(out)).containsExactly("127.0.0.1/8", "192.0.2.2/24");
    }

    @Test
    void routesAreReadFromIpRouteShowWithoutTheDefaultRoute() {
        String out = """
                default via 192.0.2.1 dev eth0
                192.0.2.0/24 dev eth0 proto kernel scope link src 192.0.2.2
                local 192.0.2.2 dev eth0 table local proto kernel scope host src 192.0.2.2
                unreachable 10.50.0.0/16
                """;
        assertThat(SubnetChoice.fromRoutes(out)).containsExactly("192.0.2.0/24", "192.0.2.2", "10.50.0.0/16");
    }

    @Test
    void somethingThatIsNotAnIpv4PrefixTakesNothing() {
        assertThat(SubnetChoice.range("fe80::1/64")).isNull();
        assertThat(SubnetChoice.range("10.123.300.0/24")).isNull();
        assertThat(SubnetChoice.choose(42, List.of("fe80::1/64", "garbage"))).isEqualTo(42);
    }
}
