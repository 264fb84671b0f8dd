package io.everynode.apiserver;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Where an answer goes: either one whole body ({@link #send}) or a stream of chunks
 * ({@link #stream}) for watches and followed logs. Exactly one of the two is called per request.
 *
 * <p>A stream may outlive the call that opened it: the answer ends when {@link Stream#close} is
 * called, not when the handler returns. This is what lets a watch hold no thread while it waits.
 */
public interface ApiResponse {

    void send(int status, String contentType, byte[] body);

    /** Adds a response header (e.g. {@code Warning}); call before send or stream. */
    default void header(String name, String value) {}

    /**
     * Adds an annotation to the request's audit event (admission's, via {@code Caller}); call
     * before send or stream. Transports ignore it; the audit log records it.
     */
    default void annotate(String key, String value) {}

    /**
     * Accepts the client's WebSocket upgrade with {@code subprotocol} and hands its binary
     * messages to {@code tunnel} ({@code pods/exec}); instead of send or stream. False when this
     * transport cannot upgrade (the request was no WebSocket upgrade, or the transport has none).
     */
    default boolean upgrade(String subprotocol, Tunnel tunnel) {
        return false;
    }

    /** One accepted WebSocket's incoming side; called one message at a time. */
    interface Tunnel {
        /** The WebSocket is open; {@code client} sends to it. */
        void opened(Peer client);

        /** A whole binary message from the client; {@code done} runs once it is handled (the next one waits). */
        void received(java.nio.ByteBuffer message, Runnable done);

        /** The client closed the WebSocket, or it failed. */
        void closed();
    }

    /** The client's end of an accepted WebSocket. */
    interface Peer {
        /** Sends one binary message; completes when it is written (one send at a time). */
        java.util.concurrent.CompletableFuture<Void> send(java.nio.ByteBuffer message);

        /** Closes the WebSocket normally. */
        void close();
    }

    /** Starts a streamed answer (headers go out at once); chunks follow until {@link Stream#close}. */
    Stream stream(int status, String contentType) throws IOException;

    /**
     * A streamed answer. Writes are either blocking ({@link #write(byte[])}) or asynchronous
     * ({@link #write(byte[], Consumer)}); a caller keeps at most one write in flight and calls
     * {@link #close} only when none is.
     */
    interface Stream extends AutoCloseable {
        /** Blocks until the chunk is handed to the client. */
        void write(byte[] chunk) throws IOException;

        /**
         * Hands the chunk over without blocking; {@code done} runs once it is written (with null)
         * or failed (with the failure), possibly on another thread. The default blocks, for
         * transports that cannot do better.
         */
        default void write(byte[] chunk, Consumer<IOException> done) {
            try {
                write(chunk);
            } catch (IOException e) {
                done.accept(e);
                return;
            }
            done.accept(null);
        }

        /** True while the client is still there to read. */
        boolean isOpen();

        /**
         * Runs {@code listener} (once, on any thread) when the client goes away, so an idle
         * stream learns of it without writing. Transports that cannot tell never call it.
         */
        default void onClientGone(Runnable listener) {}

        /**
         * Tells the transport that this stream may send nothing for up to {@code quiet} (a watch
         * without bookmarks), so that no idle timeout shorter than that ends it.
         */
        default void allowSilence(Duration quiet) {}

        /**
         * Drops the connection at once, failing a write in flight: for a client that stopped
         * reading. The caller still calls {@link #close} once the failed write has reported.
         */
        default void abort() {}

        /** Ends the answer; does not block on a slow client. */
        @Override
        void close();
    }
}
