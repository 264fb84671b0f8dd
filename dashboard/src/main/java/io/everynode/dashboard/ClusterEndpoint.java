package io.everynode.dashboard;

import io.everynode.client.ApiError;
import io.everynode.client.KubeClient;
import io.everynode.dashboard.cluster.ClusterStream;
import io.everynode.dashboard.cluster.EventFilter;
import io.everynode.dashboard.fleet.FleetStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * {@code api/cluster?kind=&namespace=&name=}: the cluster view's live stream (newline-delimited
 * JSON, cluster.ClusterMessages) for the caller, the events filtered by the involved object the
 * query names (every part optional). A caller who may not list nodes gets the API's 403 Status.
 *
 * <p>Lifecycle: the handler's; {@link #stopAll()} ends every open stream when the front stops.
 */
final class ClusterEndpoint {
    private final DashboardConfig config;
    private final CallerClients callers;
    private final Set<ClusterStream> streams = ConcurrentHashMap.newKeySet();

    ClusterEndpoint(DashboardConfig config, CallerClients callers) {
        this.config = config;
        this.callers = callers;
    }

    void stopAll() {
        for (ClusterStream s : Set.copyOf(streams)) s.close();
    }

    void serve(Request request, Response response, Callback callback, ScheduledExecutorService flusher) {
        Fields q = Request.extractQueryParameters(request);
        EventFilter filter = new EventFilter(q.getValue("kind"), q.getValue("namespace"), q.getValue("name"));
        KubeClient caller = callers.forCaller(request);
        ScheduledFuture<?>[] task = new ScheduledFuture<?>[1];
        ClusterStream[] self = new ClusterStream[1];
        int flushesPerPing =
                (int) (config.keepAliveEvery().toMillis() / config.flushEvery().toMillis());
        ClusterStream stream = new ClusterStream(
                caller,
                filter,
                new FleetStream.Sink() {
                    @Override
                    public void line(String json) throws IOException {
                        try (Blocker.Callback cb = Blocker.callback()) {
                            response.write(false, ByteBuffer.wrap(Replies.utf8(json + "\n")), cb);
                            cb.block();
                        }
                    }

                    @Override
                    public void end() {
                        streams.remove(self[0]);
                        if (task[0] != null) task[0].cancel(false);
                        response.write(true, ByteBuffer.allocate(0), callback);
                    }
                },
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
                    response, callback, 503, "ServiceUnavailable", "cannot read the cluster: " + e.getMessage(), null);
            return;
        }
        streams.add(stream);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/x-ndjson");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        try (Blocker.Callback cb = Blocker.callback()) {
            response.write(false, ByteBuffer.allocate(0), cb);
            cb.block();
        } catch (IOException e) {
            stream.close();
            return;
        }
        long every = config.flushEvery().toMillis();
        task[0] = flusher.scheduleWithFixedDelay(stream::flush, 0, every, TimeUnit.MILLISECONDS);
        if (stream.isClosed()) task[0].cancel(false);
    }
}
