package io.everynode.apiserver.encryption;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One key of an {@code aescbc} provider: AES-CBC from the JDK with a random 16-byte IV and
 * PKCS#7 padding, as upstream stores it (no authentication: upstream no longer recommends it,
 * and neither do we; it is read so that clusters moving off it can). Stored form: prefix, IV,
 * ciphertext.
 */
final class AesCbcProvider implements Provider {
    private static final int IV_BYTES = 16;

    private final String name;
    private final String prefix;
    private final byte[] prefixBytes;
    private final SecretKeySpec key;
    private final SecureRandom random;

    /** @param secret 16, 24 or 32 bytes (the configuration reader checked) */
    AesCbcProvider(String name, byte[] secret, SecureRandom random) {
        this.name = name;
        this.prefix = ENCRYPTED + "aescbc:v1:" + name + ":";
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
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding"); // PKCS#7 for 16-byte blocks
            c.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
            byte[] sealed = c.doFinal(plain);
            byte[] out = Arrays.copyOf(prefixBytes, prefixBytes.length + IV_BYTES + sealed.length);
            System.arraycopy(iv, 0, out, prefixBytes.length, IV_BYTES);
            System.arraycopy(sealed, 0, out, prefixBytes.length + IV_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new EncryptionException("aescbc key \"" + name + "\" could not encrypt " + storeKey + ": " + e, e);
        }
    }

    @Override
    public byte[] open(byte[] stored, String storeKey) {
        int start = prefixBytes.length;
        int body = stored.length - start - IV_BYTES;
        if (body <= 0 || body % IV_BYTES != 0)
            throw new EncryptionException("the value of " + storeKey
                    + " is not a whole number of AES blocks for aescbc key \"" + name + "\"");
        try {
            Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
            c.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(stored, start, IV_BYTES));
            return c.doFinal(stored, start + IV_BYTES, body);
        } catch (GeneralSecurityException e) {
            throw new EncryptionException("aescbc key \"" + name + "\" does not open the value of " + storeKey
                    + ": the padding is wrong (the key's secret is not the one that encrypted it)");
        }
    }

    @Override
    public String toString() {
        return "aescbc key \"" + name + "\"";
    }
}
