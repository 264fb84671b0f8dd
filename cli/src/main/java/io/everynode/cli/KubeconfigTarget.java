package io.everynode.cli;

import io.everynode.client.KubeClient;
import io.everynode.client.Kubeconfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kubeconfig {@code everynode token} works with, and its current context as the client
 * module reads it ({@link Kubeconfig#load}: the server, the CAs, the user's certificate or
 * token). Which file: {@code --kubeconfig}, else {@code DATA/kubeconfig} of {@code --data-dir},
 * else the first of {@code $KUBECONFIG}, else {@code ~/.kube/config}, as kubectl looks.
 */
record KubeconfigTarget(Path file, Kubeconfig kubeconfig) {
    static Path choose(Path kubeconfig, Path dataDir) {
        if (kubeconfig != null) return kubeconfig;
        if (dataDir != null) return dataDir.resolve("kubeconfig");
        String env = System.getenv("KUBECONFIG");
        if (env != null && !env.isBlank()) return Path.of(env.split(java.io.File.pathSeparator)[0]);
        return Path.of(System.getProperty("user.home"), ".kube", "config");
    }

    static KubeconfigTarget read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException("no kubeconfig at " + file);
        return new KubeconfigTarget(file, Kubeconfig.load(file));
    }

    /**
     * The namespace a command works in when {@code -n} is not given: the current context's
     * {@code namespace}, else "default", as kubectl chooses.
     */
    String namespace(String flag) {
        if (flag != null && !flag.isEmpty()) return flag;
        return kubeconfig.namespace() != null ? kubeconfig.namespace() : "default";
    }

    /** A client of the server with the kubeconfig's CA and credentials (HTTPS, or HTTP on loopback test servers). */
    KubeClient client() {
        return KubeClient.fromKubeconfig(kubeconfig);
    }
}
