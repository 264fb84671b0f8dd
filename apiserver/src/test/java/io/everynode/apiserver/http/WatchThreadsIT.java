package io.everynode.apiserver.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.apiserver.testing.RawApi;
import io.everynode.apiserver.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, item 1: open watches cost memory, not threads. The server's threads are named
 * {@code everynode-http-*} (Jetty's pool) and {@code everynode-watch-*} (the watch dispatch);
 * before, each open watch held one pool thread.
 */
class WatchThreadsIT {
    private static final int WATCHES = 600;

    private static long serverThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t ->
                        t.getName().startsWith("everynode-http") || t.getName().startsWith("everynode-watch"))
                .count();
    }

    private static boolean allReceived(List<RawSocket> sockets, String text) throws Exception {
        for (RawSocket s : sockets) if (!s.received().contains(text)) return false;
        return true;
    }

    @Test
    void sixHundredOpenWatchesDoNotGrowTheServersThreadsAndAllOfThemGetTheNextChange() throws Exception {
        try (TestServer server = TestServer.memory()) {
            List<RawSocket> watches = new ArrayList<>();
            try {
                for (int i = 0; i < WATCHES; i++) {
                    RawSocket s = new RawSocket(server.port());
                    s.send("GET /api/v1/namespaces/default/pods?watch=true HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                            + "\r\n\r\n");
                    watches.add(s);
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> allReceived(watches, "HTTP/1.1 200"));

                assertThat(serverThreads()).isLessThan(100);

                new RawApi(server.url()).create("/api/v1/namespaces/default/pods", """
                        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"seen-by-all"},"spec":{"containers":[{"name":"c","image":"busybox"}]}}""");
                await().atMost(Duration.ofSeconds(60)).until(() -> allReceived(watches, "seen-by-all"));
                assertThat(serverThreads()).isLessThan(100);
            } finally {
                for (RawSocket s : watches) s.close();
            }
        }
    }
}
