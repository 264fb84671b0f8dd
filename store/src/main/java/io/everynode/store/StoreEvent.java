package io.everynode.store;

/** One change in the log, as a watch delivers it. */
public sealed interface StoreEvent {

    /** The revision of this change. */
    long revision();

    String key();

    /** A key was created ({@code created}) or updated; {@code kv} is the new entry. */
    record Put(KeyValue kv, boolean created) implements StoreEvent {
        @Override
        public long revision() {
            return kv.modRevision();
        }

        @Override
        public String key() {
            return kv.key();
        }
    }

    /** A key was deleted at {@code revision}; {@code previous} is the entry as it was before. */
    record Deleted(KeyValue previous, long revision) implements StoreEvent {
        @Override
        public String key() {
            return previous.key();
        }
    }
}
