package io.everynode.agent.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The order of {@code ip} commands against a recording fake; the live test runs them for real. */
class NodeNetworksTest {
    private static final String CLUSTER = "/data/cluster";
    private final NetnsPlan plan = NetnsPlan.of(CLUSTER);
    private final String t = plan.tag();
    private final int octet = plan.octet();
    private final RecordingIp ip = new RecordingIp();

    private List<String> after(String marker) {
        return ip.calls.subList(ip.calls.indexOf(marker), ip.calls.size());
    }

    @Test
    void theFirstCreateRemovesLeftoversThenBuildsTheBridgeAndTheNode() {
        ip.answer(
                "-o link show",
                0,
                String.join(
                        "\n",
                        "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN",
                        "7: en" + t + ": <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue",
                        "9: en" + t + "h1@if8: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master en" + t,
                        "11: enffffffh1@if10: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500",
                        "12: en" + t + "p2: <BROADCAST,MULTICAST> mtu 1500"));
        ip.answer("netns list", 0, "en-" + t + "-1 (id: 0)\nen-ffffff-1 (id: 1)\nen-" + t + "-2");

        NodeNetwork n = new NodeNetworks(ip, CLUSTER).create("node-a");

        assertThat(ip.calls)
                .containsExactly(
                        "-o link show",
                        "link delete en" + t + "h1",
                        "link delete en" + t + "p2",
                        "link delete en" + t,
                        "netns list",
                        "netns delete en-" + t + "-1",
                        "netns delete en-" + t + "-2",
                        "-4 -o addr show",
                        "-4 route show table all",
                        "link add en" + t + " type bridge",
                        "addr add 10.123." + octet + ".1/24 dev en" + t,
                        "link set en" + t + " up",
                        "netns add en-" + t + "-1",
                        "-n en-" + t + "-1 link set lo up",
                        "link add en" + t + "h1 type veth peer name en" + t + "p1",
                        "link set en" + t + "p1 netns en-" + t + "-1",
                        "-n en-" + t + "-1 link set en" + t + "p1 name eth0",
                        "-n en-" + t + "-1 addr add 10.123." + octet + ".2/24 dev eth0",
                        "-n en-" + t + "-1 link set eth0 up",
                        "-n en-" + t + "-1 route add default via 10.123." + octet + ".1",
                        "link set en" + t + "h1 master en" + t,
                        "link set en" + t + "h1 up");
        assertThat(n.name()).isEqualTo("en-" + t + "-1");
        assertThat(n.nodeIP()).isEqualTo("10.123." + octet + ".2");
        assertThat(n.hostIP()).isEqualTo("10.123." + octet + ".1");
        assertThat(n.launchPrefix()).containsExactly("nsenter", "--net=/var/run/netns/en-" + t + "-1", "--");
    }

    @Test
    void aSubnetTheMachineAlreadyRoutesIsPassedOver() {
        ip.answer("-4 route show table all", 0, "10.123." + octet + ".0/24 dev somevpn scope link");
        NodeNetwork n = new NodeNetworks(ip, CLUSTER).create("node-a");
        int next = (octet + 1) % 256;
        assertThat(n.nodeIP()).isEqualTo("10.123." + next + ".2");
        assertThat(ip.calls).contains("addr add 10.123." + next + ".1/24 dev en" + t);
    }

    @Test
    void laterNodesTakeTheNextIndexAndLeftoversAreRemovedOnlyOnce() {
        NodeNetworks nets = new NodeNetworks(ip, CLUSTER);
        nets.create("node-a");
        ip.calls.clear();
        NodeNetwork b = nets.create("node-b");
        assertThat(ip.calls).first().isEqualTo("netns add en-" + t + "-2");
        assertThat(ip.calls).doesNotContain("netns list", "-o link show");
        assertThat(b.nodeIP()).isEqualTo("10.123." + octet + ".3");
    }

    @Test
    void creatingAnOpenNodeAgainReturnsItWithoutTouchingTheMachine() {
        NodeNetworks nets = new NodeNetworks(ip, CLUSTER);
        NodeNetwork a = nets.create("node-a");
        ip.calls.clear();
        assertThat(nets.create("node-a")).isSameAs(a);
        assertThat(ip.calls).isEmpty();
    }

    @Test
    void aClosedNodeIsMadeAgainWithItsOldIndex() {
        NodeNetworks nets = new NodeNetworks(ip, CLUSTER);
        NodeNetwork a = nets.create("node-a");
        nets.create("node-b");
        a.close();
        assertThat(nets.networks()).extracting(NodeNetwork::nodeName).containsExactly("node-b");
        NodeNetwork again = nets.create("node-a");
        assertThat(again.name()).isEqualTo(a.name());
        assertThat(again.nodeIP()).isEqualTo(a.nodeIP());
    }

    @Test
    void closingANodeRemovesItsVethAndNamespaceButNotTheBridge() {
        NodeNetworks nets = new NodeNetworks(ip, CLUSTER);
        NodeNetwork a = nets.create("node-a");
        ip.calls.clear();
        a.close();
        a.close();
        assertThat(ip.calls)
                .containsExactly(
                        "link delete en" + t + "h1", "link delete en" + t + "p1", "netns delete en-" + t + "-1");
    }

    @Test
    void closingAllRemovesEveryNodeThenTheBridgeAndRefusesNewNodes() {
        NodeNetworks nets = new NodeNetworks(ip, CLUSTER);
        nets.create("node-a");
        nets.create("node-b");
        ip.calls.clear();
        nets.close();
        assertThat(ip.calls)
                .containsExactly(
                        "link delete en" + t + "h1",
                        "link delete en" + t + "p1",
                        "netns delete en-" + t + "-1",
                        "link delete en" + t + "h2",
                        "link delete en" + t + "p2",
                        "netns delete en-" + t + "-2",
                        "link delete en" + t);
        ip.calls.clear();
        nets.close();
        assertThat(ip.calls).isEmpty();
        assertThatThrownBy(() -> nets.create("node-c")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFailedStepUndoesTheNodeAndNamesTheCommandAndIpsMessage() {
        ip.answer(
                "-n en-" + t + "-1 route add default via 10.123." + octet + ".1",
                2,
                "Error: Nexthop has invalid gateway.");
        NodeNetworks nets = new NodeNetworks(ip, CLUSTER);
        assertThatThrownBy(() -> nets.create("node-a"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("route add default")
                .hasMessageContaining("Nexthop has invalid gateway");
        assertThat(ip.calls.subList(ip.calls.size() - 3, ip.calls.size()))
                .containsExactly(
                        "link delete en" + t + "h1", "link delete en" + t + "p1", "netns delete en-" + t + "-1");
        assertThat(nets.networks()).isEmpty();
    }

    @Test
    void aFailedBridgeIsRemovedAndTheNextCreateTriesTheBridgeAgain() {
        ip.answer("link add en" + t + " type bridge", 2, "Error: Unknown device type.");
        NodeNetworks nets = new NodeNetworks(ip, CLUSTER);
        assertThatThrownBy(() -> nets.create("node-a")).hasMessageContaining("Unknown device type");
        assertThat(ip.calls).last().isEqualTo("link delete en" + t);
        ip.answer("link add en" + t + " type bridge", 0, "");
        ip.calls.clear();
        nets.create("node-a");
        assertThat(after("link add en" + t + " type bridge")).contains("netns add en-" + t + "-1");
    }
}
