package io.everynode.apiserver.rest;

import io.everynode.apiserver.ApiResponse;
import io.everynode.apiserver.auth.KubeletClientTls;
import io.everynode.apiserver.errors.Statuses;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Relays a node agent's log answer to the client, as kube-apiserver's LocationStreamer does: a
 * 200 is streamed on as {@code text/plain}, each piece written (and flushed) as it arrives, so a
 * followed log reaches kubectl line by line; an error answer becomes a {@code Status} carrying
 * the agent's message with its code (400 and 404 as they are, others 500). A client that goes
 * away ends the request to the agent (checked at least once a second while the log is idle).
 *
 * <p>TLS ({@link KubeletClientTls}, when the server has it): the agent is called over HTTPS
 * presenting the API server's kubelet-client certificate, and is trusted only when its serving
 * certificate chains to the cluster CA and names the address dialled (upstream's
 * {@code --kubelet-certificate-authority}; upstream skips the check when no CA is configured,
 * Everynode always has one). An agent still on its self-signed certificate is therefore refused
 * with a message saying so, rather than trusted blindly. The agent's 401 and 403 answers reach the
 * client with their codes and the agent's text.
 *
 * <p>Threads: the request's thread waits for the relay to end; the JDK client's pool writes the
 * pieces. One write at a time: the next piece is requested only once the last one is written.
 */
final class LogProxy {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private final HttpClient http;
    private final boolean tls;

    /** @param tls the client certificate and CA for agents over HTTPS; null: plain HTTP */
    LogProxy(KubeletClientTls tls) {
        this.tls = tls != null;
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "pods-log-relay");
            t.setDaemon(true);
            return t;
        });
        // Straight to the node: no proxy a system property might name, and no redirects followed (the default).
        HttpClient.Builder b = HttpClient.newBuilder();
        if (tls != null) b.sslContext(KubeletTlsContext.of(tls));
        this.http = b.version(HttpClient.Version.HTTP_1_1)
                .proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(CONNECT_TIMEOUT)
                .executor(pool)
                .build();
    }

    /** The scheme agents are called with: https with TLS, else http. */
    String scheme() {
        return tls ? "https" : "http";
    }

    /**
     * Fetches {@code uri} (built by {@link PodLogs#url}) and relays it to {@code resp};
     * {@code endpoint} ({@code host:port}) and {@code node} name the agent in messages.
     */
    void relay(URI uri, String endpoint, String node, ApiResponse resp) {
        Relay relay = new Relay(resp);
        CompletableFuture<HttpResponse<byte[]>> call = http.sendAsync(
                HttpRequest.newBuilder(uri).GET().build(),
                info -> info.statusCode() == 200 ? relay : HttpResponse.BodySubscribers.ofByteArray());
        HttpResponse<byte[]> answer;
        try {
            while (true) {
                try {
                    answer = call.get(1, TimeUnit.SECONDS);
                    break;
                } catch (TimeoutException e) {
                    if (relay.clientGone()) {
                        relay.cancel();
                        call.cancel(true);
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            relay.cancel();
            call.cancel(true);
            return;
        } catch (ExecutionException e) {
            if (relay.started()) return; // the agent went away mid-stream: the log simply ends
            Throwable cause = e.getCause();
            if (cause instanceof SSLHandshakeException) {
                throw Statuses.internal("the node agent of node \"" + node + "\" at " + endpoint
                        + " is not trusted: its serving certificate is not signed by the cluster CA for that address"
                        + " (an agent serves a self-signed one until its kubelet-serving CertificateSigningRequest is"
                        + " approved: kubectl get csr; kubectl certificate approve NAME): " + cause.getMessage());
            }
            String why = cause instanceof ConnectException ? "connection refused" : String.valueOf(cause);
            throw Statuses.internal(
                    "the node agent of node \"" + node + "\" at " + endpoint + " cannot be reached for logs: " + why);
        } finally {
            relay.close();
        }
        if (answer.statusCode() == 200) return;
        String message = new String(answer.body(), StandardCharsets.UTF_8).strip();
        if (message.isEmpty()) message = "the node agent of node \"" + node + "\" answered " + answer.statusCode();
        switch (answer.statusCode()) {
            case 400 -> throw Statuses.badRequest(message);
            case 401 -> throw Statuses.failure(401, "Unauthorized", message, null);
            case 403 -> throw Statuses.failure(403, "Forbidden", message, null);
            case 404 -> throw Statuses.failure(404, "NotFound", message, null);
            default -> throw Statuses.internal(message);
        }
    }

    /** Writes a 200 body through to the client piece by piece. */
    private static final class Relay implements HttpResponse.BodySubscriber<byte[]> {
        private final ApiResponse resp;
        private final CompletableFuture<byte[]> done = new CompletableFuture<>();
        private volatile Flow.Subscription subscription;
        private volatile ApiResponse.Stream out;

        Relay(ApiResponse resp) {
            this.resp = resp;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            try {
                out = resp.stream(200, "text/plain");
            } catch (IOException e) {
                s.cancel();
                done.complete(new byte[0]);
                return;
            }
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            try {
                for (ByteBuffer b : items) {
                    byte[] chunk = new byte[b.remaining()];
                    b.get(chunk);
                    if (chunk.length > 0) out.write(chunk);
                }
            } catch (IOException e) {
                cancel();
                return;
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable t) {
            done.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            done.complete(new byte[0]);
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return done;
        }

        boolean started() {
            return out != null;
        }

        boolean clientGone() {
            ApiResponse.Stream o = out;
            return o != null && !o.isOpen();
        }

        void cancel() {
            Flow.Subscription s = subscription;
            if (s != null) s.cancel();
            done.complete(new byte[0]);
        }

        void close() {
            ApiResponse.Stream o = out;
            if (o != null) o.close();
        }
    }
}
