package io.everynode.apiserver.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceType;
import io.everynode.api.validation.FieldError;
import io.everynode.apiserver.encryption.ValueTransformer;
import io.everynode.apiserver.registry.Caller;
import io.everynode.apiserver.registry.WriteContext;
import io.everynode.apiserver.registry.WriteEffects;
import io.everynode.store.Store;
import io.everynode.store.StoreConfig;
import io.everynode.store.Stores;
import io.everynode.testkit.ManualClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The allocation core against the memory store: two allocators on one store stand for two API
 * servers, each with its own view of the stored Services.
 */
class ServiceAllocatorTest {
    /** A /29: addresses .0 to .7; .0 and .7 are network and broadcast, .1 is the kubernetes Service's. */
    static final ServiceNetwork NETWORK = new ServiceNetwork("10.0.0.0/29", 30000, 30002);

    final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    final Store store = Stores.open(StoreConfig.memory(), clock);
    /** The stored Services, as the watch caches would list them. */
    final List<ObjectNode> stored = new CopyOnWriteArrayList<>();

    final ServiceClaims claims = new StoreServiceClaims(store, ValueTransformer.NONE, clock, NETWORK);
    /** Both servers draw the same random numbers, so they try the same address first. */
    final ServiceAllocator serverA = new ServiceAllocator(NETWORK, claims, new Random(7));

    final ServiceAllocator serverB = new ServiceAllocator(
            NETWORK, new StoreServiceClaims(store, ValueTransformer.NONE, clock, NETWORK), new Random(7));

    final WriteContext.Lookup lookup = new WriteContext.Lookup() {
        @Override
        public ObjectNode get(ResourceType type, String namespace, String name) {
            return null;
        }

        @Override
        public Collection<ObjectNode> list(ResourceType type, String namespace) {
            return stored;
        }

        @Override
        public Collection<ObjectNode> listConsistent(ResourceType type, String namespace) {
            return stored;
        }
    };

    @AfterEach
    void closeStore() {
        store.close();
    }

    /** One write of a Service through an allocator: what it answered and how to end it. */
    record Write(ObjectNode svc, List<FieldError> errors, WriteEffects effects) {
        List<String> messages() {
            return errors.stream().map(FieldError::message).toList();
        }
    }

    Write create(ServiceAllocator server, ObjectNode svc) {
        return write(server, svc, null, false);
    }

    Write write(ServiceAllocator server, ObjectNode svc, ObjectNode old, boolean dryRun) {
        WriteEffects effects = new WriteEffects();
        List<FieldError> errs =
                server.allocate(svc, old, new WriteContext(clock.instant(), lookup, Caller.server(), dryRun, effects));
        return new Write(svc, errs, effects);
    }

    /** The Service reached the store. */
    ObjectNode stored(Write w) {
        assertThat(w.errors()).isEmpty();
        w.effects().finish(w.svc());
        stored.removeIf(s -> s.at("/metadata/name").equals(w.svc().at("/metadata/name")));
        stored.add(w.svc());
        return w.svc();
    }

    static ObjectNode svc(String name, String type) {
        ObjectNode o = Json.object();
        o.putObject("metadata").put("namespace", "default").put("name", name).put("uid", "uid-" + name);
        ObjectNode spec = o.putObject("spec");
        spec.put("type", type);
        spec.putArray("ports").addObject().put("port", 80).put("protocol", "TCP");
        return o;
    }

    static String ip(ObjectNode svc) {
        return svc.at("/spec/clusterIP").asString();
    }

    static int nodePort(ObjectNode svc) {
        return svc.at("/spec/ports/0/nodePort").asInt();
    }

    Set<Integer> portsTaken() {
        return claims.readPorts().ports();
    }

    @Test
    void addressesComeFromTheRangeButNeverTheReservedOnes() {
        List<String> ips = new ArrayList<>();
        for (int i = 0; i < 5; i++) ips.add(ip(stored(create(serverA, svc("s" + i, "ClusterIP")))));
        assertThat(ips).containsExactlyInAnyOrder("10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5", "10.0.0.6");
        assertThat(create(serverA, svc("s5", "ClusterIP")).messages())
                .containsExactly("spec.clusterIPs: Invalid value: []: failed to allocate a serviceIP: range is full");
    }

    @Test
    void everyClusterIpIsClaimedByAnIpAddressNamingItsService() {
        ObjectNode web = stored(create(serverA, svc("web", "ClusterIP")));
        assertThat(claims.ipClaims()).singleElement().satisfies(c -> {
            assertThat(c.ip()).isEqualTo(ip(web));
            assertThat(c.heldBy("default", "web")).isTrue();
            assertThat(c.managed()).isTrue();
        });
    }

