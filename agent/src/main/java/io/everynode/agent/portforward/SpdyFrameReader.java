package io.everynode.agent.portforward;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the bytes the peer sends into SPDY/3.1 frames, whatever the pieces they arrive in (a
 * WebSocket message may hold part of a frame or several). Every frame is 8 header bytes, then
 * as many as the header's 24-bit length says: a control frame starts with bit 1 and the version
 * (3), then its type, flags and length; a data frame with bit 0 and the stream id, then flags
 * and length. Header blocks (SYN_STREAM, SYN_REPLY, HEADERS) are decoded in arrival order, since
 * they share one zlib stream. Not thread-safe: one reader per session, fed in order.
 */
final class SpdyFrameReader {
    private static final int HEADER = 8;

    private final HeaderBlockReader headers = new HeaderBlockReader();
    private ByteBuffer pending = ByteBuffer.allocate(0);

    /**
     * The frames completed by {@code bytes} (and what came before), in order; a partial frame waits
     * for more.
     *
     * @throws SpdyProtocolException when the bytes are not SPDY/3.1
     */
    List<SpdyFrame> feed(ByteBuffer bytes) {
        ByteBuffer joined = ByteBuffer.allocate(pending.remaining() + bytes.remaining());
        joined.put(pending).put(bytes).flip();
        List<SpdyFrame> frames = new ArrayList<>();
        while (joined.remaining() >= HEADER) {
            int start = joined.position();
            int length = ((joined.get(start + 5) & 0xff) << 16)
                    | ((joined.get(start + 6) & 0xff) << 8)
                    | (joined.get(start + 7) & 0xff);
            if (joined.remaining() < HEADER + length) break;
            int first = joined.getInt();
            int flags = joined.get() & 0xff;
            joined.position(joined.position() + 3);
            byte[] body = new byte[length];
            joined.get(body);
            frames.add(
                    first < 0
                            ? control((first >>> 16) & 0x7fff, first & 0xffff, flags, ByteBuffer.wrap(body))
                            : new SpdyFrame.Data(first, (flags & SpdyFrame.FLAG_FIN) != 0, body));
        }
        pending = ByteBuffer.allocate(joined.remaining());
        pending.put(joined).flip();
        return frames;
    }

    private SpdyFrame control(int version, int type, int flags, ByteBuffer body) {
        if (version != 3) throw new SpdyProtocolException("SPDY version " + version + " is not 3");
        try {
            return switch (type) {
                case SpdyFrame.SYN_STREAM -> {
                    int id = body.getInt() & 0x7fffffff;
                    int associated = body.getInt() & 0x7fffffff;
                    int priority = (body.get() >>> 5) & 0x07;
                    body.get(); // credential slot
                    yield new SpdyFrame.SynStream(
                            id,
                            associated,
                            priority,
                            (flags & SpdyFrame.FLAG_FIN) != 0,
                            (flags & SpdyFrame.FLAG_UNIDIRECTIONAL) != 0,
                            headers.decode(rest(body)));
                }
                case SpdyFrame.SYN_REPLY -> {
                    int id = body.getInt() & 0x7fffffff;
                    yield new SpdyFrame.SynReply(id, (flags & SpdyFrame.FLAG_FIN) != 0, headers.decode(rest(body)));
                }
                case SpdyFrame.RST_STREAM -> new SpdyFrame.RstStream(body.getInt() & 0x7fffffff, body.getInt());
                case SpdyFrame.PING -> new SpdyFrame.Ping(body.getInt());
                case SpdyFrame.GOAWAY ->
                    new SpdyFrame.GoAway(body.getInt() & 0x7fffffff, body.remaining() >= 4 ? body.getInt() : 0);
                case SpdyFrame.WINDOW_UPDATE ->
                    new SpdyFrame.WindowUpdate(body.getInt() & 0x7fffffff, body.getInt() & 0x7fffffff);
                case SpdyFrame.HEADERS -> {
                    body.getInt(); // stream id
                    headers.decode(rest(body)); // keeps the zlib stream in step; the headers are not used
                    yield new SpdyFrame.Ignored(type, body.capacity());
                }
                default -> new SpdyFrame.Ignored(type, body.capacity());
            };
        } catch (java.nio.BufferUnderflowException e) {
            throw new SpdyProtocolException("a control frame of type " + type + " is too short");
        }
    }

    private static byte[] rest(ByteBuffer body) {
        byte[] b = new byte[body.remaining()];
        body.get(b);
        return b;
    }

    /** Frees the decompressor. */
    void close() {
        headers.close();
    }
}
