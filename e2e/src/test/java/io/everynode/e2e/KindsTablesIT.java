package io.everynode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.testkit.Kubectl;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in kind a DaemonSet install ships with, through the real kubectl on one cluster of a
 * simulated node: the project's own small manifest for the kind ({@code kinds/<resource>.yaml} in
 * the test resources) is applied with {@code kubectl apply -f}; {@code kubectl get} prints
 * upstream's header and row (docs/tables.md), {@code -o wide} adds upstream's wide columns;
 * {@code -o yaml} answers the object; {@code kubectl get -w} sees a label change as a MODIFIED
 * event; {@code kubectl delete -f} leaves nothing behind.
 *
 * <p>Cells another controller may fill in later (a Service's allocated cluster IP, a Job's
 * Suspended status, a PersistentVolume's phase) are matched loosely; every other cell exactly.
 * Ages are matched as any one word.
 *
 * <p>Each kind's objects have names of their own and no kind's row depends on another's objects
 * (no controller binds the PersistentVolume to the claim; the webhooks fail open and the
 * Deployment, ReplicaSet and StatefulSet ask for no pods, the Job is suspended), so the kinds run side by side: each
 * mostly waits on kubectl.
 */
@Execution(ExecutionMode.CONCURRENT)
class KindsTablesIT {
    static GuideCluster cluster;

    /**
     * One kind's expectations.
     *
     * @param resource the plural resource, also the manifest's file name
     * @param name the object the manifest creates
     * @param namespaced whether it lives in namespace {@code kinds}
     * @param header kubectl's header row, column by column
     * @param row a regular expression for the object's row ({@code AGE} stands for any age)
     * @param wideHeader the header with {@code -o wide}, or null when the kind has no wide columns
     * @param wideCells a regular expression found in the wide row, or null
     */
    record Kind(
            String resource,
            String name,
            boolean namespaced,
            List<String> header,
            String row,
            List<String> wideHeader,
            String wideCells) {
        @Override
        public String toString() {
            return resource;
        }

        List<String> scoped(String... args) {
            List<String> all = new ArrayList<>(List.of(args));
            if (namespaced) {
                all.addAll(List.of("-n", "kinds"));
            }
            return all;
        }
    }

    private static final String CREATED_AT = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";

    static Stream<Kind> kinds() {
        return Stream.of(
                kind("configmaps", "agent-config", true, "NAME DATA AGE", "agent-config 3 AGE"),
                kind("secrets", "agent-token", true, "NAME TYPE DATA AGE", "agent-token Opaque 2 AGE"),
                kind("serviceaccounts", "agent", true, "NAME SECRETS AGE", "agent 1 AGE"),
                wide(
                        kind(
                                "services",
                                "agent-metrics",
                                true,
                                "NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE",
                                "agent-metrics NodePort \\S+ 192\\.0\\.2\\.10 9100:30910/TCP AGE"),
                        "SELECTOR",
                        "9100:30910/TCP\\s+\\S+\\s+app=agent"),
                kind(
                        "endpoints",
                        "external-db",
                        true,
                        "NAME ENDPOINTS AGE",
                        "external-db 192\\.0\\.2\\.21:5432,192\\.0\\.2\\.22:5432 AGE"),
                kind("resourcequotas", "agent-quota", true, "NAME REQUEST LIMIT AGE", "agent-quota (.*\\s)?AGE"),
                kind("limitranges", "agent-limits", true, "NAME CREATED AT", "agent-limits " + CREATED_AT),
                wide(
                        kind(
                                "persistentvolumeclaims",
                                "agent-state",
                                true,
                                "NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS VOLUMEATTRIBUTESCLASS AGE",
                                "agent-state (Pending )?manual <unset> AGE"),
                        "VOLUMEMODE",
                        "<unset>\\s+\\S+\\s+Filesystem"),
                wide(
                        kind(
                                "persistentvolumes",
                                "agent-state-pv",
                                false,
                                "NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM STORAGECLASS"
                                        + " VOLUMEATTRIBUTESCLASS REASON AGE",
                                "agent-state-pv 2Gi RWO,ROX Retain (\\S+ )?manual <unset> AGE"),
                        "VOLUMEMODE",
                        "<unset>\\s+\\S+\\s+Filesystem"),
                wide(
                        kind(
                                "deployments",
                                "dashboard",
                                true,
                                "NAME READY UP-TO-DATE AVAILABLE AGE",
                                "dashboard 0/0 0 0 AGE"),
                        "CONTAINERS IMAGES SELECTOR",
                        "web\\s+example/dashboard:1\\s+app=dashboard"),
                wide(
                        kind("replicasets", "cache", true, "NAME DESIRED CURRENT READY AGE", "cache 0 0 0 AGE"),
                        "CONTAINERS IMAGES SELECTOR",
                        "cache\\s+example/cache:2\\s+app=cache"),
                wide(
                        kind("statefulsets", "store", true, "NAME READY AGE", "store 0/0 AGE"),
                        "CONTAINERS IMAGES",
                        "store\\s+example/store:3"),
                wide(
                        kind(
                                "jobs",
                                "cleanup",
                                true,
                                "NAME STATUS COMPLETIONS DURATION AGE",
                                "cleanup (Running|Suspended) 0/2 AGE"),
                        "CONTAINERS IMAGES SELECTOR",
                        "cleanup\\s+example/cleanup:1"),
                wide(
                        kind(
                                "cronjobs",
                                "rotate",
                                true,
                                "NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE",
                                "rotate \\*/30 \\* \\* \\* \\* Etc/UTC True 0 <none> AGE"),
                        "CONTAINERS IMAGES SELECTOR",
                        "rotate\\s+example/rotate:1"),
                kind(
                        "endpointslices",
                        "external-db-manual",
                        true,
                        "NAME ADDRESSTYPE PORTS ENDPOINTS AGE",
                        "external-db-manual IPv4 5432 192\\.0\\.2\\.21 AGE"),
                kind("roles", "config-reader", true, "NAME CREATED AT", "config-reader " + CREATED_AT),
                kind("clusterroles", "kinds-node-reader", false, "NAME CREATED AT", "kinds-node-reader " + CREATED_AT),
                wide(
                        kind(
                                "rolebindings",
                                "agent-reads-config",
                                true,
                                "NAME ROLE AGE",
                                "agent-reads-config Role/config-reader AGE"),
                        "USERS GROUPS SERVICEACCOUNTS",
                        "alice\\s+kinds/agent"),
                wide(
                        kind(
                                "clusterrolebindings",
                                "kinds-agent-reads-nodes",
                                false,
                                "NAME ROLE AGE",
                                "kinds-agent-reads-nodes ClusterRole/kinds-node-reader AGE"),
                        "USERS GROUPS SERVICEACCOUNTS",
                        "operators\\s+kinds/agent"),
                kind("networkpolicies", "agent-ingress", true, "NAME POD-SELECTOR AGE", "agent-ingress app=agent AGE"),
                kind(
                        "ingresses",
                        "dashboard",
                        true,
                        "NAME CLASS HOSTS ADDRESS PORTS AGE",
                        "dashboard kinds-nginx dashboard\\.example\\.com 80, 443 AGE"),
                kind(
                        "ingressclasses",
                        "kinds-nginx",
                        false,
                        "NAME CONTROLLER PARAMETERS AGE",
                        "kinds-nginx example\\.com/ingress-nginx IngressParameters\\.k8s\\.example\\.com/external-lb"
                                + " AGE"),
                kind(
                        "storageclasses",
                        "kinds-local",
                        false,
                        "NAME PROVISIONER RECLAIMPOLICY VOLUMEBINDINGMODE ALLOWVOLUMEEXPANSION AGE",
                        "kinds-local \\(default\\) example\\.com/local-path Retain WaitForFirstConsumer true AGE"),
                kind(
                        "csidrivers",
                        "hostpath.kinds.example.com",
                        false,
                        "NAME ATTACHREQUIRED PODINFOONMOUNT STORAGECAPACITY TOKENREQUESTS REQUIRESREPUBLISH MODES AGE",
                        "hostpath\\.kinds\\.example\\.com false true false <unset> false Persistent,Ephemeral AGE"),
                kind("csinodes", "kinds-node", false, "NAME DRIVERS AGE", "kinds-node 1 AGE"),
                kind(
                        "poddisruptionbudgets",
                        "dashboard",
                        true,
                        "NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE",
                        "dashboard N/A 25% \\d+ AGE"),
                kind(
                        "validatingwebhookconfigurations",
                        "kinds-validator",
                        false,
                        "NAME WEBHOOKS AGE",
                        "kinds-validator 1 AGE"),
                kind(
                        "mutatingwebhookconfigurations",
                        "kinds-mutator",
                        false,
                        "NAME WEBHOOKS AGE",
                        "kinds-mutator 2 AGE"),
                kind("runtimeclasses", "kinds-sandboxed", false, "NAME HANDLER AGE", "kinds-sandboxed runsc AGE"),
                kind(
                        "customresourcedefinitions",
                        "probes.kinds.example.com",
                        false,
                        "NAME CREATED AT",
                        "probes\\.kinds\\.example\\.com " + CREATED_AT));
    }

    /** Header words separated by single spaces here; kubectl separates columns by two or more. */
    private static Kind kind(String resource, String name, boolean namespaced, String header, String row) {
        return new Kind(resource, name, namespaced, columns(header), row, null, null);
    }

    private static Kind wide(Kind k, String extraColumns, String wideCells) {
        List<String> wideHeader = new ArrayList<>(k.header());
        wideHeader.addAll(List.of(extraColumns.split(" ")));
        return new Kind(k.resource(), k.name(), k.namespaced(), k.header(), k.row(), wideHeader, wideCells);
    }

    /** Column names in a header written with single spaces, multi-word names kept whole. */
    private static List<String> columns(String header) {
        List<String> out = new ArrayList<>();
        String[] words = header.split(" ");
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            boolean joinsNext = i + 1 < words.length
                    && List.of(
                                    "ACCESS MODES",
                                    "RECLAIM POLICY",
                                    "LAST SCHEDULE",
                                    "CREATED AT",
                                    "MIN AVAILABLE",
                                    "MAX UNAVAILABLE",
                                    "ALLOWED DISRUPTIONS")
                            .contains(w + " " + words[i + 1]);
            if (joinsNext) {
                out.add(w + " " + words[++i]);
            } else {
                out.add(w);
            }
        }
        return out;
    }

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        cluster = GuideCluster.up(1, dir);
        cluster.namespace("kinds");
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void eachKindAppliesPrintsUpstreamsColumnsWatchesAndDeletesCleanly(Kind kind) throws Exception {
        String file = manifest(kind.resource());
        assertThat(cluster.kubectl("apply", "-f", file)).contains(kind.name()).contains("created");

        String table =
                cluster.kubectl(kind.scoped("get", kind.resource(), kind.name()).toArray(String[]::new));
        List<String> lines = table.lines().toList();
        assertThat(lines).as(table).hasSize(2);
        assertThat(List.of(lines.get(0).trim().split("\\s{2,}"))).as(table).isEqualTo(kind.header());
        String rowPattern = kind.row().replace(" ", "\\s+").replace("AGE", "\\S+");
        assertThat(lines.get(1).trim()).as(table).matches(rowPattern);

        if (kind.wideHeader() != null) {
            String wideTable = cluster.kubectl(kind.scoped("get", kind.resource(), kind.name(), "-o", "wide")
                    .toArray(String[]::new));
            List<String> wideLines = wideTable.lines().toList();
            assertThat(List.of(wideLines.get(0).trim().split("\\s{2,}")))
                    .as(wideTable)
                    .isEqualTo(kind.wideHeader());
            assertThat(wideLines.get(1)).as(wideTable).containsPattern(kind.wideCells());
        }

        String yaml = cluster.kubectl(
                kind.scoped("get", kind.resource(), kind.name(), "-o", "yaml").toArray(String[]::new));
        assertThat(yaml).contains("name: " + kind.name()).contains("uid: ");

        assertWatchSeesALabelChange(kind);

        assertThat(cluster.kubectl("delete", "-f", file)).contains(kind.name()).contains("deleted");
        await().atMost(GuideCluster.WAIT).untilAsserted(() -> {
            Kubectl.Result gone = cluster.kubectl.run("get", "-f", file);
            assertThat(gone.exitCode()).as(gone.out()).isNotZero();
            assertThat(gone.err()).contains("NotFound");
        });
    }

    /**
     * {@code kubectl get NAME -w} prints MODIFIED once the object changes. The label is rewritten
     * on every poll: a change made before kubectl's watch is open would not be an event of it.
     */
    private static void assertWatchSeesALabelChange(Kind kind) {
        Kubectl.Background watch = cluster.kubectl.background(
                kind.scoped("get", kind.resource(), kind.name(), "-w", "--output-watch-events")
                        .toArray(String[]::new));
        try {
            AtomicInteger tick = new AtomicInteger();
            await().atMost(GuideCluster.WAIT)
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> {
                        cluster.kubectl(kind.scoped(
                                        "label",
                                        "--overwrite",
                                        kind.resource(),
                                        kind.name(),
                                        "tick=" + tick.incrementAndGet())
                                .toArray(String[]::new));
                        assertThat(watch.outputSoFar().lines())
                                .anySatisfy(l ->
                                        assertThat(l).startsWith("MODIFIED").contains(kind.name()));
                    });
        } finally {
            watch.kill();
        }
    }

    private static String manifest(String resource) throws URISyntaxException {
        URL url = KindsTablesIT.class.getResource("/kinds/" + resource + ".yaml");
        assertThat(url).as("manifest kinds/" + resource + ".yaml").isNotNull();
        return Path.of(url.toURI()).toString();
    }
}
