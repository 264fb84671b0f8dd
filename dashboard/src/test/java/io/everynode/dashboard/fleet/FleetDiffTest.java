package io.everynode.dashboard.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A batch carries only what changed since the last one. */
class FleetDiffTest {
    private static Cell cell(String node, CellState state) {
        return new Cell(node, state == CellState.MISSING ? null : "agent-" + node, state, Map.of("zone", "a"));
    }

    @Test
    void theFirstGridIsSentWhole() {
        FleetDiff diff = new FleetDiff();

        FleetDiff.Changes c = diff.next(List.of(cell("n1", CellState.UPDATED_READY), cell("n2", CellState.MISSING)));

        assertThat(c.changed()).extracting(Cell::node).containsExactly("n1", "n2");
        assertThat(c.removed()).isEmpty();
    }

    @Test
    void laterBatchesHoldOnlyChangedCellsAndTheNodesThatWent() {
        FleetDiff diff = new FleetDiff();
        diff.next(List.of(
                cell("n1", CellState.OLD_REVISION), cell("n2", CellState.OLD_REVISION), cell("n3", CellState.MISSING)));

        FleetDiff.Changes c =
                diff.next(List.of(cell("n1", CellState.UPDATED_READY), cell("n2", CellState.OLD_REVISION)));

        assertThat(c.changed()).extracting(Cell::node).containsExactly("n1");
        assertThat(c.removed()).containsExactly("n3");
    }

    @Test
    void anUnchangedGridMakesAnEmptyBatch() {
        FleetDiff diff = new FleetDiff();
        diff.next(List.of(cell("n1", CellState.UPDATED_READY)));

        assertThat(diff.next(List.of(cell("n1", CellState.UPDATED_READY))).isEmpty())
                .isTrue();
    }
}