    @Test
    void twoServersCreatingAtTheSameInstantNeverShareAnAddressOrAPort() {
        // Both pick before either stores, seeing no Service of the other: only the claims tell them apart.
        Write a = create(serverA, svc("a", "NodePort"));
        Write b = create(serverB, svc("b", "NodePort"));
        assertThat(a.errors()).isEmpty();
        assertThat(b.errors()).isEmpty();
        assertThat(ip(a.svc())).isNotEqualTo(ip(b.svc()));
        assertThat(nodePort(a.svc())).isNotEqualTo(nodePort(b.svc()));
        assertThat(portsTaken()).containsExactlyInAnyOrder(nodePort(a.svc()), nodePort(b.svc()));
    }

    @Test
    void concurrentCreatesOnTwoServersGetDistinctAddressesUntilTheRangeIsFull() throws Exception {
        List<ObjectNode> done = new CopyOnWriteArrayList<>();
        List<String> failures = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            ServiceAllocator server = t == 0 ? serverA : serverB;
            String prefix = "t" + t + "-";
            threads.add(new Thread(() -> {
                for (int i = 0; i < 4; i++) {
                    Write w = create(server, svc(prefix + i, "NodePort"));
                    if (w.errors().isEmpty()) {
                        w.effects().finish(w.svc()); // stored, but the other server's view does not show it
                        done.add(w.svc());
                    } else {
                        w.effects().finish(null);
                        failures.addAll(w.messages());
                    }
                }
            }));
        }
        for (Thread t : threads) t.start();
        for (Thread t : threads) t.join();
        // 3 node ports: at most 3 Services, each with its own address and port; the others were refused
        assertThat(done).hasSize(3);
        assertThat(done.stream().map(ServiceAllocatorTest::ip).distinct()).hasSize(3);
        assertThat(done.stream().map(ServiceAllocatorTest::nodePort).distinct()).hasSize(3);
        assertThat(failures).hasSize(5).allMatch(m -> m.contains("range is full"));
        // the refused writes gave back the addresses they had claimed
        assertThat(claims.claimedIps())
                .containsExactlyInAnyOrderElementsOf(
                        done.stream().map(ServiceAllocatorTest::ip).toList());
    }

    @Test
    void anAddressAskedForThatAnotherServerClaimedIsAlreadyAllocated() {
        ObjectNode a = svc("a", "ClusterIP");
        Json.child(a, "spec").put("clusterIP", "10.0.0.4");
        Write first = create(serverA, a); // claimed, not stored yet
        assertThat(first.errors()).isEmpty();
        ObjectNode b = svc("b", "ClusterIP");
        Json.child(b, "spec").put("clusterIP", "10.0.0.4");
        assertThat(create(serverB, b.deepCopy()).messages())
                .containsExactly(
                        "spec.clusterIPs: Invalid value: [\"10.0.0.4\"]: failed to allocate IP 10.0.0.4: provided IP is already allocated");
        first.effects().finish(null); // a's create failed: its claim goes
        assertThat(create(serverB, b).errors()).isEmpty();
    }

    @Test
    void aPortAskedForThatAnotherServerClaimedIsAlreadyAllocated() {
        ObjectNode a = svc("a", "NodePort");
        ((ObjectNode) a.at("/spec/ports/0")).put("nodePort", 30001);
        assertThat(create(serverA, a).errors()).isEmpty();
        ObjectNode b = svc("b", "NodePort");
        ((ObjectNode) b.at("/spec/ports/0")).put("nodePort", 30001);
        assertThat(create(serverB, b).messages())
                .containsExactly("spec.ports[0].nodePort: Invalid value: 30001: provided port is already allocated");
    }

    @Test
    void aFailedWriteGivesBackEverythingItClaimed() {
        Write w = create(serverA, svc("a", "NodePort"));
        assertThat(claims.claimedIps()).hasSize(1);
        assertThat(portsTaken()).hasSize(1);
        w.effects().finish(null);
        assertThat(claims.claimedIps()).isEmpty();
        assertThat(portsTaken()).isEmpty();
    }

    @Test
    void aDryRunPicksButClaimsNothing() {
        Write w = write(serverA, svc("a", "NodePort"), null, true);
        assertThat(w.errors()).isEmpty();
        assertThat(ip(w.svc())).startsWith("10.0.0.");
        w.effects().finish(w.svc());
        assertThat(claims.claimedIps()).isEmpty();
        assertThat(portsTaken()).isEmpty();
    }

    @Test
    void aDeletedServiceGivesBackItsAddressAndPorts() {
        ObjectNode a = stored(create(serverA, svc("a", "NodePort")));
        serverB.release(a); // deleted through the other server
        stored.clear();
        assertThat(claims.claimedIps()).isEmpty();
        assertThat(portsTaken()).isEmpty();
    }

    @Test
    void aReleaseLeavesAnAddressAnotherServiceHoldsNow() {
        ObjectNode a = stored(create(serverA, svc("a", "ClusterIP")));
        ObjectNode impostor = svc("b", "ClusterIP");
        Json.child(impostor, "spec").put("clusterIP", ip(a));
        serverA.release(impostor); // b never held it: a's claim stays
        assertThat(claims.claimedIps()).containsExactly(ip(a));
    }

    @Test
    void anUpdateKeepsItsOwnAddressesAndTypeChangesGiveBackWhatIsNoLongerUsed() {
        ObjectNode a = stored(create(serverA, svc("a", "NodePort")));
        ObjectNode again = a.deepCopy();
        assertThat(stored(write(serverB, again, a, false))).isNotNull();
        assertThat(ip(again)).isEqualTo(ip(a));
        assertThat(nodePort(again)).isEqualTo(nodePort(a));

        ObjectNode clusterIpOnly = again.deepCopy();
        Json.child(clusterIpOnly, "spec").put("type", "ClusterIP");
        ((ObjectNode) clusterIpOnly.at("/spec/ports/0")).remove("nodePort");
        stored(write(serverA, clusterIpOnly, again, false));
        assertThat(portsTaken()).isEmpty(); // NodePort → ClusterIP frees the port
        assertThat(claims.claimedIps()).containsExactly(ip(a));

        ObjectNode external = clusterIpOnly.deepCopy();
        ObjectNode spec = Json.child(external, "spec");
        spec.put("type", "ExternalName");
        spec.put("externalName", "example.com");
        spec.remove("clusterIP");
        spec.remove("clusterIPs");
        stored(write(serverA, external, clusterIpOnly, false));
        assertThat(claims.claimedIps()).isEmpty(); // ExternalName holds no address
    }

    @Test
    void headlessServicesClaimNothing() {
        ObjectNode h = svc("h", "ClusterIP");
        Json.child(h, "spec").put("clusterIP", "None");
        stored(create(serverA, h));
        assertThat(claims.claimedIps()).isEmpty();
    }

    @Test
    void nodePortsComeFromTheirRangeAndAreCheckedWhenAskedFor() {
        ObjectNode a = svc("a", "NodePort");
        ((ObjectNode) a.at("/spec/ports/0")).put("nodePort", 32767);
        assertThat(create(serverA, a).messages())
                .containsExactly(
                        "spec.ports[0].nodePort: Invalid value: 32767: provided port is not in the valid range. The range of valid ports is 30000-30002");
        ObjectNode b = stored(create(serverA, svc("b", "LoadBalancer")));
        assertThat(nodePort(b)).isBetween(30000, 30002);
        ObjectNode c = svc("c", "LoadBalancer");
        Json.child(c, "spec").put("allocateLoadBalancerNodePorts", false);
        stored(create(serverA, c));
        assertThat(c.at("/spec/ports/0").has("nodePort")).isFalse();
    }

    @Test
    void servicesStoredBeforeClaimsExistedKeepTheirAddressesFromNewServices() {
        // A store from before this change: a Service with an address and a port, no claims.
        ObjectNode old = svc("old", "NodePort");
        Json.child(old, "spec").put("clusterIP", "10.0.0.3");
        ((ObjectNode) old.at("/spec/ports/0")).put("nodePort", 30002);
        stored.add(old);
        for (int i = 0; i < 4; i++) {
            ObjectNode s = stored(create(serverA, svc("n" + i, "ClusterIP")));
            assertThat(ip(s)).isNotEqualTo("10.0.0.3");
        }
        ObjectNode asked = svc("asked", "NodePort");
        ((ObjectNode) asked.at("/spec/ports/0")).put("nodePort", 30002);
        Json.child(asked, "spec").put("clusterIP", "10.0.0.3");
        assertThat(create(serverB, asked).messages())
                .containsExactly(
                        "spec.clusterIPs: Invalid value: [\"10.0.0.3\"]: failed to allocate IP 10.0.0.3: provided IP is already allocated");
    }
}
