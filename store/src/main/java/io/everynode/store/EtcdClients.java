package io.everynode.store;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import java.net.URI;
import javax.net.ssl.SSLException;

/** Builds the jetcd client an {@link EtcdConfig} describes: endpoints, and TLS when asked. */
final class EtcdClients {
    private EtcdClients() {}

    static Client build(EtcdConfig config) {
        ClientBuilder builder = Client.builder()
                .endpoints(config.endpoints().toArray(URI[]::new))
                .connectTimeout(config.requestTimeout());
        if (config.tls()) {
            try {
                builder.sslContext(ssl -> {
                    if (config.caFile() != null) {
                        ssl.trustManager(config.caFile().toFile());
                    }
                    if (config.certFile() != null) {
                        ssl.keyManager(
                                config.certFile().toFile(), config.keyFile().toFile());
                    }
                });
            } catch (SSLException | IllegalArgumentException e) {
                throw new StoreException("cannot set up TLS to etcd: " + e.getMessage(), e);
            }
        }
        return builder.build();
    }
}
