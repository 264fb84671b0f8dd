package io.everynode.client;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * How a {@link KubeClient} reaches the API: in the same process ({@code io.everynode.controlplane.InProcessTransport}, no
 * HTTP, the same admission) or over HTTP ({@link HttpTransport}). The client builds the same
 * {@link Request}s for both, so one code path serves both (design.md).
 *
 * <p>Implementations are thread-safe. A transport knows bytes and status codes, not kinds: it
 * never interprets a body.
 */
public interface Transport extends AutoCloseable {

    /** One whole exchange; an answer with any status code is returned, not thrown. */
    Response send(Request request) throws IOException;

    /**
     * Opens a streamed answer (a watch). When the server answers with a non-2xx status the
     * returned {@link Streamed} carries that whole answer and no lines.
     */
    Streamed stream(Request request) throws IOException;

    /** Closes every stream still open; later calls fail. */
    @Override
    void close();

    /**
     * One request.
     *
     * @param method upper-case HTTP method
     * @param path e.g. {@code /api/v1/namespaces/default/pods}, not encoded
     * @param query parameters, not encoded; a parameter may repeat
     * @param contentType media type of {@code body}, or null when there is no body
     * @param body the body, or null
     */
    record Request(String method, String path, Map<String, List<String>> query, String contentType, byte[] body) {
        public Request {
            query = query == null ? Map.of() : query;
        }
    }

    /** A whole answer. */
    record Response(int status, String contentType, byte[] body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * A streamed answer: either {@code lines} (2xx) or the failed answer in {@code failure}.
     * Closing it ends the stream from the client's side.
     */
    record Streamed(Response failure, Lines lines) implements AutoCloseable {
        @Override
        public void close() {
            if (lines != null) lines.close();
        }
    }

    /** The lines of a stream, newline-terminated on the wire. */
    interface Lines extends AutoCloseable {
        /**
         * The next line without its terminator; null at the end of the stream. Blocks until a
         * line arrives. Another thread may {@link #close} to end a blocked read, which then
         * returns null or throws.
         */
        String next() throws IOException;

        @Override
        void close();
    }
}
