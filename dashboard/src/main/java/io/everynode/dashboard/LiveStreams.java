package io.everynode.dashboard;

import io.everynode.client.ApiError;
import io.everynode.client.KubeClient;
import io.everynode.dashboard.fleet.LiveStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;

/**
 * Serves a {@link LiveStream} on one response: the grid's {@code api/fleet} and the cluster
 * view's {@code api/cluster}. The stream's start reads as the caller; a refusal answers the API's
 * own Status and nothing is streamed. Then the headers go at once (the browser sees the stream
 * open), and the flusher sends a batch every {@link DashboardConfig#flushEvery()} through a
 * {@link LineWriter}, which never blocks the flusher on a slow browser.
 *
 * <p>Lifecycle: the handler's; {@link #stopAll()} ends every open stream when the front stops.
 */
final class LiveStreams {
    /**
     * How far a browser may fall behind before it is dropped (it reconnects for a fresh
     * snapshot): a few snapshots of a 5000-node grid.
     */
    static final long MAX_QUEUED_BYTES = 16L * 1024 * 1024;

    private final DashboardConfig config;
    private final Set<LiveStream> open = ConcurrentHashMap.newKeySet();

    LiveStreams(DashboardConfig config) {
        this.config = config;
    }

    /**
     * @param caller closed with the stream, or here when the start is refused
     * @param opener makes the stream from its sink and the flushes-per-ping count
     * @param what what the stream reads, for a 503's message ("the fleet")
     */
    void serve(
            Response response,
            Callback callback,
            ScheduledExecutorService flusher,
            KubeClient caller,
            BiFunction<LiveStream.Sink, Integer, LiveStream> opener,
            String what) {
        ScheduledFuture<?>[] task = new ScheduledFuture<?>[1];
        LiveStream[] self = new LiveStream[1];
        int flushesPerPing =
                (int) (config.keepAliveEvery().toMillis() / config.flushEvery().toMillis());
        LiveStream stream = opener.apply(
                new LineWriter(response::write, callback, MAX_QUEUED_BYTES, () -> {
                    open.remove(self[0]);
                    if (task[0] != null) task[0].cancel(false);
                }),
                flushesPerPing);
        self[0] = stream;
        try {
            stream.start();
        } catch (ApiError e) {
            caller.close();
            Replies.failure(response, callback, e);
            return;
        } catch (RuntimeException e) {
            caller.close();
            Replies.failure(
                    response, callback, 503, "ServiceUnavailable", "cannot read " + what + ": " + e.getMessage(), null);
            return;
        }
        open.add(stream);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/x-ndjson");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        try (Blocker.Callback cb = Blocker.callback()) {
            response.write(false, ByteBuffer.allocate(0), cb); // the headers now: the browser sees the stream open
            cb.block();
        } catch (IOException e) {
            stream.close();
            return;
        }
        long every = config.flushEvery().toMillis();
        task[0] = flusher.scheduleWithFixedDelay(stream::flush, 0, every, TimeUnit.MILLISECONDS);
        if (stream.isClosed()) task[0].cancel(false);
    }

    void stopAll() {
        for (LiveStream s : Set.copyOf(open)) s.close();
    }
}
