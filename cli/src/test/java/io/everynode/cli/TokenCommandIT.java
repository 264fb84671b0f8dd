package io.everynode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.controlplane.ControlPlane;
import io.everynode.pki.ClusterPki;
import io.everynode.pki.Pem;
import io.everynode.pki.SubjectAltNames;
import io.everynode.testkit.Kubeconfig;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code everynode token create|list|delete} against a running control plane, each run as
 * {@link Main#main} runs it (picocli on a new {@link Main}) but in this JVM, its stdout and stderr
 * the command line's writers: a JVM per command made this one of the slowest cli tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenCommandIT {
    private ControlPlane cp;
    private Path dataDir;
    private ClusterPki pki;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        // As `everynode server` runs: HTTPS, and the admin kubeconfig in the data directory.
        pki = ClusterPki.open(dir.resolve("pki"), SubjectAltNames.forThisHost(List.of("127.0.0.1")), Clock.systemUTC());
        cp = ControlPlane.builder().secure(pki).build().start();
        dataDir = dir.resolve("data");
        pki.writeAdminKubeconfig(dataDir.resolve("kubeconfig"), cp.url());
    }

    @AfterAll
    void stop() {
        cp.close();
    }

    record Run(int code, String out, String err) {}

    private Run everynode(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new Main())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void aCreatedTokenIsStoredListedAndDeleted() throws Exception {
        Run created = everynode(
                "token", "create", "--data-dir", dataDir.toString(), "--ttl", "2h", "--description", "lab hosts");
        assertThat(created.code()).as(created.err()).isZero();
        String token = created.out().strip();
        assertThat(token).matches("[a-z0-9]{6}\\.[a-z0-9]{16}");
        String id = token.substring(0, 6);

        Secret s = cp.client().get(Secret.class, "kube-system", "bootstrap-token-" + id);
        assertThat(s.getType()).isEqualTo("bootstrap.kubernetes.io/token");

        Run list = everynode(
                "token", "list", "--kubeconfig", dataDir.resolve("kubeconfig").toString());
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out()).startsWith("TOKEN");
        assertThat(list.out().lines().findFirst().orElseThrow())
                .matches("TOKEN +TTL +EXPIRES +USAGES +DESCRIPTION +EXTRA GROUPS");
        assertThat(list.out())
                .containsPattern(token + " +1h +\\S+Z +authentication,signing +lab hosts +"
                        + "system:bootstrappers:kubeadm:default-node-token\n");

        Run deleted = everynode("token", "delete", "--data-dir", dataDir.toString(), token);
        assertThat(deleted.code()).as(deleted.err()).isZero();
        assertThat(deleted.out()).isEqualTo("bootstrap token \"" + id + "\" deleted\n");
        assertThat(cp.client().list(Secret.class, "kube-system").items())
                .noneMatch(x -> x.getMetadata().getName().equals("bootstrap-token-" + id));
    }

    @Test
    void badInputIsRefusedWithKubeadmsReasons() throws Exception {
        Run badToken = everynode("token", "create", "--data-dir", dataDir.toString(), "not-a-token");
        assertThat(badToken.code()).isEqualTo(1);
        assertThat(badToken.err()).contains("was not of the form \"[a-z0-9]{6}.[a-z0-9]{16}\"");

        Run badGroup = everynode("token", "create", "--data-dir", dataDir.toString(), "--groups", "system:masters");
        assertThat(badGroup.code()).isEqualTo(1);
        assertThat(badGroup.err()).contains("bootstrap group \"system:masters\" is invalid");

        Run missing = everynode("token", "delete", "--data-dir", dataDir.toString(), "qqqqqq");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("bootstrap token \"qqqqqq\" not found");

        // The server's kubeconfig carries its CA, so the join command names kubeadm's hash of it.
        Run join = everynode("token", "create", "--data-dir", dataDir.toString(), "--print-join-command");
        assertThat(join.code()).as(join.err()).isZero();
        assertThat(join.out())
                .matches("everynode agent --server " + cp.url() + " --token [a-z0-9]{6}\\.[a-z0-9]{16}"
                        + " --discovery-token-ca-cert-hash " + pki.caHash() + "\n");
    }

    @Test
    void theJoinCommandHashesACaTheKubeconfigNamesByFile(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(
                dir.resolve("ca.crt"), Pem.certificate(pki.ca().certificate()));
        Path kubeconfig = Files.writeString(
                dir.resolve("kubeconfig"),
                Files.readString(dataDir.resolve("kubeconfig"))
                        .replaceFirst("certificate-authority-data: \\S+", "certificate-authority: " + ca));
        assertThat(Files.readString(kubeconfig)).doesNotContain("certificate-authority-data");

        Run join = everynode("token", "create", "--kubeconfig", kubeconfig.toString(), "--print-join-command");

        assertThat(join.code()).as(join.err()).isZero();
        assertThat(join.out()).endsWith(" --discovery-token-ca-cert-hash " + pki.caHash() + "\n");
    }

    @Test
    void withoutACaNoJoinCommandIsPrintedAndNoTokenCreated(@TempDir Path dir) throws Exception {
        Path plain = Kubeconfig.write(dir.resolve("kubeconfig"), cp.url());
        int before = bootstrapTokens();

        Run join = everynode("token", "create", "--kubeconfig", plain.toString(), "--print-join-command");

        assertThat(join.code()).isEqualTo(1);
        assertThat(join.err())
                .contains("cannot print a join command: the kubeconfig " + plain
                        + " names no certificate authority to hash");
        assertThat(bootstrapTokens()).isEqualTo(before);
    }

    private int bootstrapTokens() {
        return (int) cp.client().list(Secret.class, "kube-system").items().stream()
                .filter(s -> "bootstrap.kubernetes.io/token".equals(s.getType()))
                .count();
    }
}
