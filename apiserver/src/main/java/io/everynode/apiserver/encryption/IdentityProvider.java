package io.everynode.apiserver.encryption;

import java.nio.charset.StandardCharsets;

/** Stores values as they are; reads any value that is not encrypted. */
final class IdentityProvider implements Provider {
    private static final byte[] ENCRYPTED_BYTES = ENCRYPTED.getBytes(StandardCharsets.US_ASCII);

    @Override
    public String prefix() {
        return "";
    }

    @Override
    public boolean reads(byte[] stored) {
        return !Provider.startsWith(stored, ENCRYPTED_BYTES);
    }

    @Override
    public byte[] seal(byte[] plain, String key) {
        return plain;
    }

    @Override
    public byte[] open(byte[] stored, String key) {
        return stored;
    }

    @Override
    public String toString() {
        return "identity";
    }
}
