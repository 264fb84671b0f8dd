package io.everynode.apiserver.http;

import io.everynode.apiserver.ApiResponse;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * Jetty's side of an {@link ApiResponse.Tunnel}: whole binary messages in, one at a time (the
 * next is read only once the tunnel is done with this one), and sends out through the session.
 * Text messages are not part of the channel protocols and are dropped.
 */
public final class WebSocketTunnel extends Session.Listener.AbstractAutoDemanding {
    private final ApiResponse.Tunnel tunnel;
    private final AtomicBoolean closed = new AtomicBoolean();

    WebSocketTunnel(ApiResponse.Tunnel tunnel) {
        this.tunnel = tunnel;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        super.onWebSocketOpen(session);
        tunnel.opened(new ApiResponse.Peer() {
            @Override
            public CompletableFuture<Void> send(ByteBuffer message) {
                Callback.Completable done = new Callback.Completable();
                session.sendBinary(message, done);
                return done;
            }

            @Override
            public void close() {
                session.close(1000, "", Callback.NOOP);
            }
        });
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        ByteBuffer copy = ByteBuffer.allocate(payload.remaining());
        copy.put(payload).flip();
        tunnel.received(copy, callback::succeed);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        if (closed.compareAndSet(false, true)) tunnel.closed();
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        if (closed.compareAndSet(false, true)) tunnel.closed();
    }
}
