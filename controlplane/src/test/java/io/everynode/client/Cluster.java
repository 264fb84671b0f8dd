package io.everynode.client;

import io.everynode.apiserver.ApiServer;
import io.everynode.controlplane.ControlPlane;
import io.everynode.controlplane.InProcessTransport;
import io.everynode.store.Store;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** A real API server on a memory store, served in process and over HTTP on a loopback port. */
final class Cluster implements AutoCloseable {
    /** The two ways a client reaches the API; every client test runs over both. */
    enum Via {
        IN_PROCESS,
        HTTP
    }

    final Store store;
    final ApiServer api;
    private final ControlPlane controlPlane;
    private final List<KubeClient> clients = new ArrayList<>();

    /** No controllers: the client tests see only what they write. */
    Cluster() throws Exception {
        controlPlane = ControlPlane.builder().controllers(null).build().start();
        store = controlPlane.store();
        api = controlPlane.api();
    }

    Transport transport(Via via, ClientConfig config) {
        return switch (via) {
            case IN_PROCESS -> new InProcessTransport(api, config.userAgent());
            case HTTP -> new HttpTransport(URI.create(controlPlane.url()), config);
        };
    }

    KubeClient client(Via via) {
        return client(via, ClientConfig.defaults());
    }

    KubeClient client(Via via, ClientConfig config) {
        KubeClient c = new KubeClient(transport(via, config), config, Clock.systemUTC());
        clients.add(c);
        return c;
    }

    static Pod pod(String name) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("default")
                .addToLabels("app", "web")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("main")
                .withImage("busybox:1.36")
                .endContainer()
                .endSpec()
                .build();
    }

    @Override
    public void close() {
        for (KubeClient c : clients) c.close();
        controlPlane.close();
    }
}
