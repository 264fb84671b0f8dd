package io.everynode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigTargetTest {
    @TempDir
    Path dir;

    private KubeconfigTarget kubeconfig(String currentContextNamespace) throws IOException {
        Path file = dir.resolve("kubeconfig");
        Files.writeString(
                file, """
                apiVersion: v1
                kind: Config
                current-context: ops
                clusters:
                - name: c
                  cluster: {server: "http://127.0.0.1:1"}
                users:
                - name: u
                  user: {token: t}
                contexts:
                - name: other
                  context: {cluster: c, user: u, namespace: elsewhere}
                - name: ops
                  context: {cluster: c, user: u%s}
                """.formatted(currentContextNamespace == null ? "" : ", namespace: " + currentContextNamespace));
        return KubeconfigTarget.read(file);
    }

    @Test
    void theNamespaceFlagWinsOverTheContext() throws IOException {
        assertThat(kubeconfig("logging").namespace("monitoring")).isEqualTo("monitoring");
    }

    @Test
    void withoutTheFlagTheCurrentContextsNamespaceIsUsedAsKubectlDoes() throws IOException {
        assertThat(kubeconfig("logging").namespace(null)).isEqualTo("logging");
    }

    @Test
    void aContextWithoutANamespaceMeansDefault() throws IOException {
        assertThat(kubeconfig(null).namespace(null)).isEqualTo("default");
    }
}
