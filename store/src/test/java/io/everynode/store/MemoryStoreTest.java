package io.everynode.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemoryStoreTest extends StoreContractTest {
    @Override
    protected StoreConfig config() {
        return StoreConfig.memory();
    }

    @Test
    void anEmptyStoreIsAtRevisionZero() {
        assertThat(store.currentRevision()).isZero();
        assertThat(store.compactRevision()).isZero();
    }
}
