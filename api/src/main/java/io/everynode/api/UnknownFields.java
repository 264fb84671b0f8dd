package io.everynode.api;

import java.util.List;

/** TEMPORARY: replaced by the apirules branch. */
public final class UnknownFields {
    private UnknownFields() {}

    public static List<String> paths(Object o) {
        return List.of();
    }
}
