package io.everynode.testkit.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtcdMemberDiesWithItsJvmIT {
    @TempDir
    Path dir;

    @Test
    void aMemberWhoseJvmIsKilledWithSigkillStopsServing() throws Exception {
        EtcdCluster.assumeAvailable();
        Path out = dir.resolve("holder.out");
        Process holder = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        EtcdHolderMain.class.getName(),
                        dir.resolve("etcd").toString()))
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        AtomicReference<String> line = new AtomicReference<>();
        long etcdPid = 0;
        try {
            Awaitility.await("the holder JVM's etcd member")
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(200))
                    .failFast("the holder JVM ended: " + out, () -> !holder.isAlive())
                    .until(() -> {
                        line.set(Files.readAllLines(out, StandardCharsets.UTF_8).stream()
                                .filter(l -> l.startsWith("member "))
                                .findFirst()
                                .orElse(null));
                        return line.get() != null;
                    });
            String[] words = line.get().split(" ");
            etcdPid = Long.parseLong(words[1]);
            URI url = URI.create(words[2]);
            assertThat(accepts(url)).as("etcd listens while its JVM lives").isTrue();

            holder.destroyForcibly(); // SIGKILL: no shutdown hook, no close()
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();

            Awaitility.await("etcd's client port closed after its JVM died")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> !accepts(url));
        } finally {
            holder.destroyForcibly();
            if (etcdPid != 0) {
                ProcessHandle.of(etcdPid).ifPresent(ProcessHandle::destroyForcibly); // only if the test failed
            }
        }
    }

    private static boolean accepts(URI url) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
