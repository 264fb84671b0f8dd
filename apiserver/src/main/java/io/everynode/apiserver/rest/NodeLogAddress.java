package io.everynode.apiserver.rest;

import io.everynode.api.json.Json;
import io.everynode.apiserver.errors.ApiException;
import io.everynode.apiserver.errors.Statuses;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where the API server reaches a node's agent for {@code pods/log}, read from the Node's status
 * only, as kube-apiserver reads it: the first address of a preferred type and
 * {@code status.daemonEndpoints.kubeletEndpoint.Port}. Annotations and labels are never read:
 * any client may write them.
 *
 * <p>The preferred types are upstream's default order ({@code --kubelet-preferred-address-types})
 * without its name types: InternalIP, then ExternalIP. Hostname, InternalDNS and ExternalDNS are
 * left out because a name resolves through DNS, which is one more way to point the server
 * anywhere; an address must be an IP literal (IPv4 dotted quad or IPv6, no zone, not the
 * unspecified or a multicast address) and the port an integer 1–65535. Anything else is refused
 * with a Status naming the field at fault, before any connection is made.
 */
final class NodeLogAddress {
    static final List<String> PREFERRED_TYPES = List.of("InternalIP", "ExternalIP");
    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    private NodeLogAddress() {}

    /** A parsed agent address: an IP and a port in range, nothing else. */
    record Endpoint(InetAddress ip, int port) {
        /** The host as it goes in a URL: the IP's canonical text, IPv6 in brackets. */
        String host() {
            String text = ip.getHostAddress();
            return ip instanceof Inet6Address ? "[" + text + "]" : text;
        }

        @Override
        public String toString() {
            return host() + ":" + port;
        }
    }

    /**
     * The agent's address of {@code node} (a Node object).
     *
     * @throws ApiException 500 InternalError, as upstream answers a node it cannot connect to, with
     *     the Node's field at fault in {@code details.causes}
     */
    static Endpoint of(ObjectNode node) {
        String name = Json.text(node.path("metadata"), "name");
        JsonNode portNode = node.path("status")
                .path("daemonEndpoints")
                .path("kubeletEndpoint")
                .path("Port");
        String portField = "status.daemonEndpoints.kubeletEndpoint.Port";
        if (portNode.isMissingNode() || portNode.isNull() || (portNode.isIntegralNumber() && portNode.asLong() == 0)) {
            throw refusal(
                    name, portField, "FieldValueRequired", "its agent advertises no log port (" + portField + ")");
        }
        if (!portNode.isIntegralNumber() || portNode.asLong() < 1 || portNode.asLong() > 65535) {
            throw refusal(
                    name,
                    portField,
                    "FieldValueInvalid",
                    portField + " " + portNode + " is not a port number (1-65535)");
        }
        int port = portNode.asInt();
        JsonNode addresses = node.path("status").path("addresses");
        for (String type : PREFERRED_TYPES) {
            for (int i = 0; i < addresses.size(); i++) {
                JsonNode a = addresses.get(i);
                if (!type.equals(Json.text(a, "type"))) continue;
                String field = "status.addresses[" + i + "].address";
                String text = Json.text(a, "address");
                InetAddress ip = ipLiteral(text);
                if (ip == null) {
                    throw refusal(
                            name,
                            field,
                            "FieldValueInvalid",
                            "its " + type + " " + quote(a.path("address")) + " (" + field + ") is not an IP address");
                }
                return new Endpoint(ip, port);
            }
        }
        throw refusal(
                name,
                "status.addresses",
                "FieldValueRequired",
                "it has no address of type " + String.join(" or ", PREFERRED_TYPES) + " (status.addresses)");
    }

    /**
     * {@code text} as an IP address when it is an IP literal, else null. Never resolves a name:
     * only IPv4 dotted quads and strings of IPv6 characters with a colon reach the JDK's parser,
     * which treats those as literals.
     */
    static InetAddress ipLiteral(String text) {
        if (text == null) return null;
        boolean v4 = IPV4.matcher(text).matches();
        if (!v4 && !(text.indexOf(':') >= 0 && IPV6_CHARS.matcher(text).matches())) return null;
        InetAddress ip;
        try {
            ip = InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
        if (ip.isAnyLocalAddress() || ip.isMulticastAddress()) return null;
        return ip;
    }

    private static ApiException refusal(String node, String field, String reason, String why) {
        String message = "node \"" + node + "\" serves no logs: " + why;
        ObjectNode details = Json.object();
        details.put("name", node);
        details.put("kind", "nodes");
        ArrayNode causes = details.putArray("causes");
        ObjectNode c = causes.addObject();
        c.put("reason", reason);
        c.put("message", message);
        c.put("field", field);
        return Statuses.failure(500, "InternalError", "Internal error occurred: " + message, details);
    }

    private static String quote(JsonNode value) {
        return value.isString() ? "\"" + value.stringValue() + "\"" : value.toString();
    }
}
