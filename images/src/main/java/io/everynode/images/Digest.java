package io.everynode.images;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content digest {@code sha256:<64 hex>} (the only algorithm registries and the OCI image spec
 * require; others are refused as unsupported).
 */
public record Digest(String hex) {
    private static final Pattern HEX = Pattern.compile("[a-f0-9]{64}");

    public Digest {
        if (!HEX.matcher(hex).matches()) throw new IllegalArgumentException("invalid checksum digest format");
    }

    /** Parses {@code sha256:<hex>}; other algorithms and malformed digests throw IllegalArgumentException. */
    public static Digest parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) throw new IllegalArgumentException("invalid checksum digest format");
        String algorithm = text.substring(0, colon);
        if (!algorithm.equals("sha256")) {
            throw new IllegalArgumentException("unsupported digest algorithm " + algorithm);
        }
        return new Digest(text.substring(colon + 1));
    }

    public static Digest of(byte[] content) {
        return new Digest(HexFormat.of().formatHex(sha256().digest(content)));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "sha256:" + hex;
    }

    /** A stream that digests what is read through it; {@link #digest()} once it is read to the end. */
    public static final class DigestingStream extends FilterInputStream {
        private final MessageDigest digest = sha256();
        private long count;

        public DigestingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                digest.update((byte) b);
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                digest.update(b, off, n);
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[8192];
            long skipped = 0;
            while (skipped < n) {
                int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
                if (r < 0) break;
                skipped += r;
            }
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        /** Reads what is left, so the digest covers the whole stream. */
        public void drain() throws IOException {
            byte[] buffer = new byte[65536];
            while (read(buffer, 0, buffer.length) >= 0) {
                // reading is the point
            }
        }

        public long count() {
            return count;
        }

        public Digest digest() {
            return new Digest(HexFormat.of().formatHex(digest.digest()));
        }
    }
}
