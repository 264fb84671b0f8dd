package io.everynode.e2e;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Completes the guide's fragments (snippets that start at {@code spec:}) into DaemonSets kubectl
 * accepts: a minimal DaemonSet (selector, labels, one container) deep-merged with the fragment as
 * written. Maps merge key by key; lists from a fragment are appended, so tolerations from several
 * fragments add up.
 */
final class Manifests {
    /**
     * The base container's image. Simulated nodes run no image, so any name works; this one is
     * the demo agent the process runtime will run (part 2 of the suite).
     */
    static final String AGENT_IMAGE = "everynode/demo-agent:1";

    private static final ObjectMapper YAML = YAMLMapper.builder().build();
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private Manifests() {}

    static ObjectNode yaml(String text) {
        return (ObjectNode) YAML.readTree(text);
    }

    /** The documents of a multi-document YAML text ({@code ---} separated). */
    static List<ObjectNode> documents(String text) {
        List<ObjectNode> out = new ArrayList<>();
        for (String doc : text.split("(?m)^---\\s*$")) {
            if (!doc.isBlank()) out.add(yaml(doc));
        }
        return out;
    }

    /** A DaemonSet {@code name} in {@code namespace}: selector and pod label {@code app: name}, one container "agent". */
    static ObjectNode daemonSet(String namespace, String name) {
        return yaml("""
                apiVersion: apps/v1
                kind: DaemonSet
                metadata:
                  name: %1$s
                  namespace: %2$s
                spec:
                  selector:
                    matchLabels:
                      app: %1$s
                  template:
                    metadata:
                      labels:
                        app: %1$s
                    spec:
                      containers:
                        - name: agent
                          image: %3$s
                """.formatted(name, namespace, AGENT_IMAGE));
    }

    /** {@code base} with each fragment deep-merged into it, in order; answers {@code base}. */
    static ObjectNode with(ObjectNode base, String... fragments) {
        for (String f : fragments) merge(base, yaml(f));
        return base;
    }

    /** Merges {@code from} into {@code into}: maps key by key, lists appended, scalars replaced. */
    static void merge(ObjectNode into, JsonNode from) {
        for (var e : from.properties()) {
            JsonNode cur = into.get(e.getKey());
            if (cur instanceof ObjectNode o && e.getValue() instanceof ObjectNode) merge(o, e.getValue());
            else if (cur instanceof ArrayNode a && e.getValue() instanceof ArrayNode b) a.addAll(b.deepCopy());
            else into.set(e.getKey(), e.getValue().deepCopy());
        }
    }

    /** {@code resources:} of the first container set from a YAML block that starts at {@code resources:}. */
    static ObjectNode withResources(ObjectNode ds, String resourcesBlock) {
        ObjectNode container = (ObjectNode) ds.at("/spec/template/spec/containers/0");
        container.set("resources", yaml(resourcesBlock).get("resources").deepCopy());
        return ds;
    }

    /**
     * {@code ds} with the first container of a block that starts at {@code containers:} (the guide's
     * health checks) merged into its first container: probes and the like are added to the agent.
     */
    static ObjectNode withContainerFragment(ObjectNode ds, String containersBlock) {
        merge(
                (ObjectNode) ds.at("/spec/template/spec/containers/0"),
                yaml(containersBlock).get("containers").get(0));
        return ds;
    }

    /** {@code ds} with its pods pinned to one node by the {@code kubernetes.io/hostname} label. */
    static ObjectNode onNode(ObjectNode ds, String node) {
        return with(ds, """
                spec:
                  template:
                    spec:
                      nodeSelector:
                        kubernetes.io/hostname: %s
                """.formatted(node));
    }

    /** {@code ds} with its first container's image set to {@code image}. */
    static ObjectNode image(ObjectNode ds, String image) {
        ((ObjectNode) ds.at("/spec/template/spec/containers/0")).put("image", image);
        return ds;
    }

    /** {@code ds} with env var {@code name=value} added to its first container. */
    static ObjectNode env(ObjectNode ds, String name, String value) {
        ObjectNode c = (ObjectNode) ds.at("/spec/template/spec/containers/0");
        ArrayNode env = c.has("env") ? (ArrayNode) c.get("env") : c.putArray("env");
        env.addObject().put("name", name).put("value", value);
        return ds;
    }

    static String json(JsonNode node) {
        return JSON.writeValueAsString(node);
    }
}
