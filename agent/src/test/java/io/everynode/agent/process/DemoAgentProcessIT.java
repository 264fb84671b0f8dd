package io.everynode.agent.process;

import static io.everynode.agent.process.ProcessTestSupport.container;
import static io.everynode.agent.process.ProcessTestSupport.log;
import static io.everynode.agent.process.ProcessTestSupport.pod;
import static io.everynode.agent.process.ProcessTestSupport.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.agent.AgentJar;
import io.everynode.agent.RuntimeContainer.State;
import io.everynode.agent.demo.DemoImage;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo agent image run by the process runtime: what a DaemonSet of it does on each node. */
class DemoAgentProcessIT {
    @TempDir
    Path dir;

    @Test
    void theDemoImageServesHealthzUntilToldToFailAndExitsZeroOnSigterm() throws Exception {
        ProcessTestSupport.assumeProcesses();
        DemoImage.install(dir.resolve("images"), AgentJar.classPath());
        ProcessRuntime rt = ProcessTestSupport.runtime(dir, ProcessTestSupport.uniqueNode());
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Container c = new ContainerBuilder()
                .withName("demo")
                .withImage(DemoImage.IMAGE)
                .withEnv(
                        new EnvVarBuilder()
                                .withName("PORT")
                                .withValue(Integer.toString(port))
                                .build(),
                        new EnvVarBuilder()
                                .withName("BIND")
                                .withValue("127.0.0.1")
                                .build())
                .build();
        Pod p = pod("demo", c);
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI base = URI.create("http://127.0.0.1:" + port);
        try {
            rt.startContainer(p, c);
            await().atMost(Duration.ofSeconds(60))
                    .ignoreExceptions()
                    .until(() -> status(http, base.resolve("/healthz"), "GET") == 200);
            assertThat(status(http, base.resolve("/control/fail-health"), "POST"))
                    .isEqualTo(200);
            assertThat(status(http, base.resolve("/healthz"), "GET")).isEqualTo(500);

            rt.stopPod(p.getMetadata().getUid(), Duration.ofSeconds(30));
            await().atMost(Duration.ofSeconds(30)).until(() -> state(rt, p, "demo") == State.TERMINATED);
            assertThat(container(rt, p, "demo").exitCode()).isZero();
            assertThat(log(rt, p, "demo", false)).contains("demo-agent: SIGTERM received, shutting down");
        } finally {
            rt.removePod(p.getMetadata().getUid());
            rt.close();
        }
    }

    private static int status(HttpClient http, URI uri, String method) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(uri)
                                .timeout(Duration.ofSeconds(5))
                                .method(method, HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
