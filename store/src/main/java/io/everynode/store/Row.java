package io.everynode.store;

/**
 * One entry of the append-only log (the kine row): a write of {@code key} at {@code revision}.
 *
 * <p>A delete is a tombstone row that keeps the value and create revision of the entry it
 * removed, so a watch replaying the log can still say what was deleted. {@code prevRevision}
 * is the revision of the key's previous row (0 for a first create). {@code epochMillis} is the
 * commit time from the store's clock; retention uses it.
 */
record Row(
        long revision,
        String key,
        boolean created,
        boolean deleted,
        long createRevision,
        long prevRevision,
        byte[] value,
        long epochMillis) {

    /** The entry this row makes current; meaningless for a tombstone. */
    KeyValue keyValue() {
        return new KeyValue(key, value, createRevision, revision);
    }

    /**
     * The event a watch delivers for this row. For a delete, {@code previous} is the entry as it
     * was before, so its modRevision is the revision of the write the delete removed.
     */
    StoreEvent event() {
        if (deleted) {
            return new StoreEvent.Deleted(new KeyValue(key, value, createRevision, prevRevision), revision);
        }
        return new StoreEvent.Put(keyValue(), created);
    }
}
