package io.everynode.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.everynode.store.StoreConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class StoreFlagsTest {
    private final Path data = Path.of("/tmp/data");

    private StoreConfig parse(String... args) {
        ServerCommand server = new ServerCommand();
        new CommandLine(server).parseArgs(args);
        return server.storeFlags.config(data);
    }

    @Test
    void sqliteInTheDataDirectoryIsTheDefault() {
        StoreConfig config = parse();

        assertThat(config.dataDir()).isEqualTo(data);
        assertThat(config.etcd()).isNull();
    }

    @Test
    void etcdTakesTheEndpointsCommaSeparatedUnderEitherName() {
        StoreConfig endpoints =
                parse("--store", "etcd", "--etcd-endpoints", "http://10.0.0.1:2379, http://10.0.0.2:2379");
        StoreConfig servers = parse("--store", "etcd", "--etcd-servers", "http://10.0.0.1:2379,http://10.0.0.2:2379");

        assertThat(endpoints.dataDir()).isNull();
        assertThat(endpoints.etcd().endpoints())
                .containsExactly(URI.create("http://10.0.0.1:2379"), URI.create("http://10.0.0.2:2379"));
        assertThat(servers.etcd().endpoints()).isEqualTo(endpoints.etcd().endpoints());
        assertThat(endpoints.etcd().keyPrefix()).isEmpty();
    }

    @Test
    void etcdWithoutEndpointsOrWithABadOneIsRefusedWithTheReason() {
        assertThatThrownBy(() -> parse("--store", "etcd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--store etcd needs --etcd-endpoints URL,…");
        assertThatThrownBy(() -> parse("--store", "etcd", "--etcd-endpoints", "etcd1:2379"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not an http:// or https:// URL with a host");
        assertThatThrownBy(() -> parse("--store", "zookeeper"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--store must be sqlite or etcd, not zookeeper");
    }

    @Test
    void etcdFlagsWithTheSqliteStoreAreRefused() {
        assertThatThrownBy(() -> parse("--etcd-endpoints", "http://10.0.0.1:2379"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the --etcd-* flags need --store etcd");
    }

    @Test
    void aTlsFileThatIsNotThereIsNamed() {
        assertThatThrownBy(() -> parse(
                        "--store",
                        "etcd",
                        "--etcd-endpoints",
                        "https://10.0.0.1:2379",
                        "--etcd-cafile",
                        "/nonexistent/ca.crt"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot read /nonexistent/ca.crt");
    }

    @Test
    void theEtcdRequestTimeoutIsTenSecondsUnlessTheFlagSaysOtherwise() {
        StoreConfig unset = parse("--store", "etcd", "--etcd-endpoints", "http://10.0.0.1:2379");
        StoreConfig set =
                parse("--store", "etcd", "--etcd-endpoints", "http://10.0.0.1:2379", "--etcd-request-timeout", "3s");

        assertThat(unset.etcd().requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(set.etcd().requestTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> parse("--etcd-request-timeout", "3s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the --etcd-* flags need --store etcd");
    }

    @Test
    void theEtcdStartTimeoutIsFiveMinutesByDefaultAndZeroWaitsForever() {
        ServerCommand byDefault = new ServerCommand();
        new CommandLine(byDefault).parseArgs();
        ServerCommand forever = new ServerCommand();
        new CommandLine(forever).parseArgs("--etcd-start-timeout", "0");
        ServerCommand minute = new ServerCommand();
        new CommandLine(minute).parseArgs("--etcd-start-timeout", "1m");

        assertThat(byDefault.etcdStartTimeout).isEqualTo(Duration.ofMinutes(5));
        assertThat(forever.etcdStartTimeout).isZero();
        assertThat(minute.etcdStartTimeout).isEqualTo(Duration.ofMinutes(1));
        assertThatThrownBy(() -> new CommandLine(new ServerCommand()).parseArgs("--etcd-start-timeout", "soon"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("not a positive duration");
    }
}
