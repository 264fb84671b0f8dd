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

/**
 * {@code everynode server --store etcd} as a separate process, on a one-member etcd that comes up
 * only after the server started (it waits, docs/ha.md); then a second server with credentials of
 * its own on the same etcd, refused.
 */
class ServerOnEtcdIT {
    private static final Pattern LISTENING = Pattern.compile("everynode server listening on (\\S+) \\(data in (.*?);");

    @TempDir
    Path dir;

    @Test
    void theServerWaitsForEtcdStartsOnItKeepsItsObjectsThereAndRefusesAnotherClustersServer() throws Exception {
        EtcdCluster.assumeAvailable();
        try (EtcdCluster etcd = EtcdCluster.start(dir.resolve("etcd"), 1)) {
            etcd.member(0).kill(); // not up yet when the server starts
            Path out = dir.resolve("out");
            Path err = dir.resolve("err");
            Process server = EverynodeJvm.server(
                    dir.resolve("data"),
                    out,
                    err,
                    "--store",
                    "etcd",
                    "--etcd-servers", // upstream's name, accepted for --etcd-endpoints
                    etcd.endpoints(),
                    "--etcd-request-timeout",
                    "2s");
            try {
                await("the server waits for etcd")
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> !server.isAlive()
                                || Files.readString(err)
                                        .contains("waiting for the store: etcd at " + etcd.endpoints()
                                                + " does not answer yet"));
                assertThat(server.isAlive()).as(Files.readString(err)).isTrue();
                etcd.member(0).restart();
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
                    assertThat(direct.get("/everynode/cluster-identity")).isPresent();
                }

                // A server whose data directory has a CA of its own: refused before it serves or writes.
                Path otherErr = dir.resolve("other-err");
                Process other = EverynodeJvm.server(
                        dir.resolve("other"),
                        dir.resolve("other-out"),
                        otherErr,
                        "--store",
                        "etcd",
                        "--etcd-endpoints",
                        etcd.endpoints());
                assertThat(other.waitFor(120, TimeUnit.SECONDS)).isTrue();
                assertThat(other.exitValue()).isEqualTo(1);
                assertThat(Files.readString(otherErr))
                        .contains("error: this server's credentials are not those of the cluster whose store it was"
                                + " given: its cluster CA certificate (pki/ca.crt) has SHA-256 ")
                        .contains("its ServiceAccount public key (pki/sa.pub) has SHA-256 ")
                        .contains("docs/ha.md")
                        .doesNotContain("Exception");
                kubectl.ok("get", "namespace", "on-etcd"); // the first server is untouched
            } finally {
                server.destroy();
                if (!server.waitFor(30, TimeUnit.SECONDS)) server.destroyForcibly();
            }
        }
    }
}
