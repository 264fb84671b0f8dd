package io.everynode.apiserver.encryption;

/**
 * Turns an object's bytes into what the store keeps under {@code key}, and back (upstream's
 * {@code value.Transformer}). The registry and the watch cache call it wherever objects become
 * stored bytes and stored bytes become objects.
 */
public interface ValueTransformer {
    /** Stores the bytes as they are. */
    ValueTransformer NONE = new ValueTransformer() {
        @Override
        public byte[] toStorage(String key, byte[] plain) {
            return plain;
        }

        @Override
        public Read fromStorage(String key, byte[] stored) {
            return new Read(stored, false);
        }
    };

    /** What to store under {@code key} for the object bytes {@code plain}. */
    byte[] toStorage(String key, byte[] plain);

    /**
     * The object bytes of the value stored under {@code key}.
     *
     * @throws EncryptionException when no configured provider can read it
     */
    Read fromStorage(String key, byte[] stored);

    /**
     * What to store under {@code to} for a value stored under {@code from} of the same resource,
     * when the store's layout moves a key (apiserver StoreLayout): the same object bytes, and the
     * same bytes when the value is not bound to its key. A provider that authenticates the key
     * (aesgcm) opens the value under {@code from} and seals it again under {@code to} with that same
     * provider, so a moved value reads as every other value does.
     *
     * @throws EncryptionException when no configured provider can read it
     */
    default byte[] moved(String from, String to, byte[] stored) {
        return stored;
    }

    /**
     * @param value the object's bytes
     * @param stale the value was not written the way a write would store it now (another key or
     *     provider, or not encrypted): an update must rewrite it even when the object is unchanged
     */
    record Read(byte[] value, boolean stale) {}
}
