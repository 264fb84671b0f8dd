package io.everynode.dashboard.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which events the cluster view shows: by the involved object's kind, namespace and name, latest last. */
class EventFilterTest {
    private static final Event POD_EVENT = event("e1", "Pod", "default", "agent-x", "2026-12-05T10:00:00Z");

    @ParameterizedTest(name = "kind \"{0}\", namespace \"{1}\", name \"{2}\": {3}")
    @CsvSource({
        "'', '', '', true",
        "Pod, '', '', true",
        "pod, '', '', true",
        "Node, '', '', false",
        "'', default, '', true",
        "'', kube-system, '', false",
        "'', '', agent-x, true",
        "'', '', agent, false",
        "Pod, default, agent-x, true",
        "Pod, default, agent-y, false",
        "' Pod ', ' default ', ' agent-x ', true",
    })
    void anEventMatchesWhenEveryPartGivenMatches(String kind, String namespace, String name, boolean matches) {
        assertThat(new EventFilter(kind, namespace, name).matches(POD_EVENT)).isEqualTo(matches);
    }

    @Test
    void anEventAboutNothingMatchesOnlyTheFilterOfAnything() {
        Event bare =
                new EventBuilder().withNewMetadata().withName("x").endMetadata().build();

        assertThat(EventFilter.ANY.matches(bare)).isTrue();
        assertThat(new EventFilter("Pod", null, null).matches(bare)).isFalse();
    }

    @Test
    void theLatestMatchingEventsComeOldestFirstAndAtMostAHundred() {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            events.add(event("n" + i, "Node", "", "node-1", "2026-12-05T10:%02d:%02dZ".formatted(i / 60, i % 60)));
        }
        events.add(POD_EVENT);
        java.util.Collections.shuffle(events, new java.util.Random(7));

        List<Event> latest = new EventFilter("Node", "", "node-1").latest(events);

        assertThat(latest).hasSize(EventFilter.LATEST);
        assertThat(latest.get(0).getMetadata().getName()).isEqualTo("n50");
        assertThat(latest.get(99).getMetadata().getName()).isEqualTo("n149");
    }

    @Test
    void lastSeenIsLastTimestampElseEventTimeElseCreation() {
        Event onlyCreated = new EventBuilder(POD_EVENT).withLastTimestamp(null).build();
        onlyCreated.getMetadata().setCreationTimestamp("2026-12-05T09:00:00Z");
        Event micro = new EventBuilder(onlyCreated)
                .withNewEventTime("2026-12-05T09:30:00.123456Z")
                .build();

        assertThat(EventFilter.lastSeen(POD_EVENT)).hasToString("2026-12-05T10:00:00Z");
        assertThat(EventFilter.lastSeen(onlyCreated)).hasToString("2026-12-05T09:00:00Z");
        assertThat(EventFilter.lastSeen(micro)).hasToString("2026-12-05T09:30:00.123456Z");
    }

    static Event event(String name, String kind, String namespace, String object, String last) {
        return new EventBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace.isEmpty() ? "default" : namespace)
                .endMetadata()
                .withNewInvolvedObject()
                .withKind(kind)
                .withNamespace(namespace.isEmpty() ? null : namespace)
                .withName(object)
                .endInvolvedObject()
                .withLastTimestamp(last)
                .withReason("Test")
                .build();
    }
}
