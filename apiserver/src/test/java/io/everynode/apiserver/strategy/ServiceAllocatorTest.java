package io.everynode.apiserver.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceType;
import io.everynode.api.validation.FieldError;
import io.everynode.apiserver.registry.WriteContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class ServiceAllocatorTest {
    /** The stored Services, as the watch cache would list them. */
    final List<ObjectNode> stored = new ArrayList<>();

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

    /** A /29: addresses .0 to .7; .0 and .7 are network and broadcast, .1 is the kubernetes Service's. */
    final ServiceAllocator allocator =
            new ServiceAllocator(new ServiceNetwork("10.0.0.0/29", 30000, 30002), new Random(7));

    static ObjectNode svc(String uid, String type) {
        ObjectNode o = Json.object();
        o.putObject("metadata").put("uid", uid);
        ObjectNode spec = o.putObject("spec");
        spec.put("type", type);
        spec.putArray("ports").addObject().put("port", 80).put("protocol", "TCP");
        return o;
    }

    List<String> messages(List<FieldError> errs) {
        return errs.stream().map(FieldError::message).toList();
    }

    @Test
    void addressesComeFromTheRangeButNeverTheReservedOnes() {
        List<String> ips = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ObjectNode s = svc("u" + i, "ClusterIP");
            assertThat(allocator.allocate(s, null, lookup)).isEmpty();
            allocator.release("u" + i);
            stored.add(s);
            ips.add(s.at("/spec/clusterIP").asString());
        }
        assertThat(ips).containsExactlyInAnyOrder("10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5", "10.0.0.6");
        ObjectNode sixth = svc("u5", "ClusterIP");
        assertThat(messages(allocator.allocate(sixth, null, lookup)))
                .containsExactly("spec.clusterIPs: Invalid value: []: failed to allocate a serviceIP: range is full");
    }

    @Test
    void anAddressHeldByAWriteInProgressIsNotGivenTwice() {
        ObjectNode a = svc("a", "ClusterIP");
        Json.child(a, "spec").put("clusterIP", "10.0.0.4");
        assertThat(allocator.allocate(a, null, lookup)).isEmpty(); // not stored yet, not released
        ObjectNode b = svc("b", "ClusterIP");
        Json.child(b, "spec").put("clusterIP", "10.0.0.4");
        assertThat(messages(allocator.allocate(b, null, lookup)))
                .containsExactly(
                        "spec.clusterIPs: Invalid value: [\"10.0.0.4\"]: failed to allocate IP 10.0.0.4: provided IP is already allocated");
        allocator.release("a"); // a's create failed: nothing stored
        assertThat(allocator.allocate(b, null, lookup)).isEmpty();
    }

    @Test
    void aDeletedServicesAddressesAreFreeAtOnce() {
        ObjectNode a = svc("a", "NodePort");
        Json.child(a, "spec").put("clusterIP", "10.0.0.5");
        ((ObjectNode) a.at("/spec/ports/0")).put("nodePort", 30001);
        assertThat(allocator.allocate(a, null, lookup)).isEmpty();
        allocator.release("a");
        stored.add(a);
        ObjectNode b = a.deepCopy();
        Json.child(b, "metadata").put("uid", "b");
        assertThat(allocator.allocate(b, null, lookup)).hasSize(2);
        stored.clear(); // a deleted
        assertThat(allocator.allocate(b, null, lookup)).isEmpty();
    }

    @Test
    void nodePortsComeFromTheirRangeAndAreCheckedWhenAskedFor() {
        ObjectNode a = svc("a", "NodePort");
        ((ObjectNode) a.at("/spec/ports/0")).put("nodePort", 32767);
        assertThat(messages(allocator.allocate(a, null, lookup)))
                .containsExactly(
                        "spec.ports[0].nodePort: Invalid value: 32767: provided port is not in the valid range. The range of valid ports is 30000-30002");
        ObjectNode b = svc("b", "LoadBalancer");
        assertThat(allocator.allocate(b, null, lookup)).isEmpty();
        assertThat(b.at("/spec/ports/0/nodePort").asInt()).isBetween(30000, 30002);
        ObjectNode c = svc("c", "LoadBalancer");
        Json.child(c, "spec").put("allocateLoadBalancerNodePorts", false);
        assertThat(allocator.allocate(c, null, lookup)).isEmpty();
        assertThat(c.at("/spec/ports/0").has("nodePort")).isFalse();
    }

    @Test
    void anUpdateKeepsItsOwnAddresses() {
        ObjectNode a = svc("a", "NodePort");
        assertThat(allocator.allocate(a, null, lookup)).isEmpty();
        allocator.release("a");
        stored.add(a);
        ObjectNode again = a.deepCopy();
        assertThat(allocator.allocate(again, a, lookup)).isEmpty();
        assertThat(again.at("/spec/clusterIP").asString())
                .isEqualTo(a.at("/spec/clusterIP").asString());
    }
}
