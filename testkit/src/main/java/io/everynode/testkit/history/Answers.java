package io.everynode.testkit.history;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON in and out of the API for the recorders. */
final class Answers {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private Answers() {}

    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body == null || body.isEmpty() ? "{}" : body);
        } catch (RuntimeException e) {
            return JSON.createObjectNode().put("unparsed", body);
        }
    }

    static HttpRequest.Builder request(URI server, String pathAndQuery, Duration timeout) {
        return HttpRequest.newBuilder(server.resolve(pathAndQuery))
                .timeout(timeout)
                .header("Accept", "application/json");
    }

    /** A list answer as the history keeps it. */
    static ListSnapshot list(
            long id, String client, ApiResource resource, String namespace, JsonNode body, long start, long end) {
        Map<String, ListSnapshot.Item> items = new HashMap<>();
        for (JsonNode item : body.path("items")) {
            items.put(
                    ObjectValues.key(resource.resource(), item),
                    new ListSnapshot.Item(ObjectValues.revision(item), item));
        }
        return new ListSnapshot(id, client, resource.scope(namespace), ObjectValues.revision(body), start, end, items);
    }
}
