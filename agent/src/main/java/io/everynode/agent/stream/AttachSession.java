package io.everynode.agent.stream;

import io.everynode.agent.Attachment;
import io.everynode.agent.logs.ContainerPath;
import io.everynode.agent.logs.OutputFollower;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One attach's WebSocket: the container's output from now on (followed from its log by an
 * {@link OutputFollower}) goes out on channel 1 (stdout) or 2 (stderr, where the log tells them
 * apart), stdin frames (channel 0) are written into the container's stdin FIFO, resize frames
 * (channel 4) set its terminal's size. When the container's instance ends, a Success
 * {@code Status} goes out on channel 3 and the session closes, as the kubelet ends an attach.
 * A client that goes away leaves the container running: attach never stops what it attached to.
 * Sends are serialized: one frame at a time.
 */
public final class AttachSession extends Session.Listener.AbstractAutoDemanding {
    private final ContainerPath container;
    private final Attachment attachment;
    private final OutputFollower output;
    private final boolean stdin, stdout, stderr, tty;
    private final BinarySender sender = new BinarySender();
    private volatile boolean gone;
    /**
     * Opened once the output follower knows where "now" is in the log: stdin waits for it, so the
     * container's answer to what a client types is never written before the follower looks.
     */
    private final java.util.concurrent.CountDownLatch following = new java.util.concurrent.CountDownLatch(1);
    /** The FIFO opened for writing, on the first stdin frame; null before and after. */
    private FileChannel fifo;

    AttachSession(
            ContainerPath container,
            Attachment attachment,
            OutputFollower output,
            boolean stdin,
            boolean stdout,
            boolean stderr,
            boolean tty) {
        this.container = container;
        this.attachment = attachment;
        this.output = output;
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
        this.tty = tty;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        super.onWebSocketOpen(session);
        Thread t = new Thread(
                () -> {
                    try {
                        String refused = output.follow(
                                container.namespace(),
                                container.pod(),
                                container.container(),
                                this::out,
                                () -> gone,
                                following::countDown);
                        if (!gone)
                            send(
                                    ExecSession.ERROR,
                                    refused == null ? ExecStatus.success() : ExecStatus.failure(refused));
                    } catch (IOException e) {
                        // the client is gone: nothing to tell it
                    }
                    session.close(1000, "", Callback.NOOP);
                },
                "attach-output");
        t.setDaemon(true);
        t.start();
    }

    /** Output of the container: stderr on its channel when asked for (never with a TTY), else with stdout. */
    private void out(String stream, byte[] bytes) throws IOException {
        boolean err = "stderr".equals(stream) && stderr && !tty;
        if (err) send(ExecSession.STDERR, bytes);
        else if (stdout) send(ExecSession.STDOUT, bytes);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        if (payload.remaining() > 0) {
            byte channel = payload.get();
            try {
                if (channel == ExecSession.STDIN && stdin) {
                    write(payload);
                } else if (channel == ExecSession.CLOSE
                        && payload.remaining() > 0
                        && payload.get() == ExecSession.STDIN) {
                    closeStdin();
                } else if (channel == ExecSession.RESIZE && tty) {
                    resize(payload);
                }
            } catch (IOException e) {
                // the container's FIFO is gone with it: what the client still sends is dropped
            }
        }
        callback.succeed();
    }

    /**
     * Writes into the FIFO, opened read-write so that opening never waits for a reader (the
     * supervisor holds the container's end; when the container is gone, the session ends anyway).
     */
    private synchronized void write(ByteBuffer data) throws IOException {
        if (attachment.stdin().isEmpty()) return;
        try {
            // bounded: a follower that never positions (it cannot read the log) must not hold stdin forever
            following.await(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (fifo == null)
            fifo = FileChannel.open(attachment.stdin().get(), StandardOpenOption.READ, StandardOpenOption.WRITE);
        while (data.hasRemaining()) fifo.write(data);
    }

    /**
     * The client's end of stdin: this attach writes no more. The container does not see end of
     * input (the FIFO stays open for the next attach), so {@code stdinOnce} is not modelled.
     */
    private synchronized void closeStdin() {
        if (fifo == null) return;
        try {
            fifo.close();
        } catch (IOException e) {
            // closed anyway
        }
        fifo = null;
    }

    /** A resize message, {@code {"Width":W,"Height":H}}, applied to the container's terminal. */
    private void resize(ByteBuffer payload) {
        byte[] json = new byte[payload.remaining()];
        payload.get(json);
        tools.jackson.databind.JsonNode size;
        try {
            size = io.everynode.api.json.Json.parse(json);
        } catch (RuntimeException e) {
            return; // not a size: nothing to do
        }
        int width = size.path("Width").asInt(0), height = size.path("Height").asInt(0);
        if (width > 0 && height > 0) attachment.resize(width, height);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        gone = true;
        closeStdin();
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        gone = true;
        closeStdin();
    }

    private void send(byte channel, byte[] data) throws IOException {
        sender.send(getSession(), BinarySender.channelFrame(channel, data));
    }
}
