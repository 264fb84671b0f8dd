package io.everynode.cli;

import io.everynode.client.KubeClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The cluster a kubeconfig's current context points at: its server URL and the CA it trusts
 * ({@code certificate-authority-data}, PEM; empty when there is none). Which file: {@code
 * --kubeconfig}, else {@code DATA/kubeconfig} of {@code --data-dir}, else the first of
 * {@code $KUBECONFIG}, else {@code ~/.kube/config}, as kubectl looks.
 *
 * <p>Only the server and CA are read here (for the join command); {@link #client()} leaves the
 * CA, client certificates and tokens to the client module's kubeconfig loading.
 */
record KubeconfigTarget(Path file, String server, byte[] caPem) {
    private static final ObjectMapper YAML = YAMLMapper.builder().build();

    static Path choose(Path kubeconfig, Path dataDir) {
        if (kubeconfig != null) return kubeconfig;
        if (dataDir != null) return dataDir.resolve("kubeconfig");
        String env = System.getenv("KUBECONFIG");
        if (env != null && !env.isBlank()) return Path.of(env.split(java.io.File.pathSeparator)[0]);
        return Path.of(System.getProperty("user.home"), ".kube", "config");
    }

    static KubeconfigTarget read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException("no kubeconfig at " + file);
        JsonNode root = YAML.readTree(Files.readString(file));
        String context = root.path("current-context").asString("");
        String clusterName = "";
        for (JsonNode c : root.path("contexts")) {
            if (c.path("name").asString("").equals(context))
                clusterName = c.path("context").path("cluster").asString("");
        }
        for (JsonNode c : root.path("clusters")) {
            if (c.path("name").asString("").equals(clusterName)
                    || root.path("clusters").size() == 1) {
                String server = c.path("cluster").path("server").asString("");
                String ca = c.path("cluster").path("certificate-authority-data").asString("");
                if (server.isEmpty()) break;
                return new KubeconfigTarget(
                        file,
                        server,
                        ca.isEmpty() ? new byte[0] : Base64.getDecoder().decode(ca));
            }
        }
        throw new IOException("the kubeconfig " + file + " names no server for its current context");
    }

    /** A client of the server with the kubeconfig's CA and credentials (HTTPS, or HTTP on loopback test servers). */
    KubeClient client() throws IOException {
        return KubeClient.fromKubeconfig(file);
    }
}
