package io.everynode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.cli.UpCluster;
import io.everynode.cli.UpCommand;
import io.everynode.client.KubeClient;
import io.everynode.testkit.Kubectl;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * A cluster started with {@code everynode up}'s own code ({@link UpCommand#open()}) and the real
 * kubectl pointed at the kubeconfig {@code up} wrote. Tests act through kubectl as the guide's
 * reader does; they read pods through the in-process client because it is quick to poll.
 */
final class GuideCluster implements AutoCloseable {
    /** Generous: the machine is shared, and nothing here asserts on speed. */
    static final Duration WAIT = Duration.ofSeconds(60);

    final UpCluster running;
    final Kubectl kubectl;
    final KubeClient client;
    /** {@code up}'s --data-dir: the store, the kubeconfig, and with process nodes {@code images/} and {@code nodes/}. */
    final Path dataDir;

    private GuideCluster(UpCluster running, Kubectl kubectl, Path dataDir) {
        this.running = running;
        this.kubectl = kubectl;
        this.client = running.client();
        this.dataDir = dataDir;
    }

    /** How often the nodes' eviction managers act: short, so memory pressure is acted on within a test's patience. */
    static final Duration EVICTION_PASS = Duration.ofSeconds(1);

    /** {@code everynode up --nodes n --port 0 --data-dir dir/cluster}: nodes node-1 … node-n, all Ready. */
    static GuideCluster up(int nodes, Path dir) throws Exception {
        return up(new UpCommand().nodes(nodes), dir);
    }

    /** {@code up} as configured (nodes, grace period …), on port 0 in {@code dir/cluster}, with the short eviction pass. */
    static GuideCluster up(UpCommand up, Path dir) throws Exception {
        Path data = dir.resolve("cluster");
        UpCluster r = up.dataDir(data).port(0).evictionPassPeriod(EVICTION_PASS).open();
        try {
            return new GuideCluster(r, Kubectl.forKubeconfig(r.kubeconfig(), dir.resolve("kubectl")), data);
        } catch (Exception | Error e) {
            r.close();
            throw e;
        }
    }

