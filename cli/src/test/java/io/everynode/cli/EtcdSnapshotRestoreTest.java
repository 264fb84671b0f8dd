package io.everynode.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** How {@code restore --initial-cluster} names the members whose data directories it makes. */
class EtcdSnapshotRestoreTest {

    @Test
    void theInitialClusterNamesEachMemberWithItsPeerUrlInOrder() {
        assertThat(EtcdSnapshotRestore.members("e1=https://10.0.0.1:2380, e2=https://10.0.0.2:2380"))
                .containsExactly(Map.entry("e1", "https://10.0.0.1:2380"), Map.entry("e2", "https://10.0.0.2:2380"));
    }

    @Test
    void anEntryWithoutANameOrAUrlIsRefusedByName() {
        assertThatThrownBy(() -> EtcdSnapshotRestore.members("e1=http://a:2380,http://b:2380"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--initial-cluster entry 'http://b:2380' is not name=peerURL");
        assertThatThrownBy(() -> EtcdSnapshotRestore.members("e1="))
                .hasMessage("--initial-cluster entry 'e1=' is not name=peerURL");
    }

    @Test
    void aMemberNamedTwiceIsRefused() {
        assertThatThrownBy(() -> EtcdSnapshotRestore.members("e1=http://a:2380,e1=http://b:2380"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--initial-cluster names member e1 twice");
    }
}
