package io.everynode.apiserver;

import java.io.IOException;

/**
 * Where an answer goes: either one whole body ({@link #send}) or a stream of chunks
 * ({@link #stream}) for watches and followed logs. Exactly one of the two is called per request.
 */
public interface ApiResponse {

    void send(int status, String contentType, byte[] body);

    /** Adds a response header (e.g. {@code Warning}); call before send or stream. */
    default void header(String name, String value) {}

    /** Starts a streamed answer; the caller writes chunks until done, then closes the stream. */
    Stream stream(int status, String contentType) throws IOException;

    /** A streamed answer. {@link #write} blocks until the chunk is handed to the client. */
    interface Stream extends AutoCloseable {
        void write(byte[] chunk) throws IOException;

        /** True while the client is still there to read. */
        boolean isOpen();

        @Override
        void close();
    }
}
