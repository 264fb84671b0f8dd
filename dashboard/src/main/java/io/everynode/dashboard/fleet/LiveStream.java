package io.everynode.dashboard.fleet;

import java.io.IOException;

/**
 * One browser's live view (the grid's {@link FleetStream}, the cluster view's
 * {@code cluster.ClusterStream}): informers that only mark what changed, and a flush that sends
 * it as newline-delimited JSON lines to a {@link Sink}.
 *
 * <p>Contract: {@link #start()} checks the caller's reads and throws the API's refusal before
 * anything is streamed; {@link #flush()} is called by one scheduler thread at a time; a failed
 * write closes the stream; {@link #close()} is idempotent and ends the sink once.
 */
public interface LiveStream extends AutoCloseable {
    /** Where the lines go; a write that fails means the browser is gone. */
    interface Sink {
        void line(String json) throws IOException;

        /** The stream ended (its object went, the browser left, or the server stops). */
        void end();
    }

    /** @throws io.everynode.client.ApiError the API's refusal (403, 404 …) */
    void start();

    void flush();

    boolean isClosed();

    @Override
    void close();
}
