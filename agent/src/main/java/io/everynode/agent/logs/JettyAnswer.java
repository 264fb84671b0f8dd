package io.everynode.agent.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/** One log answer over Jetty: a plain-text error, or a 200 whose chunks are written (and flushed) as they come. */
final class JettyAnswer implements LogStreamer.Answer {
    private final Request request;
    private final Response response;
    private volatile boolean clientGone;
    private boolean started;
    private boolean ended;

    JettyAnswer(Request request, Response response) {
        this.request = request;
        this.response = response;
    }

    @Override
    public void error(int status, String message) throws IOException {
        EndpointRoutes.text(response, status, message);
        ended = true;
    }

    @Override
    public LogWriter.Sink begin() throws IOException {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache, private");
        // The connection is not reused: watchForClose() reads from it while the log streams.
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        write(false, new byte[0]);
        started = true;
        watchForClose();
        return bytes -> {
            try {
                write(false, bytes);
            } catch (IOException e) {
                clientGone = true;
                throw e;
            }
        };
    }

    @Override
    public boolean clientGone() {
        return clientGone;
    }

    /** Ends a started 200 (the last, empty chunk); nothing for an error, which ended itself. */
    void end() {
        if (started && !ended) {
            ended = true;
            try {
                write(true, new byte[0]);
            } catch (IOException e) {
                // the client went away
            }
        }
    }

    private void write(boolean last, byte[] bytes) throws IOException {
        try (Blocker.Callback cb = Blocker.callback()) {
            response.write(last, ByteBuffer.wrap(bytes), cb);
            cb.block();
        }
    }

    /**
     * Notices the client closing the connection while a followed log is idle: an HTTP/1.1 client
     * sends nothing during the answer, so any read here is the end of the connection.
     */
    private void watchForClose() {
        EndPoint ep = request.getConnectionMetaData().getConnection().getEndPoint();
        ep.tryFillInterested(Callback.from(
                () -> {
                    try {
                        int n = ep.fill(BufferUtil.allocate(64));
                        if (n < 0) clientGone = true;
                        else if (!clientGone) watchForClose();
                    } catch (IOException e) {
                        clientGone = true;
                    }
                },
                failure -> clientGone = true));
    }
}
