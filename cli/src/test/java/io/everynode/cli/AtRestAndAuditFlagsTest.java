package io.everynode.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.everynode.apiserver.auth.SecurityConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AtRestAndAuditFlagsTest {
    @TempDir
    Path dir;

    AtRestAndAuditFlags serverFlags(String... args) {
        ServerCommand server = new ServerCommand();
        new CommandLine(server).parseArgs(args);
        return server.atRestAndAudit;
    }

    @Test
    void theFlagsNamedAsUpstreamsBecomeTheServersSecurityConfig() throws Exception {
        Path enc = Files.writeString(
                dir.resolve("enc.yaml"),
                "apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\n"
                        + "resources:\n- resources: [secrets]\n  providers:\n  - identity: {}\n");
        Path policy = Files.writeString(dir.resolve("policy.yaml"), "apiVersion: audit.k8s.io/v1\nkind: Policy\n");
        SecurityConfig s = serverFlags(
                        "--encryption-provider-config", enc.toString(),
                        "--audit-policy-file", policy.toString(),
                        "--audit-log-path", dir.resolve("audit.log").toString())
                .applyTo(SecurityConfig.open());
        assertThat(s.encryptionConfig()).isEqualTo(enc.toAbsolutePath());
        assertThat(s.auditPolicy()).isEqualTo(policy.toAbsolutePath());
        assertThat(s.auditLog()).isEqualTo(dir.resolve("audit.log").toAbsolutePath());
        assertThat(s.openLoopback()).as("the rest of the base is kept").isTrue();
    }

    @Test
    void upTakesTheSameFlags() {
        UpCommand up = new UpCommand();
        new CommandLine(up).parseArgs("--audit-policy-file", "p.yaml", "--audit-log-path", "a.log");
        assertThat(up.atRestAndAudit.auditPolicy).isEqualTo(Path.of("p.yaml"));
    }

    @Test
    void noFlagsChangeNothing() {
        SecurityConfig base = SecurityConfig.open();
        assertThat(serverFlags().applyTo(base)).isSameAs(base);
    }

    @Test
    void oneAuditFlagWithoutTheOtherIsRefused() {
        assertThatThrownBy(() -> serverFlags("--audit-log-path", "a.log").applyTo(SecurityConfig.open()))
                .hasMessage("--audit-log-path needs --audit-policy-file: the policy says what to record");
        assertThatThrownBy(() -> serverFlags("--audit-policy-file", "p.yaml").applyTo(SecurityConfig.open()))
                .hasMessage("--audit-policy-file needs --audit-log-path: where the events go");
    }

    @Test
    void aBadFileIsRefusedBeforeAnythingStarts() throws Exception {
        Path enc = Files.writeString(
                dir.resolve("enc.yaml"),
                "apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\n"
                        + "resources:\n- resources: [secrets]\n  providers:\n  - aesgcm: {keys: [{name: k, secret: c2hvcnQ=}]}\n");
        assertThatThrownBy(() -> serverFlags("--encryption-provider-config", enc.toString())
                        .applyTo(SecurityConfig.open()))
                .hasMessageContaining("enc.yaml\": resources[0].providers[0].aesgcm.keys[0].secret: Invalid value:"
                        + " \"REDACTED\": secret is not of the expected length, got 5, expected one of [16 24 32]");
    }
}
