package io.everynode.store;

/**
 * One requested write and the rules that decide it. Every backend applies these same rules to
 * the key's latest row (or null), so conflicts mean the same thing in memory and in SQLite.
 */
record Mutation(Kind kind, String key, byte[] value, long expectedModRevision) {

    enum Kind {
        CREATE,
        UPDATE,
        DELETE
    }

    static Mutation create(String key, byte[] value) {
        return new Mutation(Kind.CREATE, key, value, 0);
    }

    static Mutation update(String key, byte[] value, long expectedModRevision) {
        return new Mutation(Kind.UPDATE, key, value, expectedModRevision);
    }

    static Mutation delete(String key, long expectedModRevision) {
        return new Mutation(Kind.DELETE, key, null, expectedModRevision);
    }

    Mutation {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        if (kind != Kind.DELETE && value == null) {
            throw new IllegalArgumentException("value must not be null");
        }
        if (expectedModRevision < 0) {
            throw new IllegalArgumentException("expectedModRevision must be >= 0");
        }
    }

    /**
     * The row this write appends at {@code revision}, given the key's latest row ({@code null}
     * if the key was never written or its history was compacted away).
     *
     * @throws KeyExistsException, KeyNotFoundException, ConflictException per the {@link Store} contract
     */
    Row apply(Row latest, long revision, long epochMillis) {
        boolean exists = latest != null && !latest.deleted();
        switch (kind) {
            case CREATE:
                if (exists) {
                    throw new KeyExistsException(
                            "key " + key + " already exists (modRevision " + latest.revision() + ")");
                }
                return new Row(
                        revision,
                        key,
                        true,
                        false,
                        revision,
                        latest == null ? 0 : latest.revision(),
                        value,
                        epochMillis);
            case UPDATE:
                checkPrecondition(exists, latest);
                return new Row(
                        revision, key, false, false, latest.createRevision(), latest.revision(), value, epochMillis);
            case DELETE:
                checkPrecondition(exists, latest);
                return new Row(
                        revision,
                        key,
                        false,
                        true,
                        latest.createRevision(),
                        latest.revision(),
                        latest.value(),
                        epochMillis);
            default:
                throw new IllegalStateException(kind.name());
        }
    }

    /** What the caller of create/update/delete gets back once {@code row} is durable. */
    KeyValue result(Row row) {
        // Store.delete: the entry as it was, with modRevision set to the deletion's revision.
        return new KeyValue(key, row.value(), row.createRevision(), row.revision());
    }

    private void checkPrecondition(boolean exists, Row latest) {
        if (!exists) {
            throw new KeyNotFoundException("key " + key + " not found");
        }
        if (expectedModRevision != 0 && expectedModRevision != latest.revision()) {
            throw new ConflictException(
                    "key " + key + " has modRevision " + latest.revision() + ", expected " + expectedModRevision);
        }
    }
}
