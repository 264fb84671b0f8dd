package io.everynode.controlplane;

import io.everynode.apiserver.ApiRequest;
import io.everynode.apiserver.ApiResponse;
import io.everynode.apiserver.ApiServer;
import io.everynode.apiserver.auth.UserInfo;
import io.everynode.client.ClientConfig;
import io.everynode.client.KubeClient;
import io.everynode.client.Transport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Calls an {@link ApiServer} in the same process: each request becomes an {@link ApiRequest}
 * handed to {@link ApiServer#handle}, so it meets the same routing, admission and storage as
 * one that came over HTTP, without sockets or a second encoding step.
 *
 * <p>Whole exchanges run on the caller's thread. A stream runs the server's handler on a thread
 * of its own (a followed log blocks it for its whole life; a watch returns at once and goes on
 * writing from the server's watch dispatch) and hands chunks over through a bounded pipe;
 * closing the stream tells the server and interrupts that thread.
 */
public final class InProcessTransport implements Transport {
    private final ApiServer api;
    private final String userAgent;
    private final UserInfo user;
    private final Set<Transport.Lines> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong streams = new AtomicLong();
    private volatile boolean closed;

    public InProcessTransport(ApiServer api) {
        this(api, ClientConfig.defaults().userAgent());
    }

    /** Requests go as the server's own loopback identity ({@link UserInfo#APISERVER}). */
    public InProcessTransport(ApiServer api, String userAgent) {
        this(api, userAgent, UserInfo.APISERVER);
    }

    /**
     * @param user who every request is from: trusted as it is, since only code in the server's
     *     process can construct this transport
     */
    public InProcessTransport(ApiServer api, String userAgent, UserInfo user) {
        this.api = api;
        this.userAgent = userAgent;
        this.user = java.util.Objects.requireNonNull(user);
    }

    /** A client that calls {@code api} in this process, with default settings and the system clock. */
    public static KubeClient client(ApiServer api) {
        return new KubeClient(new InProcessTransport(api), ClientConfig.defaults(), Clock.systemUTC());
    }

    /** A client that calls {@code api} in this process as {@code user}. */
    public static KubeClient client(ApiServer api, UserInfo user) {
        return new KubeClient(
                new InProcessTransport(api, ClientConfig.defaults().userAgent(), user),
                ClientConfig.defaults(),
                Clock.systemUTC());
    }

    @Override
    public Response send(Request request) throws IOException {
        checkOpen();
        Capture capture = new Capture();
        api.handle(toApi(request), capture);
        return capture.response();
    }

    @Override
    public Streamed stream(Request request) throws IOException {
        checkOpen();
        CompletableFuture<Object> first = new CompletableFuture<>();
        ApiRequest req = toApi(request);
        ChunkPipe[] pipe = new ChunkPipe[1];
        Runnable body = () -> {
            try {
                api.handle(req, new ApiResponse() {
                    @Override
                    public void send(int status, String contentType, byte[] bytes) {
                        first.complete(new Response(status, contentType, bytes));
                    }

                    @Override
                    public ApiResponse.Stream stream(int status, String contentType) {
                        ChunkPipe p = new ChunkPipe(Thread.currentThread());
                        pipe[0] = p;
                        first.complete(p);
                        return p.serverEnd();
                    }
                });
            } catch (RuntimeException e) {
                // A stream the handler opened and then failed would never end: end it here.
                if (pipe[0] != null) pipe[0].finish();
                first.completeExceptionally(e);
            } finally {
                // A stream ends when the server closes it, which may be after the handler
                // returned (a watch runs on the server's dispatch, not on this thread).
                first.complete(new Response(
                        500, "text/plain", "the server answered nothing".getBytes(StandardCharsets.UTF_8)));
            }
        };
        Thread serving = new Thread(body, "inprocess-stream-" + streams.incrementAndGet());
        serving.setDaemon(true);
        serving.start();
        Object answer;
        try {
            answer = first.get();
        } catch (InterruptedException e) {
            serving.interrupt();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while opening a stream");
        } catch (ExecutionException e) {
            throw new IOException("the in-process server failed: " + e.getCause(), e.getCause());
        }
        if (answer instanceof Response r) {
            if (!r.ok()) return new Streamed(r, null);
            // A whole answer to a streamed request: its body is the stream.
            ChunkPipe p = new ChunkPipe(null);
            ApiResponse.Stream w = p.serverEnd();
            w.write(r.body());
            w.close();
            return new Streamed(null, p.clientEnd());
        }
        Transport.Lines lines = tracked(((ChunkPipe) answer).clientEnd());
        if (closed) lines.close();
        return new Streamed(null, lines);
    }

    private Transport.Lines tracked(Transport.Lines lines) {
        Transport.Lines t = new Transport.Lines() {
            @Override
            public String next() throws IOException {
                return lines.next();
            }

            @Override
            public void close() {
                open.remove(this);
                lines.close();
            }
        };
        open.add(t);
        return t;
    }

    @Override
    public void close() {
        closed = true;
        for (Transport.Lines l : List.copyOf(open)) l.close();
    }

    private void checkOpen() throws IOException {
        if (closed) throw new IOException("the transport is closed");
    }

    private ApiRequest toApi(Request r) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("accept", "application/json");
        headers.put("user-agent", userAgent);
        if (r.contentType() != null) headers.put("content-type", r.contentType());
        return new ApiRequest(r.method(), r.path(), r.query(), headers, r.body(), List.of(), user);
    }

    /** Collects one whole answer; a streamed answer to a whole request is gathered into a body. */
    private static final class Capture implements ApiResponse {
        private Response response;

        @Override
        public void send(int status, String contentType, byte[] body) {
            response = new Response(status, contentType, body);
        }

        @Override
        public ApiResponse.Stream stream(int status, String contentType) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            response = new Response(status, contentType, new byte[0]);
            return new ApiResponse.Stream() {
                private boolean open = true;

                @Override
                public void write(byte[] chunk) {
                    buf.write(chunk, 0, chunk.length);
                }

                @Override
                public boolean isOpen() {
                    return open;
                }

                @Override
                public void close() {
                    open = false;
                    response = new Response(status, contentType, buf.toByteArray());
                }
            };
        }

        Response response() throws IOException {
            if (response == null) throw new IOException("the in-process server answered nothing");
            return response;
        }
    }
}
