package io.everynode.agent.stream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * Sends a session's binary WebSocket messages one at a time, each call returning once its
 * message was written: several threads (a process's stdout and stderr readers, a status) share
 * one session, and Jetty allows one outstanding send at a time. A failed or interrupted send is
 * an {@link IOException}: the client went away.
 */
public final class BinarySender {
    private final Object lock = new Object();

    /** Sends {@code message} on {@code session} and waits until it is written. */
    public void send(Session session, ByteBuffer message) throws IOException {
        synchronized (lock) {
            Callback.Completable done = new Callback.Completable();
            session.sendBinary(message, done);
            try {
                done.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } catch (ExecutionException e) {
                throw new IOException(e.getCause());
            }
        }
    }

    /** A channel frame of the {@code v4/v5.channel.k8s.io} protocols: the channel's byte, then {@code data}. */
    static ByteBuffer channelFrame(byte channel, byte[] data) {
        ByteBuffer frame = ByteBuffer.allocate(data.length + 1);
        frame.put(channel).put(data).flip();
        return frame;
    }
}
