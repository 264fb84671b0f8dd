package io.everynode.agent.portforward;

import java.nio.ByteBuffer;

/**
 * Encodes frames as SPDY/3.1 puts them on the wire (see {@link SpdyFrameReader} for the layout).
 * Header blocks share one zlib stream, so frames must be encoded in the order they are sent:
 * callers serialize encoding and sending. Not thread-safe.
 */
final class SpdyFrameWriter {
    /** The largest data payload a frame carries (24-bit length). */
    static final int MAX_DATA = (1 << 24) - 1;

    private final HeaderBlockWriter headers = new HeaderBlockWriter();

    byte[] encode(SpdyFrame frame) {
        if (frame instanceof SpdyFrame.Data d) {
            if (d.payload().length > MAX_DATA)
                throw new IllegalArgumentException("a data frame holds at most " + MAX_DATA + " bytes");
            ByteBuffer b = ByteBuffer.allocate(8 + d.payload().length);
            b.putInt(d.streamId() & 0x7fffffff);
            b.putInt(((d.fin() ? SpdyFrame.FLAG_FIN : 0) << 24) | d.payload().length);
            return b.put(d.payload()).array();
        }
        if (frame instanceof SpdyFrame.SynStream s) {
            byte[] block = headers.encode(s.headers());
            int flags = (s.fin() ? SpdyFrame.FLAG_FIN : 0) | (s.unidirectional() ? SpdyFrame.FLAG_UNIDIRECTIONAL : 0);
            return control(SpdyFrame.SYN_STREAM, flags, 10 + block.length)
                    .putInt(s.streamId())
                    .putInt(s.associatedStreamId())
                    .put((byte) (s.priority() << 5))
                    .put((byte) 0)
                    .put(block)
                    .array();
        }
        if (frame instanceof SpdyFrame.SynReply r) {
            byte[] block = headers.encode(r.headers());
            return control(SpdyFrame.SYN_REPLY, r.fin() ? SpdyFrame.FLAG_FIN : 0, 4 + block.length)
                    .putInt(r.streamId())
                    .put(block)
                    .array();
        }
        if (frame instanceof SpdyFrame.RstStream r)
            return control(SpdyFrame.RST_STREAM, 0, 8)
                    .putInt(r.streamId())
                    .putInt(r.status())
                    .array();
        if (frame instanceof SpdyFrame.Ping p)
            return control(SpdyFrame.PING, 0, 4).putInt(p.id()).array();
        if (frame instanceof SpdyFrame.GoAway g)
            return control(SpdyFrame.GOAWAY, 0, 8)
                    .putInt(g.lastGoodStreamId())
                    .putInt(g.status())
                    .array();
        if (frame instanceof SpdyFrame.WindowUpdate w)
            return control(SpdyFrame.WINDOW_UPDATE, 0, 8)
                    .putInt(w.streamId())
                    .putInt(w.delta())
                    .array();
        throw new IllegalArgumentException("a frame of type " + frame + " is not sent");
    }

    /** A control frame's buffer with its 8-byte header written: version 3, {@code type}, flags, length. */
    private static ByteBuffer control(int type, int flags, int length) {
        ByteBuffer b = ByteBuffer.allocate(8 + length);
        b.putShort((short) (0x8000 | 3));
        b.putShort((short) type);
        b.putInt((flags << 24) | length);
        return b;
    }

    /** Frees the compressor. */
    void close() {
        headers.close();
    }
}
