package io.everynode.store;

/** Prefix ranges over keys. */
final class Keys {
    private Keys() {}

    /**
     * An exclusive upper bound for keys starting with {@code prefix} under SQLite's byte-wise
     * (UTF-8) text order: the prefix followed by U+10FFFF, the largest code point. It covers every
     * key whose next character is below U+10FFFF (a non-character, never in a Kubernetes key).
     */
    static String upperBound(String prefix) {
        return prefix + new String(Character.toChars(Character.MAX_CODE_POINT));
    }
}
