package io.everynode.apiserver.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceTypes;
import io.everynode.apiserver.encryption.ValueTransformer;
import io.everynode.store.Store;
import io.everynode.store.StoreConfig;
import io.everynode.store.Stores;
import io.everynode.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class ServiceClaimsRepairTest {
    static final ServiceNetwork NETWORK = new ServiceNetwork("10.0.0.0/24", 30000, 30099);

    final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    final Store store = Stores.open(StoreConfig.memory(), clock);
    final List<ObjectNode> services = new ArrayList<>();
    final ServiceClaims claims = new StoreServiceClaims(store, ValueTransformer.NONE, clock, NETWORK);
    final ServiceClaimsRepair repair = new ServiceClaimsRepair(() -> List.copyOf(services), claims, clock);

    @AfterEach
    void close() {
        repair.close();
        store.close();
    }

    static ObjectNode svc(String name, String ip, int nodePort) {
        ObjectNode o = Json.object();
        o.putObject("metadata").put("namespace", "default").put("name", name);
        ObjectNode spec = o.putObject("spec");
        spec.put("type", nodePort > 0 ? "NodePort" : "ClusterIP");
        spec.put("clusterIP", ip);
        spec.putArray("clusterIPs").add(ip);
        ObjectNode port = spec.putArray("ports").addObject().put("port", 80);
        if (nodePort > 0) port.put("nodePort", nodePort);
        return o;
    }

    @Test
    void servicesWithoutClaimsGetTheirsAtTheFirstPass() {
        services.add(svc("old", "10.0.0.9", 30010));
        services.add(svc("plain", "10.0.0.10", 0));
        ServiceClaimsRepair.Report report = repair.runOnce();
        assertThat(report.ipsClaimed()).containsExactlyInAnyOrder("10.0.0.9", "10.0.0.10");
        assertThat(report.portsSet()).containsExactly(30010);
        assertThat(claims.ipClaims())
                .anySatisfy(c -> assertThat(c.heldBy("default", "old")).isTrue());
        assertThat(claims.readPorts().ports()).containsExactly(30010);
        assertThat(repair.runOnce())
                .isEqualTo(new ServiceClaimsRepair.Report(List.of(), List.of(), Set.of(), Set.of()));
    }

    @Test
    void anOrphanedAddressGoesOnlyAfterTheGraceACreateInProgressNeeds() {
        claims.claimIp("10.0.0.7", "default", "being-created");
        assertThat(repair.runOnce().ipsFreed()).isEmpty(); // may be a create whose Service is not stored yet
        clock.advance(ServiceClaimsRepair.ORPHAN_GRACE.plus(Duration.ofSeconds(1)));
        assertThat(repair.runOnce().ipsFreed()).containsExactly("10.0.0.7");
        assertThat(claims.claimedIps()).isEmpty();
    }

    @Test
    void anAddressClaimedForAServiceThatNoLongerHoldsItIsFreed() {
        claims.claimIp("10.0.0.7", "default", "web");
        services.add(svc("web", "10.0.0.8", 0)); // web holds another address now
        clock.advance(Duration.ofMinutes(2));
        ServiceClaimsRepair.Report report = repair.runOnce();
        assertThat(report.ipsFreed()).containsExactly("10.0.0.7");
        assertThat(report.ipsClaimed()).containsExactly("10.0.0.8");
    }

    @Test
    void addressesSomeoneElseWroteAreLeftAlone() {
        ObjectNode foreign = Json.object();
        foreign.putObject("metadata").put("name", "10.0.0.20").put("creationTimestamp", "2020-01-01T00:00:00Z");
        foreign.putObject("spec")
                .putObject("parentRef")
                .put("resource", "gateways")
                .put("name", "gw");
        store.create(ResourceTypes.IP_ADDRESSES.key(null, "10.0.0.20"), Json.bytes(foreign));
        assertThat(repair.runOnce().ipsFreed()).isEmpty();
        assertThat(claims.claimedIps()).containsExactly("10.0.0.20");
    }

    @Test
    void aLeakedPortIsFreedOnlyOnTheThirdPassInARow() {
        claims.writePorts(claims.readPorts().with(Set.of(30050), Set.of()));
        assertThat(repair.runOnce().portsFreed()).isEmpty();
        assertThat(repair.runOnce().portsFreed()).isEmpty();
        assertThat(repair.runOnce().portsFreed()).containsExactly(30050);
        assertThat(claims.readPorts().ports()).isEmpty();
    }

    @Test
    void aPortWhoseServiceAppearsIsNoLongerCountedAsLeaked() {
        claims.writePorts(claims.readPorts().with(Set.of(30050), Set.of()));
        repair.runOnce();
        repair.runOnce();
        services.add(svc("slow", "10.0.0.5", 30050)); // the create was in progress
        repair.runOnce();
        services.clear();
        assertThat(repair.runOnce().portsFreed()).isEmpty(); // counting starts again
        assertThat(claims.readPorts().ports()).containsExactly(30050);
    }
}
