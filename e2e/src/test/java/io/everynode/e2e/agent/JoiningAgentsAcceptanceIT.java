package io.everynode.e2e.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.everynode.agent.netns.Availability;
import io.everynode.agent.netns.NodeNetwork;
import io.everynode.agent.netns.NodeNetworks;
import io.everynode.cli.Main;
import io.everynode.controlplane.ControlPlane;
import io.everynode.pki.ClusterPki;
import io.everynode.pki.SubjectAltNames;
import io.everynode.testkit.Kubectl;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's two hosts on one machine: a secure control plane on the host, listening on the
 * address of the bridge that a network namespace reaches (host A), and {@code everynode agent}
 * processes started inside that namespace (host B) with the line
 * {@code everynode token create --print-join-command} printed. A right token and hash join and
 * run a DaemonSet's pod; a wrong hash and an expired token are refused with clear messages and
 * leave no credentials behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JoiningAgentsAcceptanceIT {
    /** Generous: each agent is a JVM of its own that joins (CSR, approval) while e2e runs other classes beside it. */
    private static final Duration WAIT = Duration.ofSeconds(120);

    private Path dir;
    private NodeNetworks networks;
    private NodeNetwork hostB;
    private ControlPlane cp;
    private Path adminKubeconfig;
    private Kubectl kubectl;
    private final List<Process> agents = new ArrayList<>();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        assumeTrue(
                System.getProperty("os.name", "").toLowerCase().startsWith("linux"), "network namespaces need Linux");
        Availability netns = NodeNetworks.check();
        assumeTrue(netns.available(), () -> "two hosts need network namespaces: " + netns.warning());
        this.dir = dir;
        networks = new NodeNetworks("join-it-" + dir);
        hostB = networks.create("host-b");
        String hostA = hostB.hostIP();
        ClusterPki pki =
                ClusterPki.open(dir.resolve("server"), SubjectAltNames.forThisHost(List.of(hostA)), Clock.systemUTC());
        cp = ControlPlane.builder()
                .secure(pki)
                .bind(hostA, 0)
                .advertiseHost(hostA)
                .build()
                .start();
        adminKubeconfig = pki.writeAdminKubeconfig(dir.resolve("server").resolve("kubeconfig"), cp.url());
        kubectl = Kubectl.forKubeconfig(adminKubeconfig, dir);
    }

    @AfterAll
    void stop() throws Exception {
        for (Process p : agents) {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly();
        }
        if (cp != null) cp.close();
        if (networks != null) networks.close();
    }

    /** {@code everynode token create --print-join-command} on host A: the join line, split into words. */
    private List<String> joinCommand() throws Exception {
        Process p = new ProcessBuilder(
                        java("token", "create", "--kubeconfig", adminKubeconfig.toString(), "--print-join-command"))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(out).startsWith("everynode agent --server " + cp.url() + " --token ");
        return Arrays.asList(out.split(" "));
    }

    private static List<String> java(String... args) {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs the join line on host B (inside its network namespace) as node {@code node}, with {@code extra} flags. */
    private Process agentOnHostB(List<String> joinLine, String node, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(hostB.launchPrefix());
        cmd.addAll(java(joinLine.subList(1, joinLine.size()).toArray(String[]::new)));
        cmd.addAll(List.of(
                "--node-name", node,
                "--root-dir", dir.resolve(node).toString(),
                "--node-ip", hostB.nodeIP(),
                "--address", hostB.nodeIP()));
        cmd.addAll(List.of(extra));
        return new ProcessBuilder(cmd)
                .redirectOutput(dir.resolve(node + ".out").toFile())
                .redirectError(dir.resolve(node + ".err").toFile())
                .start();
    }

    private String refused(Process p, String node) throws Exception {
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        return Files.readString(dir.resolve(node + ".err"));
    }

    private static List<String> with(List<String> line, String flag, String value) {
        List<String> out = new ArrayList<>(line);
        out.set(out.indexOf(flag) + 1, value);
        return out;
    }

    @Test
    void anAgentOnAnotherHostJoinsWithThePrintedCommandAndRunsTheDaemonSet() throws Exception {
        Process agent = agentOnHostB(joinCommand(), "joined-1");
        agents.add(agent);
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            assertThat(agent.isAlive())
                    .as(() -> "agent: " + read("joined-1.err"))
                    .isTrue();
            Node n = cp.client().get(Node.class, null, "joined-1");
            assertThat(n).isNotNull();
            assertThat(n.getStatus().getConditions())
                    .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
        });
        assertThat(dir.resolve("joined-1").resolve("kubelet.conf")).exists();
        assertThat(dir.resolve("joined-1").resolve("pki").resolve("kubelet-client-current.pem"))
                .exists();
        assertThat(kubectl.ok("get", "csr")).containsPattern("system:bootstrap:[a-z0-9]{6}\\s+\\S+\\s+Approved,Issued");

        kubectl.apply("""
                apiVersion: apps/v1
                kind: DaemonSet
                metadata:
                  name: node-agent
                spec:
                  selector:
                    matchLabels: {app: node-agent}
                  template:
                    metadata:
                      labels: {app: node-agent}
                    spec:
                      containers:
                        - name: agent
                          image: busybox:1.36
                          command: ["sleep", "3600"]
                """);
        await().atMost(WAIT)
                .until(() -> kubectl.ok("get", "ds", "node-agent", "-o", "jsonpath={.status.numberReady}")
                        .equals("1"));
        assertThat(kubectl.ok("get", "ds", "node-agent")).containsPattern("node-agent\\s+1\\s+1\\s+1\\s+1\\s+1");
        assertThat(kubectl.ok("get", "pods", "-o", "wide")).contains("joined-1");

        // The joined agent serves its endpoint on a self-signed certificate until its serving CSR
        // (kubernetes.io/kubelet-serving, which nobody approves automatically, as upstream) is
        // approved: the API server refuses to proxy to it and says what to do; once approved,
        // kubectl logs reaches the agent over TLS (this simulated node keeps no logs, and says so).
        String pod = kubectl.ok("get", "pods", "-l", "app=node-agent", "-o", "jsonpath={.items[0].metadata.name}");
        Kubectl.Result before = kubectl.run("logs", pod);
        assertThat(before.exitCode()).isNotZero();
        assertThat(before.err()).contains("kubectl certificate approve");
        String servingCsr = await().atMost(WAIT)
                .until(
                        () -> kubectl.ok(
                                "get",
                                "csr",
                                "-o",
                                "jsonpath={.items[?(@.spec.signerName==\"kubernetes.io/kubelet-serving\")].metadata.name}"),
                        name -> !name.isBlank());
        kubectl.ok("certificate", "approve", servingCsr);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(kubectl.run("logs", pod).err())
                        .contains("node \"joined-1\" keeps no logs for container \"agent\""));
    }

    @Test
    void aWrongCaHashIsRefusedNamingBothHashesAndLeavesNoCredentials() throws Exception {
        List<String> line = joinCommand();
        String wrong = "sha256:" + "ab".repeat(32);
        String err =
                refused(agentOnHostB(with(line, "--discovery-token-ca-cert-hash", wrong), "wrong-hash"), "wrong-hash");
        String right = line.get(line.indexOf("--discovery-token-ca-cert-hash") + 1);
        assertThat(err)
                .contains("error: cluster CA found in cluster-info ConfigMap is invalid: none of the public keys \""
                        + right + "\" are pinned (--discovery-token-ca-cert-hash gave " + wrong + ")");
        assertThat(dir.resolve("wrong-hash").resolve("kubelet.conf")).doesNotExist();
        assertThat(dir.resolve("wrong-hash").resolve("pki")).doesNotExist();
    }

    @Test
    void anExpiredTokenIsRefusedAsExpiredOrUnknownAndLeavesNoCredentials() throws Exception {
        List<String> line = joinCommand();
        String id = line.get(line.indexOf("--token") + 1).substring(0, 6);
        // The token's Secret says it expired a minute ago: the bootstrap signer withdraws its signature.
        Secret s = cp.client().get(Secret.class, "kube-system", "bootstrap-token-" + id);
        s.getData()
                .put(
                        "expiration",
                        Base64.getEncoder()
                                .encodeToString(Instant.now()
                                        .minusSeconds(60)
                                        .toString()
                                        .getBytes(StandardCharsets.UTF_8)));
        cp.client().update(s);

        String err = refused(agentOnHostB(line, "expired", "--discovery-timeout", "3s"), "expired");
        assertThat(err)
                .contains("error: could not find a JWS signature in the cluster-info ConfigMap for token ID \"" + id
                        + "\": the token may be expired or unknown");
        assertThat(dir.resolve("expired").resolve("kubelet.conf")).doesNotExist();
        assertThat(dir.resolve("expired").resolve("pki")).doesNotExist();
    }

    private String read(String file) {
        try {
            return Files.readString(dir.resolve(file));
        } catch (java.io.IOException e) {
            return "(" + e.getMessage() + ")";
        }
    }
}
