package io.everynode.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.store.EtcdConfig;
import io.everynode.store.Store;
import io.everynode.store.StoreConfig;
import io.everynode.store.Stores;
import io.everynode.testkit.Kubectl;
import io.everynode.testkit.etcd.EtcdCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code everynode server --store etcd} as a separate process, on a one-member etcd. */
class ServerOnEtcdIT {
    private static final Pattern LISTENING = Pattern.compile("everynode server listening on (\\S+) \\(data in (.*?);");

    @TempDir
    Path dir;

    @Test
    void theServerStartsOnEtcdAndKeepsItsObjectsThere() throws Exception {
        EtcdCluster.assumeAvailable();
        try (EtcdCluster etcd = EtcdCluster.start(dir.resolve("etcd"), 1)) {
            Path out = dir.resolve("out");
            Process server = EverynodeJvm.server(
                    dir.resolve("data"),
                    out,
                    dir.resolve("err"),
                    "--store",
                    "etcd",
                    "--etcd-servers", // upstream's name, accepted for --etcd-endpoints
                    etcd.endpoints());
            try {
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> !server.isAlive()
                                || LISTENING.matcher(Files.readString(out)).find());
                Matcher m = LISTENING.matcher(Files.readString(out));
                assertThat(m.find()).as(Files.readString(dir.resolve("err"))).isTrue();
                assertThat(m.group(2)).isEqualTo("etcd at " + etcd.endpoints());
                Kubectl kubectl = Kubectl.forKubeconfig(dir.resolve("data/kubeconfig"), dir.resolve("kubectl"));
                kubectl.ok("create", "namespace", "on-etcd");

                try (Store direct = Stores.open(
                        StoreConfig.etcd(EtcdConfig.of(etcd.clientUrls())).withCompactInterval(Duration.ZERO),
                        Clock.systemUTC())) {
                    assertThat(direct.get("/registry/namespaces/on-etcd")).isPresent();
                }
            } finally {
                server.destroy();
                if (!server.waitFor(30, TimeUnit.SECONDS)) server.destroyForcibly();
            }
        }
    }
}
