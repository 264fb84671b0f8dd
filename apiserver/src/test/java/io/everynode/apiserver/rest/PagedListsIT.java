package io.everynode.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.apiserver.testing.RawApi;
import io.everynode.apiserver.testing.TestServer;
import io.everynode.apiserver.testing.World;
import io.everynode.testkit.Kubectl;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paged lists driven by the real kubectl ({@code --chunk-size}) and by fabric8 (limit and continue). */
class PagedListsIT {
    static final List<String> PODS = List.of("p1", "p2", "p3", "p4", "p5");
    static TestServer server;
    static KubernetesClient fabric8;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.memory();
        World world = new World(new RawApi(server.url()));
        world.namespace("chunks");
        for (String name : PODS) world.barePod("chunks", name, null, "{}");
        fabric8 = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder().withMasterUrl(server.url()).build())
                .build();
    }

    @AfterAll
    static void stop() {
        fabric8.close();
        server.close();
    }

    @Test
    void kubectlGetWithAChunkSizeFollowsTheContinueTokensToTheLastPage() throws Exception {
        Kubectl kubectl = Kubectl.forServer(server.url(), dir);

        Kubectl.Result result = kubectl.run("get", "pods", "-n", "chunks", "--chunk-size=2", "-o", "name", "-v=6");

        result.assertOk();
        assertThat(result.out().lines()).containsExactly("pod/p1", "pod/p2", "pod/p3", "pod/p4", "pod/p5");
        // The later pages were asked for with the server's continue tokens (kubectl -v=6 logs each request).
        assertThat(result.err().lines().filter(l -> l.contains("/pods?") && l.contains("continue=")))
                .isNotEmpty();
    }

    @Test
    void fabric8PagesThroughAListWithLimitAndContinue() {
        List<String> names = new ArrayList<>();
        List<String> revisions = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            PodList page = fabric8.pods()
                    .inNamespace("chunks")
                    .list(new ListOptionsBuilder()
                            .withLimit(2L)
                            .withContinue(token)
                            .build());
            pages++;
            for (Pod p : page.getItems()) names.add(p.getMetadata().getName());
            revisions.add(page.getMetadata().getResourceVersion());
            if (pages == 1)
                assertThat(page.getMetadata().getRemainingItemCount()).isEqualTo(3L);
            token = page.getMetadata().getContinue();
        } while (token != null && !token.isEmpty());

        assertThat(pages).isEqualTo(3);
        assertThat(names).containsExactlyElementsOf(PODS);
        assertThat(revisions).containsOnly(revisions.get(0));
    }
}
