package io.everynode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.testkit.etcd.EtcdCluster;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The benchmarks on etcd at CI size, through the command as a user runs it: each starts its own
 * one-member etcd on loopback and prints its figures. No figure is
 * judged beyond completeness (every write counted, every watch event delivered).
 */
class BenchOnEtcdIT {
    @RegisterExtension
    final CapturedOutput cli = new CapturedOutput();

    @BeforeEach
    void etcdInstalled() {
        EtcdCluster.assumeAvailable();
    }

    @Test
    void benchStoreWritesToAnEtcdItStartsAndPrintsTheLatencies() {
        int code = cli.run(
                "bench", "store", "--backend", "etcd", "--etcd-members", "1", "--writers", "2", "--writes", "20");

        String out = cli.out();
        assertThat(code).as(out + cli.err()).isZero();
        assertThat(out)
                .contains("store etcd (1 member on loopback): 2 writers, 40 writes in ", "writes/s, p50 ", "p99 ");
    }

    @Test
    void benchApiCreatesAndUpdatesThroughAServerOnEtcd() {
        int code = cli.run(
                "bench", "api", "--backend", "etcd", "--etcd-members", "1", "--clients", "2", "--objects", "10");

        String out = cli.out();
        assertThat(code).as(out + cli.err()).isZero();
        assertThat(out)
                .contains("store etcd (1 member on loopback)", "api: 2 clients x 10 objects")
                .contains("create: 20 requests", "update: 20 requests");
    }

    @Test
    void benchServersSpreadsClientsOverTwoServersOnOneEtcdAndEveryWatchSeesEveryWrite() {
        int code = cli.run(
                "bench",
                "servers",
                "--servers",
                "2",
                "--backend",
                "etcd",
                "--etcd-members",
                "1",
                "--clients",
                "4",
                "--objects",
                "10",
                "--duration",
                "2",
                "--write-rate",
                "10");

        String out = cli.out();
        assertThat(code).as(out + cli.err()).isZero();
        assertThat(out)
                .contains("server 0 at http://127.0.0.1:", "server 1 at http://127.0.0.1:")
                .contains("servers: 2 API server(s) on etcd (1 member on loopback), 4 clients for 2 s")
                .containsPattern("watch events delivered: (\\d+) of \\1 \\(100.00%\\)")
                .containsPattern("gets: +[1-9]\\d* requests")
                .containsPattern("lists: +[1-9]\\d* requests")
                .containsPattern("writes: +[1-9]\\d* requests");
    }

    @Test
    void benchDaemonSetTakesTenSimulatedNodesThroughEveryPhaseOnEtcd() {
        int code = cli.run(
                "bench",
                "daemonset",
                "--nodes",
                "10",
                "--backend",
                "etcd",
                "--etcd-members",
                "1",
                // Two steps of five, not ten of one (the default 10%): every phase still runs.
                "--max-unavailable",
                "50%",
                "--phase-timeout",
                "120");

        String out = cli.out();
        assertThat(code).as(out + cli.err()).isZero();
        assertThat(out)
                .contains("store etcd (1 member on loopback)", "daemonset: 10 simulated agents, etcd store")
                .contains("new DaemonSet, all Ready:", "rolling update (image), done:")
                .doesNotContain("not reached");
    }

    @Test
    void severalServersNeedEtcdAndAnUnknownBackendIsRefused() {
        assertThat(cli.run("bench", "servers", "--servers", "2", "--backend", "sqlite"))
                .isEqualTo(2);
        assertThat(cli.err()).contains("several servers share only an etcd store");

        assertThat(cli.run("bench", "store", "--backend", "postgres")).isEqualTo(2);
        assertThat(cli.err()).contains("--backend must be sqlite, memory or etcd, not postgres");

        assertThat(cli.run("bench", "store", "--etcd-endpoints", "http://127.0.0.1:1"))
                .isEqualTo(2);
        assertThat(cli.err()).contains("--etcd-endpoints needs --backend etcd");
    }
}