    /**
     * {@code everynode up --runtime process --nodes n --port 0 --data-dir dir/cluster}: every
     * container a real process, each node in a network namespace of its own. Skips the calling
     * test class (JUnit assumption) where the machine runs no such nodes.
     */
    static GuideCluster upProcess(int nodes, Path dir) throws Exception {
        ProcessNodes.assumeAvailable();
        GuideCluster c = up(new UpCommand().nodes(nodes).runtime("process"), dir);
        try {
            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(c.kubectl("get", "nodes", "--no-headers")
                                    .lines()
                                    .filter(l -> l.split("\\s+")[1].equals("Ready"))
                                    .count())
                            .isEqualTo(nodes));
            return c;
        } catch (Exception | Error e) {
            c.close();
            throw e;
        }
    }

    /** The image directory the process nodes share ({@code DIR/images}). */
    Path images() {
        return dataDir.resolve("images");
    }

    /** The one pod of {@code app=name} on {@code node}, terminating pods skipped; fails when there is none. */
    Pod podOn(String namespace, String app, String node) {
        return pods(namespace, "app=" + app).stream()
                .filter(p -> node.equals(p.getSpec().getNodeName())
                        && p.getMetadata().getDeletionTimestamp() == null)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no pod of " + app + " on " + node));
    }

    /** Whether the node's cgroups enforce limits (its condition {@code ResourceLimitsEnforced}), and the condition's message. */
    String limitsNotEnforcedReason(String node) {
        String status = kubectl(
                "get",
                "node",
                node,
                "-o",
                "jsonpath={.status.conditions[?(@.type==\"ResourceLimitsEnforced\")].status}");
        if (status.equals("True")) return null;
        return "limits are not enforced on " + node + ": "
                + kubectl(
                        "get",
                        "node",
                        node,
                        "-o",
                        "jsonpath={.status.conditions[?(@.type==\"ResourceLimitsEnforced\")].message}");
    }

    /** Runs kubectl; its stdout, failing the test on a non-zero exit. */
    String kubectl(String... args) {
        return kubectl.ok(args);
    }

    /** {@code kubectl apply -f -} of a YAML or JSON text; kubectl's output. */
    String apply(String manifest) {
        return kubectl.runWithInput(manifest, "apply", "-f", "-").assertOk().out();
    }

    String apply(JsonNode manifest) {
        return apply(Manifests.json(manifest));
    }

    void namespace(String name) {
        kubectl("create", "namespace", name);
    }

    /** Marks a node as kubeadm marks a control-plane node: the label, then the NoSchedule taint. */
    void controlPlane(String node) {
        kubectl("label", "node", node, "node-role.kubernetes.io/control-plane=");
        kubectl("taint", "node", node, "node-role.kubernetes.io/control-plane:NoSchedule");
    }

    List<String> nodeNames() {
        return List.of(kubectl("get", "nodes", "-o", "name")
                .lines()
                .map(l -> l.substring("node/".length()))
                .sorted()
                .toArray(String[]::new));
    }

    List<Pod> pods(String namespace, String labelSelector) {
        return client.list(
                        Pod.class,
                        namespace,
                        new ListOptionsBuilder()
                                .withLabelSelector(labelSelector)
                                .build())
                .items();
    }

    /** The pods of {@code app=name} by node name (unscheduled pods under ""), terminating pods included. */
    Map<String, List<Pod>> podsByNode(String namespace, String app) {
        return pods(namespace, "app=" + app).stream()
                .collect(Collectors.groupingBy(
                        p -> p.getSpec().getNodeName() == null
                                ? ""
                                : p.getSpec().getNodeName(),
                        TreeMap::new,
                        Collectors.toList()));
    }

    /** Waits until the Ready, non-terminating pods of {@code app=name} are exactly one on each of {@code nodes}, and no others exist. */
    void awaitOneReadyPodOn(String namespace, String app, List<String> nodes) {
        await().atMost(WAIT).untilAsserted(() -> {
            Map<String, List<Pod>> byNode = podsByNode(namespace, app);
            assertThat(byNode.keySet())
                    .as("nodes with a pod of " + app)
                    .containsExactlyElementsOf(new TreeSet<>(nodes));
            assertThat(byNode.values()).allSatisfy(ps -> {
                assertThat(ps).hasSize(1);
                assertThat(ready(ps.get(0)))
                        .as("pod " + ps.get(0).getMetadata().getName() + " is Ready")
                        .isTrue();
            });
        });
    }

    /** The pod, if it exists (terminating or not). */
    java.util.Optional<Pod> pod(String namespace, String name) {
        try {
            return java.util.Optional.of(client.get(Pod.class, namespace, name));
        } catch (io.everynode.client.ApiError e) {
            if (e.isNotFound()) return java.util.Optional.empty();
            throw e;
        }
    }

    /** Evicted by its node's agent: phase Failed, reason Evicted (R9.4). */
    static boolean evicted(Pod p) {
        return p.getStatus() != null
                && "Failed".equals(p.getStatus().getPhase())
                && "Evicted".equals(p.getStatus().getReason());
    }

    /** The reasons of the events about one object, oldest first as kubectl lists them. */
    String eventReasons(String namespace, String name) {
        return kubectl(
                "get",
                "events",
                "-n",
                namespace,
                "--field-selector",
                "involvedObject.name=" + name,
                "-o",
                "jsonpath={range .items[*]}{.reason}{\"\\n\"}{end}");
    }

    /** A node condition's status as {@code kubectl get node} reports it. */
    String nodeCondition(String node, String type) {
        return kubectl("get", "node", node, "-o", "jsonpath={.status.conditions[?(@.type==\"" + type + "\")].status}");
    }

    static boolean ready(Pod p) {
        if (p.getMetadata().getDeletionTimestamp() != null
                || p.getStatus() == null
                || p.getStatus().getConditions() == null) return false;
        for (PodCondition c : p.getStatus().getConditions()) {
            if ("Ready".equals(c.getType())) return "True".equals(c.getStatus());
        }
        return false;
    }

    @Override
    public void close() {
        running.close();
    }
}
