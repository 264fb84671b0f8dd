package io.everynode.agent.portforward;

import java.util.Map;

/**
 * One SPDY/3.1 frame, decoded: the control frames a port-forward exchanges and data frames.
 * Stream ids are 31-bit; header names are lower case (SPDY/3 requires it).
 */
public sealed interface SpdyFrame {
    /** Flag of a data frame, SYN_STREAM or SYN_REPLY: the sender sends nothing more on the stream. */
    int FLAG_FIN = 0x01;
    /** Flag of a SYN_STREAM: the receiver sends nothing on the stream. */
    int FLAG_UNIDIRECTIONAL = 0x02;

    /** Control frame types (SPDY/3.1 section 2.6). */
    int SYN_STREAM = 1, SYN_REPLY = 2, RST_STREAM = 3, SETTINGS = 4, PING = 6, GOAWAY = 7, HEADERS = 8;

    int WINDOW_UPDATE = 9;

    /** RST_STREAM status codes used here. */
    int PROTOCOL_ERROR = 1, CANCEL = 5;

    /** Bytes on a stream; {@code fin} ends the sender's side of it. */
    record Data(int streamId, boolean fin, byte[] payload) implements SpdyFrame {}

    /** A new stream opened by the peer, with its headers. */
    record SynStream(
            int streamId,
            int associatedStreamId,
            int priority,
            boolean fin,
            boolean unidirectional,
            Map<String, String> headers)
            implements SpdyFrame {}

    /** The answer to a {@link SynStream}. */
    record SynReply(int streamId, boolean fin, Map<String, String> headers) implements SpdyFrame {}

    /** A stream ended abnormally ({@link #CANCEL}, {@link #PROTOCOL_ERROR}, ...). */
    record RstStream(int streamId, int status) implements SpdyFrame {}

    /** A round-trip check: the receiver of a ping the peer started echoes it unchanged. */
    record Ping(int id) implements SpdyFrame {}

    /** The sender is ending the session; {@code lastGoodStreamId} is the last stream it took. */
    record GoAway(int lastGoodStreamId, int status) implements SpdyFrame {}

    /** Flow-control credit for a stream (0: the whole session). */
    record WindowUpdate(int streamId, int delta) implements SpdyFrame {}

    /** A control frame this side has no use for (SETTINGS, HEADERS, an unknown type): skipped whole. */
    record Ignored(int type, int length) implements SpdyFrame {}
}
