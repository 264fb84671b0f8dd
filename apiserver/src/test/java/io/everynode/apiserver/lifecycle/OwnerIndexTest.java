package io.everynode.apiserver.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.json.Json;
import io.everynode.apiserver.watch.CacheEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class OwnerIndexTest {
    private final OwnerIndex index = new OwnerIndex();

    @Test
    void dependentsFollowTheirOwnerReferencesAcrossUpdatesAndDeletes() {
        index.seeded();
        index.apply(event(CacheEvent.Type.ADDED, pod("p1", "ds-a")));
        index.apply(event(CacheEvent.Type.ADDED, pod("p2", "ds-a")));
        assertThat(index.dependentsOf("ds-a"))
                .extracting(o -> o.path("metadata").path("uid").asString())
                .containsExactly("p1", "p2");

        index.apply(event(CacheEvent.Type.MODIFIED, pod("p1", "ds-b")));
        index.apply(event(CacheEvent.Type.DELETED, pod("p2", "ds-a")));

        assertThat(index.dependentsOf("ds-a")).isEmpty();
        assertThat(index.dependentsOf("ds-b")).hasSize(1);
        assertThat(index.live("p1")).isTrue();
        assertThat(index.live("p2")).isFalse();
    }

    @Test
    void aSeedNeverResurrectsAnObjectAnEventDeletedMeanwhile() {
        index.apply(event(CacheEvent.Type.DELETED, pod("p1", "ds-a")));
        index.seed(pod("p1", "ds-a"));
        index.seed(pod("p2", "ds-a"));
        index.seeded();

        assertThat(index.live("p1")).isFalse();
        assertThat(index.live("p2")).isTrue();
    }

    @Test
    void aSeedNeverRollsBackAnObjectAnEventChangedMeanwhile() {
        index.apply(event(CacheEvent.Type.MODIFIED, pod("p1", "ds-b")));
        index.seed(pod("p1", "ds-a"));
        index.seeded();

        assertThat(index.dependentsOf("ds-a")).isEmpty();
        assertThat(index.dependentsOf("ds-b")).hasSize(1);
    }

    private static ObjectNode pod(String uid, String ownerUid) {
        String json = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + uid
                + "\",\"namespace\":\"ns\",\"uid\":\""
                + uid
                + "\",\"ownerReferences\":[{\"apiVersion\":\"apps/v1\",\"kind\":\"DaemonSet\",\"name\":\"ds\",\"uid\":\""
                + ownerUid + "\"}]}}";
        return (ObjectNode) Json.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static CacheEvent event(CacheEvent.Type type, ObjectNode o) {
        return new CacheEvent(
                type,
                null,
                "/registry/pods/ns/" + o.path("metadata").path("name").asString(),
                o,
                null,
                1);
    }
}
