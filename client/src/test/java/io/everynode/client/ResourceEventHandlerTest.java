package io.everynode.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceEventHandlerTest {
    private final List<String> seen = new ArrayList<>();

    @Test
    void onAnyChangeCallsTheActionForAddsUpdatesWithTheNewObjectAndDeletes() {
        ResourceEventHandler<String> h = ResourceEventHandler.onAnyChange(seen::add);
        h.onAdd("a");
        h.onUpdate("b-old", "b-new");
        h.onDelete("c");
        assertThat(seen).containsExactly("a", "b-new", "c");
    }

    @Test
    void anUpdateThatDoesNotMatterCallsNothingButAddsAndDeletesStillDo() {
        ResourceEventHandler<String> h = ResourceEventHandler.onAnyChange((o, n) -> !o.equals(n), seen::add);
        h.onUpdate("same", "same");
        h.onUpdate("x", "y");
        h.onAdd("a");
        h.onDelete("d");
        assertThat(seen).containsExactly("y", "a", "d");
    }

    @Test
    void ofRoutesEachCallbackToItsOwnFunction() {
        ResourceEventHandler<String> h = ResourceEventHandler.of(
                o -> seen.add("add " + o), (o, n) -> seen.add("update " + o + ">" + n), o -> seen.add("delete " + o));
        h.onAdd("a");
        h.onUpdate("a", "b");
        h.onDelete("b");
        assertThat(seen).containsExactly("add a", "update a>b", "delete b");
    }

    @Test
    void observingHandsTheCurrentObjectOnAddAndUpdateAndTheLastOneOnDelete() {
        ResourceEventHandler<String> h =
                ResourceEventHandler.observing(o -> seen.add("now " + o), o -> seen.add("gone " + o));
        h.onAdd("a1");
        h.onUpdate("a1", "a2");
        h.onDelete("a2");
        assertThat(seen).containsExactly("now a1", "now a2", "gone a2");
    }
}
