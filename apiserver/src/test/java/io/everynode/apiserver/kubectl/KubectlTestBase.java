package io.everynode.apiserver.kubectl;

import io.everynode.apiserver.testing.RawApi;
import io.everynode.apiserver.testing.TestServer;
import io.everynode.apiserver.testing.World;
import io.everynode.testkit.Kubectl;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every kubectl test class starts from: one real server on a memory store for the whole
 * class, the real kubectl pointed at it, a raw HTTP client and a {@link World} to seed objects
 * with. A test class seeds its objects in a {@code @BeforeAll} of its own, which JUnit runs after
 * this one; tests in a class share the server, so each uses names of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KubectlTestBase {
    TestServer server;
    Kubectl kubectl;
    RawApi api;
    World world;

    @BeforeAll
    final void startServer(@TempDir Path dir) throws Exception {
        server = TestServer.memory();
        kubectl = Kubectl.forServer(server.url(), dir);
        api = new RawApi(server.url());
        world = new World(api);
    }

    @AfterAll
    final void stopServer() throws Exception {
        server.close();
    }
}
