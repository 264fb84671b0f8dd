package io.everynode.testkit.history;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * A client of the HTTP API that records each write and list it makes into a {@link History}:
 * what it sent, and how it ended. A 2xx is acknowledged at the answer's resourceVersion; a 4xx
 * Status, or a connection never made, failed; a 5xx or a connection cut or timed out mid-request
 * is an unknown outcome. One client is used by one thread at a time.
 */
public final class RecordingClient {
    private final String name;
    private final HttpClient http;
    private final Supplier<URI> server;
    private final History history;
    private final Duration timeout;

    /**
     * @param server the API server's base URL, asked for at each request (a restarted server
     *     may listen elsewhere)
     * @param timeout for each request; when it passes the outcome is unknown
     */
    public RecordingClient(String name, HttpClient http, Supplier<URI> server, History history, Duration timeout) {
        this.name = name;
        this.http = http;
        this.server = server;
        this.history = history;
        this.timeout = timeout;
    }

    /** POSTs {@code body} (JSON with metadata.name) to the collection. */
    public Operation create(ApiResource resource, String namespace, String body) {
        JsonNode sent = Answers.parse(body);
        String key = resource.key(namespace, sent.path("metadata").path("name").asString(""));
        return record(
                Operation.Verb.CREATE,
                key,
                sent,
                Answers.request(server.get(), resource.collection(namespace), timeout)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** PUTs {@code body} over the named object (a resourceVersion in it is a precondition). */
    public Operation update(ApiResource resource, String namespace, String objectName, String body) {
        return record(
                Operation.Verb.UPDATE,
                resource.key(namespace, objectName),
                Answers.parse(body),
                Answers.request(server.get(), resource.collection(namespace) + "/" + objectName, timeout)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Operation delete(ApiResource resource, String namespace, String objectName) {
        return record(
                Operation.Verb.DELETE,
                resource.key(namespace, objectName),
                null,
                Answers.request(server.get(), resource.collection(namespace) + "/" + objectName, timeout)
                        .DELETE());
    }

    /**
     * Lists the collection and records the list.
     *
     * @throws IOException if there was no 200 answer (nothing is recorded then)
     */
    public ListSnapshot list(ApiResource resource, String namespace) throws IOException, InterruptedException {
        long start = history.nextSeq();
        HttpResponse<String> response = http.send(
                Answers.request(server.get(), resource.collection(namespace), timeout)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200)
            throw new IOException(
                    "list " + resource.collection(namespace) + ": " + response.statusCode() + " " + response.body());
        ListSnapshot list = Answers.list(
                history.nextId(), name, resource, namespace, Answers.parse(response.body()), start, history.nextSeq());
        history.add(list);
        return list;
    }

    private Operation record(Operation.Verb verb, String key, JsonNode sent, HttpRequest.Builder request) {
        long id = history.nextId();
        long start = history.nextSeq();
        Outcome outcome;
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = Answers.parse(response.body());
            int code = response.statusCode();
            if (code / 100 == 2) outcome = new Outcome.Acknowledged(ObjectValues.revision(body), body);
            else if (code / 100 == 4)
                outcome = new Outcome.Failed(code, body.path("message").asString(""));
            else outcome = new Outcome.Unknown(code + " " + body.path("message").asString(""));
        } catch (ConnectException e) {
            outcome = new Outcome.Failed(0, "no connection: " + e);
        } catch (IOException e) {
            outcome = new Outcome.Unknown(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = new Outcome.Unknown("interrupted");
        }
        Operation op = new Operation(id, name, verb, key, sent, start, history.nextSeq(), outcome);
        history.add(op);
        return op;
    }
}
