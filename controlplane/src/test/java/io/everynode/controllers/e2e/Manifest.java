package io.everynode.controllers.e2e;

import java.util.ArrayList;
import java.util.List;

/**
 * The YAML of a DaemonSet shaped like upstream e2e's {@code daemon-set} (selector and template
 * label {@code daemonset-name=<name>}, one container), for {@code kubectl apply -f -}.
 */
final class Manifest {
    private final String name;
    private String image = "registry.k8s.io/e2e-test-images/httpd:2.4.38-4";
    private String strategy = "";
    private String minReady = "";
    private final List<String> podSpec = new ArrayList<>();
    private String resources = "";

    private Manifest(String name) {
        this.name = name;
    }

    static Manifest daemonSet(String name) {
        return new Manifest(name);
    }

    Manifest image(String image) {
        this.image = image;
        return this;
    }

    Manifest onDelete() {
        strategy = "  updateStrategy:\n    type: OnDelete\n";
        return this;
    }

    Manifest rollingUpdate(String maxUnavailable, String maxSurge) {
        strategy = "  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxUnavailable: "
                + maxUnavailable + "\n      maxSurge: " + maxSurge + "\n";
        return this;
    }

    Manifest minReadySeconds(int seconds) {
        minReady = "  minReadySeconds: " + seconds + "\n";
        return this;
    }

    Manifest nodeSelector(String key, String value) {
        podSpec.add("      nodeSelector:\n        " + key + ": \"" + value + "\"\n");
        return this;
    }

    Manifest requests(String cpu, String memory) {
        resources = "        resources:\n          requests:\n            cpu: \"" + cpu + "\"\n            memory: \""
                + memory + "\"\n";
        return this;
    }

    /** The container runs {@code sh -c <script>}. */
    Manifest shell(String script) {
        podSpec.add("");
        resources = "        command: [\"sh\", \"-c\", \"" + script + "\"]\n" + resources;
        return this;
    }

    Manifest terminationGracePeriodSeconds(int seconds) {
        podSpec.add("      terminationGracePeriodSeconds: " + seconds + "\n");
        return this;
    }

    String yaml() {
        return """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata:
                  name: %1$s
                  labels:
                    daemonset-name: %1$s
                spec:
                  selector:
                    matchLabels:
                      daemonset-name: %1$s
                %6$s%2$s  template:
                    metadata:
                      labels:
                        daemonset-name: %1$s
                    spec:
                %3$s      containers:
                      - name: app
                        image: %4$s
                        ports:
                        - containerPort: 9376
                %5$s""".formatted(name, strategy, String.join("", podSpec), image, resources, minReady);
    }
}
