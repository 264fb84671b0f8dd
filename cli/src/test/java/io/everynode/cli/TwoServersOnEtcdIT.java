package io.everynode.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.pki.CaHash;
import io.everynode.pki.ClusterPki;
import io.everynode.pki.KubeconfigFile;
import io.everynode.pki.Pem;
import io.everynode.pki.SubjectAltNames;
import io.everynode.testkit.Kubectl;
import io.everynode.testkit.etcd.EtcdCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code everynode server} processes on one 3-member etcd, both given the cluster's shared
 * credentials ({@code ca.*}, {@code sa.*}) as docs/ha.md says, each making its own serving
 * certificate: each serves every request
 * (writes, watches, tokens, joins, usage readings) as the other does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoServersOnEtcdIT {
    private static final Pattern LISTENING = Pattern.compile("everynode server listening on (\\S+) ");
    private static final List<String> SHARED = List.of("ca.crt", "ca.key", "sa.key", "sa.pub");

    private Path dir;

    private EtcdCluster etcd;
    private final List<Process> processes = new ArrayList<>();
    private String urlA;
    private String urlB;
    private Kubectl a;
    private Kubectl b;

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        EtcdCluster.assumeAvailable();
        dir = tmp;
        etcd = EtcdCluster.start(dir.resolve("etcd"), 3);
        // The cluster's shared credentials, made once and copied into both data directories before
        // either server starts (as docs/ha.md has them copied), so both start at once.
        ClusterPki.open(dir.resolve("seed"), SubjectAltNames.forThisHost(List.of()), Clock.systemUTC());
        for (String name : List.of("a", "b")) {
            Files.createDirectories(dir.resolve(name).resolve("pki"));
            for (String f : SHARED)
                Files.copy(
                        dir.resolve("seed/pki").resolve(f),
                        dir.resolve(name).resolve("pki").resolve(f));
        }
        Process serverA = server("a");
        Process serverB = server("b");
        urlA = url("a", serverA);
        urlB = url("b", serverB);
        a = Kubectl.forKubeconfig(dir.resolve("a/kubeconfig"), Files.createDirectories(dir.resolve("kubectl-a")));
        b = Kubectl.forKubeconfig(dir.resolve("b/kubeconfig"), Files.createDirectories(dir.resolve("kubectl-b")));
    }

    /** Starts {@code everynode server} on data dir {@code name}. */
    private Process server(String name) throws Exception {
        Process p = EverynodeJvm.server(
                dir.resolve(name),
                dir.resolve(name + ".out"),
                dir.resolve(name + ".err"),
                "--store",
                "etcd",
                "--etcd-endpoints",
                etcd.endpoints());
        processes.add(p);
        return p;
    }

    /** Waits until server {@code name} listens, and answers its URL. */
    private String url(String name, Process p) throws Exception {
        Path out = dir.resolve(name + ".out");
        await().atMost(Duration.ofSeconds(120))
                .until(() ->
                        !p.isAlive() || LISTENING.matcher(Files.readString(out)).find());
        Matcher m = LISTENING.matcher(Files.readString(out));
        assertThat(m.find()).as(Files.readString(dir.resolve(name + ".err"))).isTrue();
        return m.group(1);
    }

    @AfterAll
    void stop() throws Exception {
        java.util.Collections.reverse(processes); // the agent first, then B, then A
        for (Process p : processes) {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly();
        }
        if (etcd != null) etcd.close();
    }

    @Test
    void eachServerSeesTheOthersWritesAndAWatchOnOneSeesAWriteOnTheOther() {
        Kubectl.Background watch = b.background("get", "configmaps", "-n", "default", "-w", "--output-watch-events");
        try {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> watch.outputSoFar().contains("kube-root-ca.crt"));
            a.ok("create", "configmap", "written-on-a", "--from-literal=k=v");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> watch.outputSoFar().contains("written-on-a"));
            assertThat(watch.outputSoFar()).containsPattern("ADDED +written-on-a");
        } finally {
            watch.kill();
        }
        assertThat(b.ok("get", "configmap", "written-on-a", "-o", "jsonpath={.data.k}"))
                .isEqualTo("v");
        b.ok("create", "namespace", "made-on-b");
        assertThat(a.ok("get", "namespace", "made-on-b", "-o", "name")).isEqualTo("namespace/made-on-b\n");
    }

    @Test
    void aServiceAccountTokenMintedThroughOneServerIsAcceptedByTheOther() throws Exception {
        String token = a.ok("create", "token", "default", "-n", "default").strip();
        X509Certificate ca = Pem.readCertificate(Files.readString(dir.resolve("b/pki/ca.crt")));

        Kubectl onB = Kubectl.forKubeconfig(
                KubeconfigFile.writeWithToken(dir.resolve("sa-on-b"), urlB, ca, "default", token),
                Files.createDirectories(dir.resolve("kubectl-sa")));
        assertThat(onB.ok("auth", "whoami", "-o", "jsonpath={.status.userInfo.username}"))
                .isEqualTo("system:serviceaccount:default:default");

        Kubectl forged = Kubectl.forKubeconfig(
                KubeconfigFile.writeWithToken(dir.resolve("forged-on-b"), urlB, ca, "default", token + "x"),
                Files.createDirectories(dir.resolve("kubectl-forged")));
        Kubectl.Result refused = forged.run("auth", "whoami");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("Unauthorized");
    }

    @Test
    void theControllersLeadOnOneServerOnly() {
        String holders = b.ok(
                "get",
                "lease",
                "-n",
                "kube-system",
                "kube-controller-manager",
                "kube-scheduler",
                "-o",
                "jsonpath={range .items[*]}{.spec.holderIdentity}{\"\\n\"}{end}");
        List<String> ids = holders.lines().toList();
        assertThat(ids).hasSize(2).allMatch(id -> id.matches(".+_[0-9a-f-]{36}"));
        assertThat(a.ok("get", "lease", "-n", "kube-system"))
                .contains(ids.get(0))
                .contains(ids.get(1));
    }

    @Test
    void anAgentJoinedWithATokenMadeThroughOneServerIsReadyThroughTheOtherAndItsUsageShowsOnBoth() throws Exception {
        a.apply("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: bootstrap-token-abcdef
                  namespace: kube-system
                type: bootstrap.kubernetes.io/token
                stringData:
                  token-id: abcdef
                  token-secret: 0123456789abcdef
                  usage-bootstrap-authentication: "true"
                  usage-bootstrap-signing: "true"
                  auth-extra-groups: system:bootstrappers:kubeadm:default-node-token
                """);
        String caHash = CaHash.of(Pem.readCertificate(Files.readString(dir.resolve("a/pki/ca.crt"))));
        Process agent = EverynodeJvm.start(
                dir.resolve("agent.out"),
                dir.resolve("agent.err"),
                "agent",
                "--server",
                urlB,
                "--token",
                "abcdef.0123456789abcdef",
                "--discovery-token-ca-cert-hash",
                caHash,
                "--node-name",
                "joiner",
                "--root-dir",
                dir.resolve("joiner").toString(),
                "--usage-report-interval",
                "1s");
        processes.add(agent);
        await().atMost(Duration.ofSeconds(120))
                .until(() -> !agent.isAlive()
                        || a.run(
                                        "get",
                                        "node",
                                        "joiner",
                                        "-o",
                                        "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}")
                                .out()
                                .equals("True"));
        assertThat(agent.isAlive())
                .as(Files.readString(dir.resolve("agent.err")))
                .isTrue();
        // the agent sends its readings to B; A serves them from the store
        await().atMost(Duration.ofSeconds(60))
                .until(() -> a.run("top", "node", "joiner").exitCode() == 0);
        assertThat(a.ok("top", "node", "joiner")).contains("joiner");
        assertThat(b.ok("top", "node", "joiner")).contains("joiner");
    }
}
