package io.everynode.agent.portforward;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.Deflater;

/**
 * Encodes the header blocks one side of a SPDY session sends: the name/value pairs (a 4-byte
 * count, then each name and value after its 4-byte length; names lower case), compressed with
 * zlib and the SPDY dictionary. One zlib stream spans the whole session, each block ending in a
 * sync flush, so blocks must be encoded in the order they are sent. Not thread-safe.
 */
final class HeaderBlockWriter {
    private final Deflater deflater = new Deflater();
    private final byte[] buffer = new byte[4096];

    HeaderBlockWriter() {
        deflater.setDictionary(SpdyDictionary.bytes());
    }

    /** The compressed block for {@code headers}. */
    byte[] encode(Map<String, String> headers) {
        deflater.setInput(raw(headers));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n;
        do {
            n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
            out.write(buffer, 0, n);
        } while (n == buffer.length);
        return out.toByteArray();
    }

    /** The uncompressed block: the pairs in the map's order. */
    static byte[] raw(Map<String, String> headers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int32(out, headers.size());
        headers.forEach((name, value) -> {
            bytes(out, name.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            bytes(out, value.getBytes(StandardCharsets.UTF_8));
        });
        return out.toByteArray();
    }

    private static void bytes(ByteArrayOutputStream out, byte[] b) {
        int32(out, b.length);
        out.writeBytes(b);
    }

    private static void int32(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    /** Frees the compressor; the writer is unusable afterwards. */
    void close() {
        deflater.end();
    }
}
