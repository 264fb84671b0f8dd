package io.everynode.apiserver.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.apiserver.ApiServerConfig;
import io.everynode.apiserver.auth.SecurityConfig;
import io.everynode.apiserver.testing.RawApi;
import io.everynode.apiserver.testing.TestServer;
import io.everynode.apiserver.watch.PooledDispatch;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * On a server that authenticates every request, an anonymous caller may get exactly the
 * cluster-info ConfigMap in kube-public; everything else is 401.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterInfoAnonymousIT {
    private TestServer server;
    private RawApi anonymous;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.memory(
                ApiServerConfig.defaults().withSecurity(SecurityConfig.secure(List.of(), null)),
                Clock.systemUTC(),
                PooledDispatch.forMachine());
        anonymous = new RawApi(server.url());
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void anAnonymousCallerMayGetTheClusterInfoConfigMapAndNothingElse() {
        // authorized: not there yet is a 404, not a 401
        anonymous.get("/api/v1/namespaces/kube-public/configmaps/cluster-info").assertCode(404);
        anonymous.get("/api/v1/namespaces/kube-public/configmaps/other").assertCode(401);
        anonymous.get("/api/v1/namespaces/kube-public/configmaps").assertCode(401);
        anonymous.get("/api/v1/namespaces/kube-system/configmaps/cluster-info").assertCode(401);
        assertThat(anonymous
                        .get("/api/v1/namespaces/kube-public/configmaps/other")
                        .json()
                        .path("message")
                        .asString())
                .isEqualTo("Unauthorized");
    }
}
