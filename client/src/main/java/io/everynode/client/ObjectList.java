package io.everynode.client;

import java.util.List;

/**
 * The answer to a list: the items and the resourceVersion of the list as a whole, from which a
 * watch misses nothing and repeats nothing.
 */
public record ObjectList<T>(List<T> items, String resourceVersion) {
    public ObjectList {
        items = List.copyOf(items);
    }
}
