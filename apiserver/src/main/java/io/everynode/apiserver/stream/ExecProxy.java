package io.everynode.apiserver.stream;

import io.everynode.api.json.Json;
import io.everynode.apiserver.ApiResponse;
import io.everynode.apiserver.errors.ApiException;
import io.everynode.apiserver.errors.Statuses;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

/**
 * Relays one exec between kubectl and a node agent (see the package). Threads: the JDK client's
 * pool delivers the agent's messages, Jetty's the client's; each side sends one message at a time
 * and asks for the next only once the last is written on the other side.
 */
public final class ExecProxy {
    /** The subprotocols relayed, preferred first (what the agents speak). */
    public static final List<String> PROTOCOLS = List.of("v5.channel.k8s.io", "v4.channel.k8s.io");

    /** kubectl's port-forward subprotocol: SPDY/3.1 tunnelled in WebSocket messages. */
    public static final String PORT_FORWARD_PROTOCOL = "SPDY/3.1+portforward.k8s.io";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private final HttpClient http;
    private final boolean tls;

    /** @param tls the kubelet-client certificate and the agents' CA; null: plain {@code ws://} */
    public ExecProxy(SSLContext tls) {
        this.tls = tls != null;
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "pods-exec-relay");
            t.setDaemon(true);
            return t;
        });
        HttpClient.Builder b = HttpClient.newBuilder();
        if (tls != null) b.sslContext(tls);
        this.http = b.proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(CONNECT_TIMEOUT)
                .executor(pool)
                .build();
    }

    /** The scheme agents are dialled with. */
    public String scheme() {
        return tls ? "wss" : "ws";
    }

    /** The first of kubectl's offered subprotocols ({@code Sec-WebSocket-Protocol}) relayed here. */
    public static Optional<String> protocol(String offered) {
        if (offered == null) return Optional.empty();
        List<String> asked =
                Arrays.stream(offered.split(",")).map(String::strip).toList();
        return asked.stream().filter(PROTOCOLS::contains).findFirst();
    }

    /**
     * Opens {@code agent} ({@code /exec/...} URI) with {@code protocol}, then upgrades the client
     * and relays until either side closes. {@code endpoint} and {@code node} name the agent in messages.
     *
     * @throws io.everynode.apiserver.errors.ApiException when the agent refuses or cannot be reached
     */
    public void relay(URI agent, String protocol, ApiResponse resp, String endpoint, String node) {
        relay(agent, protocol, protocol, resp, endpoint, node);
    }

    /**
     * As {@link #relay(URI, String, ApiResponse, String, String)} for {@code pods/portforward}
     * ({@link #PORT_FORWARD_PROTOCOL}): the messages carry a SPDY session as bytes, which the API
     * server passes on as they are; an agent's refusal is a {@code Status} without an upgrade (there
     * is no error channel to put it on). The agent is dialled without a subprotocol: the JDK's
     * WebSocket client refuses one with a '/' (not an RFC 6455 token), and the agent's
     * {@code /portForward/} speaks only this one.
     */
    public void relayPortForward(URI agent, ApiResponse resp, String endpoint, String node) {
        relay(agent, null, PORT_FORWARD_PROTOCOL, resp, endpoint, node);
    }

    private void relay(
            URI agent, String agentProtocol, String protocol, ApiResponse resp, String endpoint, String node) {
        // A refusal goes on the exec error channel; port-forward (no agent subprotocol) has none.
        boolean refuseOnChannel = agentProtocol != null;
        Bridge bridge = new Bridge();
        WebSocket toAgent;
        try {
            WebSocket.Builder builder = http.newWebSocketBuilder();
            if (agentProtocol != null) builder.subprotocols(agentProtocol);
            toAgent = builder.connectTimeout(CONNECT_TIMEOUT)
                    .buildAsync(agent, bridge)
                    .get(CONNECT_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Statuses.internal("interrupted while connecting to the node agent of node \"" + node + "\"");
        } catch (Exception e) {
            RuntimeException refused = refusal(e, endpoint, node);
            // As the kubelet reports a failed exec: on the error channel of an accepted
            // WebSocket, so kubectl prints the agent's reason instead of retrying over SPDY.
            if (refuseOnChannel
                    && refused instanceof ApiException api
                    && resp.upgrade(protocol, new Refusal(api.status()))) return;
            throw refused;
        }
        bridge.agent = toAgent;
        if (!resp.upgrade(protocol, bridge)) {
            toAgent.abort();
            throw Statuses.badRequest("Upgrade request required");
        }
    }

    private static RuntimeException refusal(Exception e, String endpoint, String node) {
        Throwable cause = e.getCause() instanceof Exception c ? c : e;
        if (cause instanceof CompletionException && cause.getCause() != null) cause = cause.getCause();
        if (cause instanceof WebSocketHandshakeException h) {
            int code = h.getResponse().statusCode();
            Object body = h.getResponse().body();
            String text = body instanceof byte[] b
                    ? new String(b, StandardCharsets.UTF_8).strip()
                    : body == null ? "" : body.toString().strip();
            if (text.isEmpty()) text = "the node agent of node \"" + node + "\" answered " + code;
            return switch (code) {
                case 400 -> Statuses.badRequest(text);
                case 401 -> Statuses.failure(401, "Unauthorized", text, null);
                case 403 -> Statuses.failure(403, "Forbidden", text, null);
                case 404 -> Statuses.failure(404, "NotFound", text, null);
                default -> Statuses.internal(text);
            };
        }
        if (cause instanceof SSLHandshakeException) {
            return Statuses.internal("the node agent of node \"" + node + "\" at " + endpoint
                    + " is not trusted: its serving certificate is not signed by the cluster CA for that address: "
                    + cause.getMessage());
        }
        return Statuses.internal(
                "the node agent of node \"" + node + "\" at " + endpoint + " cannot be reached: " + cause);
    }

    /** A WebSocket that carries one Failure {@code Status} on the error channel (3), then closes. */
    private record Refusal(tools.jackson.databind.node.ObjectNode status) implements ApiResponse.Tunnel {
        @Override
        public void opened(ApiResponse.Peer client) {
            byte[] json = Json.bytes(status);
            ByteBuffer frame = ByteBuffer.allocate(json.length + 1);
            frame.put((byte) 3).put(json).flip();
            client.send(frame).whenComplete((v, f) -> client.close());
        }

        @Override
        public void received(ByteBuffer message, Runnable done) {
            done.run();
        }

        @Override
        public void closed() {}
    }

    /** Both directions of one exec. */
    private static final class Bridge implements WebSocket.Listener, ApiResponse.Tunnel {
        private final CompletableFuture<ApiResponse.Peer> client = new CompletableFuture<>();
        private volatile WebSocket agent;
        private ByteBuffer partial = ByteBuffer.allocate(0);
        /** The last message to kubectl: a close goes out after it. */
        private volatile CompletableFuture<?> lastSent = CompletableFuture.completedFuture(null);

        // kubectl -> agent

        @Override
        public void opened(ApiResponse.Peer peer) {
            client.complete(peer);
        }

        @Override
        public void received(ByteBuffer message, Runnable done) {
            agent.sendBinary(message, true).whenComplete((w, failure) -> done.run());
        }

        @Override
        public void closed() {
            WebSocket a = agent;
            if (a != null && !a.isOutputClosed())
                a.sendClose(WebSocket.NORMAL_CLOSURE, "").whenComplete((w, f) -> a.abort());
        }

        // agent -> kubectl

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public java.util.concurrent.CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            ByteBuffer joined = ByteBuffer.allocate(partial.remaining() + data.remaining());
            joined.put(partial).put(data).flip();
            if (!last) {
                partial = joined;
                webSocket.request(1);
                return null;
            }
            partial = ByteBuffer.allocate(0);
            lastSent = client.thenCompose(peer -> peer.send(joined)).whenComplete((v, f) -> {
                if (f == null) webSocket.request(1);
                else webSocket.abort();
            });
            return null;
        }

        @Override
        public java.util.concurrent.CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            lastSent.handle((v, f) -> client.thenAccept(ApiResponse.Peer::close));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            client.thenAccept(ApiResponse.Peer::close);
        }
    }
}
