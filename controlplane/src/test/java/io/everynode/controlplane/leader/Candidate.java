package io.everynode.controlplane.leader;

import io.everynode.client.ClientConfig;
import io.everynode.client.HttpTransport;
import io.everynode.client.KubeClient;
import io.everynode.client.Transport;
import io.everynode.client.leader.FencedTransport;
import io.everynode.client.leader.LeaderElectionConfig;
import io.everynode.client.leader.LeaderElector;
import io.everynode.client.leader.WriteFence;
import io.everynode.controllers.manager.ControllerManager;
import io.everynode.controllers.manager.ControllerManagerConfig;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One controller-manager process of the tests, talking HTTP to a shared API server: an elector
 * on a Lease link the test can break, and a {@link ControllerManager} (the Endpoints controller,
 * whose writes are easy to see) started per term on a client behind the elector's
 * fence. Counts the writes that got past the fence.
 */
final class Candidate implements AutoCloseable {
    final String identity;
    final LeaderElector elector;
    final KubeClient controllersClient;
    /** Runs at the start of each term, before its controllers start (the test's probe). */
    volatile Consumer<Candidate> onLead = c -> {};

    volatile ControllerManager manager;
    private final BreakableLink leaseLink;
    private final CountingWrites writes;
    private final KubeClient electionClient;

    Candidate(String identity, URI api, LeaderElectionConfig election) {
        this.identity = identity;
        this.leaseLink = new BreakableLink(new HttpTransport(api));
        this.electionClient = new KubeClient(leaseLink, ClientConfig.defaults(), Clock.systemUTC());
        this.elector =
                new LeaderElector(election.withIdentity(identity), electionClient, Clock.systemUTC(), this::lead);
        this.writes = new CountingWrites(new HttpTransport(api));
        this.controllersClient = new KubeClient(
                new FencedTransport(writes, elector.fence()), ClientConfig.defaults(), Clock.systemUTC());
    }

    private AutoCloseable lead() throws Exception {
        onLead.accept(this);
        ControllerManager m = new ControllerManager(
                ControllerManagerConfig.defaults().withControllers(ControllerManager.ENDPOINTS),
                controllersClient,
                Clock.systemUTC());
        m.start();
        manager = m;
        return () -> {
            manager = null;
            m.close();
        };
    }

    Candidate start() {
        elector.start();
        return this;
    }

    /** Lease reads and writes fail from now on, as if the API were unreachable for them. */
    void breakLeaseLink() {
        leaseLink.broken = true;
    }

    /** Writes that passed the fence and reached the API. */
    int writesSent() {
        return writes.count.get();
    }

    boolean fenceOpen() {
        try {
            elector.fence().check();
            return true;
        } catch (WriteFence.Fenced e) {
            return false;
        }
    }

    @Override
    public void close() {
        elector.close();
        controllersClient.close();
        electionClient.close();
    }

    /** A fake at the module's edge: the real HTTP transport, or a refused connection once broken. */
    private static final class BreakableLink implements Transport {
        private final Transport inner;
        volatile boolean broken;

        BreakableLink(Transport inner) {
            this.inner = inner;
        }

        @Override
        public Response send(Request request) throws IOException {
            if (broken) throw new IOException("connection refused (the test broke the lease link)");
            return inner.send(request);
        }

        @Override
        public Streamed stream(Request request) throws IOException {
            if (broken) throw new IOException("connection refused (the test broke the lease link)");
            return inner.stream(request);
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    /** Counts the writes sent through the real HTTP transport. */
    private static final class CountingWrites implements Transport {
        private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
        private final Transport inner;
        final AtomicInteger count = new AtomicInteger();

        CountingWrites(Transport inner) {
            this.inner = inner;
        }

        @Override
        public Response send(Request request) throws IOException {
            if (WRITES.contains(request.method())) count.incrementAndGet();
            return inner.send(request);
        }

        @Override
        public Streamed stream(Request request) throws IOException {
            return inner.stream(request);
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
