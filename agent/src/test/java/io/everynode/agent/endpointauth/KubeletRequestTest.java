package io.everynode.agent.endpointauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubeletRequestTest {
    @ParameterizedTest
    @CsvSource({
        "/containerLogs/default/web/main, proxy",
        "/exec/default/web/main, proxy",
        "/attach/default/web/main, proxy",
        "/portForward/default/web, proxy",
        "/run/default/web/main, proxy",
        "/logs/, log",
        "/logs, log",
        "/stats/summary, stats",
        "/metrics, metrics",
        "/metrics/cadvisor, metrics",
        "/checkpoint/default/web/main, checkpoint",
        "/statsfoo, proxy",
        "/, proxy"
    })
    void eachPathIsTheKubeletsSubresourceOfNodes(String path, String subresource) {
        assertThat(KubeletRequest.of("GET", path).subresources()).containsExactly(subresource);
    }

    @Test
    void podsHealthzAndConfigzAskTheirOwnSubresourceBeforeProxy() {
        assertThat(KubeletRequest.of("GET", "/pods").subresources()).containsExactly("pods", "proxy");
        assertThat(KubeletRequest.of("GET", "/healthz").subresources()).containsExactly("healthz", "proxy");
        assertThat(KubeletRequest.of("GET", "/configz").subresources()).containsExactly("configz", "proxy");
    }

    @ParameterizedTest
    @CsvSource({"GET, get", "HEAD, get", "POST, create", "PUT, update", "PATCH, patch", "DELETE, delete"})
    void theVerbComesFromTheMethodAsTheKubeletMapsIt(String method, String verb) {
        assertThat(KubeletRequest.of(method, "/exec/a/b/c").verb()).isEqualTo(verb);
    }

    @Test
    void theRefusalIsWordedAsTheKubeletsForbidden() {
        assertThat(new KubeletRequest("get", List.of("proxy")).forbidden("alice"))
                .isEqualTo("Forbidden (user=alice, verb=get, resource=nodes, subresource(s)=[proxy])");
        assertThat(new KubeletRequest("get", List.of("pods", "proxy")).forbidden("bob"))
                .isEqualTo("Forbidden (user=bob, verb=get, resource=nodes, subresource(s)=[pods proxy])");
    }
}
