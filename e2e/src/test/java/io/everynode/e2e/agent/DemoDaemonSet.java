package io.everynode.e2e.agent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A DaemonSet of the demo agent ({@code everynode/demo-agent:1}) as a test wants it: its app
 * label and name, the port the agent listens on, optionally one node only (a nodeSelector on
 * {@code kubernetes.io/hostname}), env, probes with short periods, a memory limit and a grace
 * period. Renders the YAML a user would apply.
 */
final class DemoDaemonSet {
    /** Startup: up to 90 s for a JVM to start on a busy machine, then liveness takes over. */
    static final String STARTUP_PROBE = """
                    startupProbe:
                      httpGet: {path: /healthz, port: %1$d}
                      periodSeconds: 1
                      timeoutSeconds: 5
                      failureThreshold: 90
            """;
    /** Liveness: a failing /healthz restarts the container after 2 failures a second apart (5 s timeout: a busy machine answers slowly). */
    static final String LIVENESS_PROBE = """
                    livenessProbe:
                      httpGet: {path: /healthz, port: %1$d}
                      periodSeconds: 1
                      timeoutSeconds: 5
                      failureThreshold: 2
            """;

    static final String READINESS_PROBE = """
                    readinessProbe:
                      httpGet: {path: /ready, port: %1$d}
                      periodSeconds: 1
                      timeoutSeconds: 5
            """;

    private final String name;
    private final int port;
    private String node;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> probes = new ArrayList<>();
    private String memoryLimit;
    private Integer grace;

    private DemoDaemonSet(String name, int port) {
        this.name = name;
        this.port = port;
    }

    /** Named {@code name} (also its {@code app} label), the agent listening on {@code port}, with a readiness probe. */
    static DemoDaemonSet named(String name, int port) {
        return new DemoDaemonSet(name, port).probe(READINESS_PROBE);
    }

    /** Without probes: Ready as soon as the process runs. */
    static DemoDaemonSet withoutProbes(String name, int port) {
        return new DemoDaemonSet(name, port);
    }

    DemoDaemonSet onNode(String n) {
        this.node = n;
        return this;
    }

    DemoDaemonSet env(String key, String value) {
        env.put(key, value);
        return this;
    }

    /** Adds a probe (one of the constants above). */
    DemoDaemonSet probe(String yaml) {
        probes.add(yaml);
        return this;
    }

    DemoDaemonSet memoryLimit(String quantity) {
        this.memoryLimit = quantity;
        return this;
    }

    DemoDaemonSet terminationGracePeriodSeconds(int seconds) {
        this.grace = seconds;
        return this;
    }

    String yaml() {
        StringBuilder y = new StringBuilder();
        y.append("""
                apiVersion: apps/v1
                kind: DaemonSet
                metadata:
                  name: %1$s
                spec:
                  selector:
                    matchLabels: {app: %1$s}
                  template:
                    metadata:
                      labels: {app: %1$s}
                    spec:
                """.formatted(name));
        if (node != null)
            y.append("      nodeSelector: {kubernetes.io/hostname: ")
                    .append(node)
                    .append("}\n");
        if (grace != null)
            y.append("      terminationGracePeriodSeconds: ").append(grace).append('\n');
        y.append("""
                      containers:
                      - name: demo
                        image: everynode/demo-agent:1
                        env:
                        - {name: PORT, value: "%d"}
                """.formatted(port));
        env.forEach((k, v) -> y.append("        - {name: ")
                .append(k)
                .append(", value: \"")
                .append(v)
                .append("\"}\n"));
        if (memoryLimit != null) {
            y.append("        resources:\n          limits: {memory: ")
                    .append(memoryLimit)
                    .append("}\n");
        }
        for (String p : probes) y.append(p.formatted(port));
        return y.toString();
    }
}
