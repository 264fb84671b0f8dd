package io.everynode.apiserver.encryption;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One key of an {@code aesgcm} provider: AES-GCM from the JDK with a random 12-byte nonce and a
 * 16-byte tag, the store key as authenticated data. Stored form: prefix, nonce, ciphertext+tag.
 */
final class AesGcmProvider implements Provider {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final String name;
    private final String prefix;
    private final byte[] prefixBytes;
    private final SecretKeySpec key;
    private final SecureRandom random;

    /** @param secret 16, 24 or 32 bytes (the configuration reader checked) */
    AesGcmProvider(String name, byte[] secret, SecureRandom random) {
        this.name = name;
        this.prefix = ENCRYPTED + "aesgcm:v1:" + name + ":";
        this.prefixBytes = prefix.getBytes(StandardCharsets.US_ASCII);
        this.key = new SecretKeySpec(secret, "AES");
        this.random = random;
    }

    @Override
    public String prefix() {
        return prefix;
    }

    @Override
    public byte[] seal(byte[] plain, String storeKey) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(storeKey.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(plain);
            byte[] out = Arrays.copyOf(prefixBytes, prefixBytes.length + NONCE_BYTES + sealed.length);
            System.arraycopy(nonce, 0, out, prefixBytes.length, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, prefixBytes.length + NONCE_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new EncryptionException("aesgcm key \"" + name + "\" could not encrypt " + storeKey + ": " + e, e);
        }
    }

    @Override
    public byte[] open(byte[] stored, String storeKey) {
        int start = prefixBytes.length;
        if (stored.length < start + NONCE_BYTES + TAG_BITS / 8)
            throw new EncryptionException("the value of " + storeKey + " is too short for aesgcm key \"" + name + "\"");
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, start, NONCE_BYTES));
            c.updateAAD(storeKey.getBytes(StandardCharsets.UTF_8));
            return c.doFinal(stored, start + NONCE_BYTES, stored.length - start - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new EncryptionException("aesgcm key \"" + name + "\" does not open the value of " + storeKey
                    + ": the authentication tag does not match (the key's secret is not the one that encrypted it,"
                    + " or the stored value was changed)");
        } catch (GeneralSecurityException e) {
            throw new EncryptionException("aesgcm key \"" + name + "\" could not decrypt " + storeKey + ": " + e, e);
        }
    }

    @Override
    public String toString() {
        return "aesgcm key \"" + name + "\"";
    }
}
