package io.everynode.store;

import java.util.List;

/** The entries under a prefix, in key order, as of {@code revision}. */
public record ListResult(List<KeyValue> items, long revision) {}
