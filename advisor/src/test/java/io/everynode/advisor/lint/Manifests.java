package io.everynode.advisor.lint;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Test manifests: a clean DaemonSet or Deployment (no finding from any rule, offline) with YAML
 * patches merged in (objects merge key by key, everything else, lists included, is replaced), so a
 * table row names only what it changes.
 */
final class Manifests {
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    static final String CLEAN_DAEMON_SET = """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: cache
              namespace: default
            spec:
              selector:
                matchLabels: {app: cache}
              template:
                metadata:
                  labels: {app: cache}
                spec:
                  priorityClassName: infra
                  containers:
                    - name: cache
                      image: registry.example/cache:1.2
                      resources:
                        requests: {cpu: 50m, memory: 64Mi}
                        limits: {memory: 128Mi}
                      readinessProbe:
                        httpGet: {path: /ready, port: 8080}
            """;

    static final String CLEAN_DEPLOYMENT = CLEAN_DAEMON_SET.replace("kind: DaemonSet", "kind: Deployment");

    private Manifests() {}

    static ObjectNode yaml(String text) {
        return (ObjectNode) YAML.readTree(text);
    }

    /** {@code base} with each patch merged in, in order. */
    static ObjectNode patched(String base, String... patches) {
        ObjectNode out = yaml(base);
        for (String p : patches) merge(out, yaml(p));
        return out;
    }

    static void merge(ObjectNode into, JsonNode patch) {
        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            JsonNode have = into.get(e.getKey());
            if (have instanceof ObjectNode o && e.getValue() instanceof ObjectNode p) {
                merge(o, p);
            } else {
                into.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }

    /** The findings of one rule on one object. */
    static List<Finding> lint(LintRule rule, ObjectNode object, LintContext context) {
        try {
            return new Linter(List.of(rule))
                    .lint(List.of(new Manifest("t.yaml", 1, "", object)), context)
                    .findings();
        } catch (LintInputException e) {
            throw new AssertionError(e);
        }
    }
}
