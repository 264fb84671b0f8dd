package io.everynode.store;

/**
 * One stored entry. {@code createRevision} is the revision that created the key,
 * {@code modRevision} the revision of its latest write (its resourceVersion).
 */
public record KeyValue(String key, byte[] value, long createRevision, long modRevision) {}
