package io.everynode.apiserver.encryption;

import java.nio.charset.StandardCharsets;

/**
 * One way of storing a value, named by the prefix it writes before its output (one key of an
 * aesgcm or aescbc provider, or identity).
 */
interface Provider {
    /** What every encrypting provider's prefix starts with; identity refuses values that carry it. */
    String ENCRYPTED = "k8s:enc:";

    /** e.g. {@code k8s:enc:aesgcm:v1:key1:}; empty for identity. */
    String prefix();

    /** True when {@code stored} was written by this provider. */
    default boolean reads(byte[] stored) {
        return startsWith(stored, prefix().getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * True when a value authenticates the key it is stored under (aesgcm's authenticated data),
     * so that it opens under that key only.
     */
    default boolean bindsKey() {
        return false;
    }

    /** The value to store (prefix included) for {@code plain} under {@code key}. */
    byte[] seal(byte[] plain, String key);

    /**
     * The plain bytes of {@code stored} (prefix included) under {@code key}.
     *
     * @throws EncryptionException when this provider's key does not open it
     */
    byte[] open(byte[] stored, String key);

    static boolean startsWith(byte[] value, byte[] prefix) {
        if (value.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if (value[i] != prefix[i]) return false;
        return true;
    }
}
