package io.everynode.agent.portforward;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes the header blocks the peer sends, in the order it sent them (the peer's one zlib
 * stream spans the session; see {@link HeaderBlockWriter}). A name given several values (SPDY
 * joins them with NUL) keeps them joined so. Not thread-safe.
 */
final class HeaderBlockReader {
    private final Inflater inflater = new Inflater();
    private final byte[] buffer = new byte[4096];

    /**
     * The pairs of one compressed block.
     *
     * @throws SpdyProtocolException when the block does not inflate or its pairs overrun it
     */
    Map<String, String> decode(byte[] compressed) {
        inflater.setInput(compressed);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try {
            while (true) {
                int n = inflater.inflate(buffer);
                if (n > 0) {
                    raw.write(buffer, 0, n);
                } else if (inflater.needsDictionary()) {
                    inflater.setDictionary(SpdyDictionary.bytes());
                } else {
                    break; // the block's input is used up (or the stream ended)
                }
            }
        } catch (DataFormatException | IllegalArgumentException e) {
            throw new SpdyProtocolException("a header block does not decompress: " + e.getMessage());
        }
        return parse(raw.toByteArray());
    }

    /** The pairs of an uncompressed block. */
    static Map<String, String> parse(byte[] raw) {
        ByteBuffer b = ByteBuffer.wrap(raw);
        try {
            int count = b.getInt();
            if (count < 0) throw new SpdyProtocolException("a header block counts " + count + " pairs");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = string(b);
                headers.put(name.toLowerCase(java.util.Locale.ROOT), string(b));
            }
            return headers;
        } catch (java.nio.BufferUnderflowException e) {
            throw new SpdyProtocolException("a header block ends inside its pairs");
        }
    }

    private static String string(ByteBuffer b) {
        int length = b.getInt();
        if (length < 0 || length > b.remaining())
            throw new SpdyProtocolException("a header block names " + length + " bytes past its end");
        byte[] s = new byte[length];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }

    /** Frees the decompressor; the reader is unusable afterwards. */
    void close() {
        inflater.end();
    }
}
