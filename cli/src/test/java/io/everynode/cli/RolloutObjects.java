package io.everynode.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.client.KubeClient;
import io.everynode.testkit.history.ApiResource;
import io.everynode.testkit.history.ListSnapshot;
import io.everynode.testkit.history.Operation;
import io.everynode.testkit.history.Outcome;
import io.everynode.testkit.history.RecordingClient;
import io.everynode.testkit.history.RecordingWatcher;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** The DaemonSets of the control-plane fault tests, and the end of their recorded runs. */
final class RolloutObjects {
    private static final ApiResource PODS = ApiResource.core("pods");
    private static final ApiResource DAEMON_SETS = ApiResource.apps("daemonsets");

    private RolloutObjects() {}

    /** DaemonSet {@code name} in {@code default}: one container of image fluentd:v1, a RollingUpdate with this budget. */
    static String daemonSet(String name, int maxUnavailable, int maxSurge) {
        return """
                {"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"%1$s","namespace":"default"},
                 "spec":{"selector":{"matchLabels":{"app":"%1$s"}},
                  "updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":%2$d,"maxSurge":%3$d}},
                  "template":{"metadata":{"labels":{"app":"%1$s"}},
                   "spec":{"containers":[{"name":"agent","image":"fluentd:v1"}]}}}}""".formatted(name, maxUnavailable, maxSurge);
    }

    /** Every one of {@code nodes} runs an available pod of {@code name}'s template generation {@code generation}, none being deleted. */
    static boolean settled(KubeClient via, String name, long generation, int nodes) {
        DaemonSet d = via.get(DaemonSet.class, "default", name);
        DaemonSetStatus s = d.getStatus();
        if (s == null || s.getObservedGeneration() == null || s.getObservedGeneration() < generation) return false;
        List<Pod> all = via.list(Pod.class, "default").items().stream()
                .filter(p -> name.equals(p.getMetadata().getLabels().get("app")))
                .toList();
        return Integer.valueOf(nodes).equals(s.getUpdatedNumberScheduled())
                && Integer.valueOf(nodes).equals(s.getNumberAvailable())
                && all.size() == nodes
                && all.stream().allMatch(p -> p.getMetadata().getDeletionTimestamp() == null);
    }

    /**
     * Waits until {@link #settled}; when it does not come, fails saying where the rollout stood
     * (the DaemonSet's status, every pod) and what the servers logged as warnings and errors.
     */
    static void awaitSettled(
            KubeClient via, String name, long generation, int nodes, List<ServersOnEtcd.Server> servers) {
        try {
            await().atMost(Duration.ofSeconds(120)).until(() -> settled(via, name, generation, nodes));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            StringBuilder b = new StringBuilder("DaemonSet " + name + " did not settle at generation " + generation);
            b.append("\nstatus: ")
                    .append(via.get(DaemonSet.class, "default", name).getStatus());
            for (Pod p : via.list(Pod.class, "default").items()) {
                b.append("\npod ")
                        .append(p.getMetadata().getName())
                        .append(" on ")
                        .append(p.getSpec().getNodeName());
                b.append(" image ").append(p.getSpec().getContainers().get(0).getImage());
                b.append(" phase ")
                        .append(p.getStatus() == null ? null : p.getStatus().getPhase());
                b.append(" deleting ").append(p.getMetadata().getDeletionTimestamp());
                b.append(" rv ").append(p.getMetadata().getResourceVersion());
                b.append(" conditions ")
                        .append(p.getStatus() == null ? null : p.getStatus().getConditions());
            }
            for (ServersOnEtcd.Server s : servers) {
                try {
                    b.append("\nserver ").append(s.index()).append(" logged:");
                    s.log()
                            .lines()
                            .filter(l -> l.contains("WARN") || l.contains("ERROR") || l.contains("leader"))
                            .limit(60)
                            .forEach(l -> b.append("\n  ").append(l));
                } catch (java.io.IOException io) {
                    b.append(" (unreadable)");
                }
            }
            throw new AssertionError(b.toString(), e);
        }
    }

    /**
     * Lists pods and DaemonSets, then writes once more in each watcher's scope (a pod of no
     * DaemonSet on {@code node}, an annotation on DaemonSet {@code name}) and waits until every
     * watcher delivered those writes: the lists' revisions are then within the watched history,
     * so the checker replays it to them.
     */
    static void finalListsSeenByTheWatchers(
            RecordingClient deployer,
            List<RecordingWatcher> podWatchers,
            RecordingWatcher daemonSetWatcher,
            String name,
            String node) {
        ListSnapshot podList = list(deployer, PODS);
        ListSnapshot dsList = list(deployer, DAEMON_SETS);
        Operation sentinelPod = deployer.create(PODS, "default", """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"sentinel","namespace":"default"},
                 "spec":{"nodeName":"%s","containers":[{"name":"c","image":"sentinel:v1"}]}}""".formatted(node));
        ObjectNode ds = (ObjectNode)
                dsList.items().get("daemonsets/default/" + name).object().deepCopy();
        ds.remove("status");
        ds.put("apiVersion", "apps/v1").put("kind", "DaemonSet");
        ((ObjectNode) ds.get("metadata")).remove("resourceVersion");
        ((ObjectNode) ds.get("metadata")).putObject("annotations").put("history", "sentinel");
        Operation sentinelDs = deployer.update(DAEMON_SETS, "default", name, ds.toString());
        long podRevision = ((Outcome.Acknowledged) sentinelPod.outcome()).revision();
        long dsRevision = ((Outcome.Acknowledged) sentinelDs.outcome()).revision();
        assertThat(podRevision).isGreaterThan(podList.revision());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> podWatchers.stream().allMatch(w -> w.delivered() >= podRevision)
                        && daemonSetWatcher.delivered() >= dsRevision);
    }

    private static ListSnapshot list(RecordingClient client, ApiResource resource) {
        try {
            return client.list(resource, "default");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
