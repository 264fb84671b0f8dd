package io.everynode.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the kubeconfig kubectl needs for one server: one cluster, one context, no credentials. */
public final class Kubeconfig {
    private Kubeconfig() {}

    public static Path write(Path file, String serverUrl) throws IOException {
        if (file.getParent() != null) Files.createDirectories(file.getParent());
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - cluster:
                    server: %s
                  name: everynode
                contexts:
                - context:
                    cluster: everynode
                    user: everynode
                  name: everynode
                current-context: everynode
                users:
                - name: everynode
                  user: {}
                """.formatted(serverUrl));
        return file;
    }
}
