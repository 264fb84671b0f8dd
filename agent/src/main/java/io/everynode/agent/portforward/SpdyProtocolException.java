package io.everynode.agent.portforward;

/** The peer broke SPDY/3.1's framing: the session cannot go on. */
final class SpdyProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SpdyProtocolException(String message) {
        super(message);
    }
}
