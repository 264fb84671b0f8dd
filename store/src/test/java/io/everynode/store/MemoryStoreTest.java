package io.everynode.store;

class MemoryStoreTest extends StoreContractTest {
    @Override
    protected StoreConfig config() {
        return StoreConfig.memory();
    }
}
