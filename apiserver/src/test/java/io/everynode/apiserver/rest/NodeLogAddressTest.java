package io.everynode.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.json.Json;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

/** The agent's address from a Node's status, and the log URL built from parsed parts. */
class NodeLogAddressTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "localhost",
                "example.com",
                "1.2.3",
                "1.2.3.4.5",
                "127.0.0.1:80",
                "127.0.0.1/x",
                "01.2.3.4",
                "256.1.1.1",
                "fe80::1%eth0",
                "[::1]",
                "0.0.0.0",
                "::",
                "224.0.0.1",
                "ff02::1",
                "deadbeef",
                ":::",
                " 10.0.0.1",
                ""
            })
    void anythingButAUnicastIpLiteralIsNotAnAddress(String text) {
        assertThat(NodeLogAddress.ipLiteral(text)).isNull();
    }

    @Test
    void ipv4AndIpv6LiteralsAreAddresses() {
        assertThat(NodeLogAddress.ipLiteral("10.123.192.2").getHostAddress()).isEqualTo("10.123.192.2");
        assertThat(NodeLogAddress.ipLiteral("::1").getHostAddress()).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(NodeLogAddress.ipLiteral("::ffff:127.0.0.1").getHostAddress())
                .isEqualTo("127.0.0.1");
    }

    @Test
    void theInternalIpComesBeforeTheExternalIpAndNamesAreNeverUsed() {
        ObjectNode node = node("""
                [{"type":"Hostname","address":"10.0.0.9"},{"type":"ExternalIP","address":"192.0.2.1"},{"type":"InternalIP","address":"10.0.0.1"}]""", "10250");
        assertThat(NodeLogAddress.of(node).toString()).isEqualTo("10.0.0.1:10250");
        ObjectNode external = node("""
                [{"type":"InternalDNS","address":"10.0.0.9"},{"type":"ExternalIP","address":"192.0.2.1"}]""", "1");
        assertThat(NodeLogAddress.of(external).toString()).isEqualTo("192.0.2.1:1");
    }

    @Test
    void theUrlHasTheAgentsIpAndPortAndEncodedSegmentsOnly() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("tailLines", "5");
        query.put("sinceTime", "a&follow=true#/../b c");
        PodLogs.Target t = new PodLogs.Target("n1", "kube-system", "web", "main", query);

        URI uri = PodLogs.url(new NodeLogAddress.Endpoint(NodeLogAddress.ipLiteral("10.0.0.1"), 10250), t);

        assertThat(uri.toString())
                .isEqualTo(
                        "http://10.0.0.1:10250/containerLogs/kube-system/web/main?tailLines=5&sinceTime=a%26follow%3Dtrue%23%2F..%2Fb%20c");
        assertThat(uri.getFragment()).isNull();
    }

    @Test
    void anIpv6AgentIsInBrackets() {
        PodLogs.Target t = new PodLogs.Target("n1", "default", "web", "main", Map.of());

        URI uri =
                PodLogs.url(NodeLogAddress.of(node("[{\"type\":\"InternalIP\",\"address\":\"fd00::2\"}]", "65535")), t);

        assertThat(uri.toString()).isEqualTo("http://[fd00:0:0:0:0:0:0:2]:65535/containerLogs/default/web/main");
        assertThat(uri.getPort()).isEqualTo(65535);
    }

    private static ObjectNode node(String addresses, String port) {
        return (ObjectNode)
                Json.parse(("""
                {"metadata":{"name":"n1"},"status":{"addresses":%s,"daemonEndpoints":{"kubeletEndpoint":{"Port":%s}}}}""".formatted(addresses, port)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
