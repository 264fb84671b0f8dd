package io.everynode.agent.portforward;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One connection kubectl forwards (one {@code requestID}): its error stream and data stream, and
 * the TCP connection to the pod's port. What kubectl sends on the data stream goes to the pod in
 * order (queued, so a slow pod holds up only this connection's writer thread); what the pod sends
 * goes out on the data stream, and its end as the data stream's FIN. Once the pod's side has
 * ended, or kubectl reset the data stream, the error stream ends (FIN), empty: kubectl waits for
 * that before it lets the connection go. A connection that cannot be made puts the kubelet's
 * message on the error stream instead, as plain text (kubectl 1.35 prints what it reads there
 * after "an error occurred forwarding L -> R: ", then ends the session).
 */
final class ForwardedConnection {
    /** Sends a frame on the session, in order with every other frame. */
    interface FrameSink {
        void send(SpdyFrame frame) throws IOException;
    }

    private static final int CHUNK = 32 * 1024;
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final byte[] END = new byte[0];
    private static final byte[] CLOSE = new byte[0];

    private final String requestId;
    private final int port;
    private final String podName;
    private final FrameSink sink;
    private final BlockingQueue<byte[]> toPod = new LinkedBlockingQueue<>();
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile int errorStream, dataStream;
    private volatile boolean reset;
    private volatile Socket socket;

    /** @param podName how messages name the pod: {@code namespace/name, uid U} */
    ForwardedConnection(String requestId, int port, String podName, FrameSink sink) {
        this.requestId = requestId;
        this.port = port;
        this.podName = podName;
        this.sink = sink;
    }

    String requestId() {
        return requestId;
    }

    /** Records the stream of {@code type}; true once both streams are known (the connection can start). */
    synchronized boolean add(String type, int streamId) {
        if ("error".equals(type)) errorStream = streamId;
        else dataStream = streamId;
        return errorStream != 0 && dataStream != 0;
    }

    boolean isDataStream(int streamId) {
        return streamId == dataStream;
    }

    /** Connects to {@code address} and relays, on threads of its own; returns at once. */
    void start(InetSocketAddress address) {
        daemon("portforward-" + port + "-" + requestId, () -> run(address));
    }

    /** Ends the connection at once with {@code reason} on the error stream (the pod's ports cannot be reached). */
    void refuse(String reason) {
        finish(("error forwarding port " + port + " to pod " + podName + ": " + reason)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try {
            sink.send(new SpdyFrame.Data(dataStream, true, new byte[0]));
        } catch (IOException ignored) {
            // kubectl is gone
        }
    }

    /** Bytes kubectl sent on the data stream; {@code fin}: it sends no more (the pod's side is half-closed). */
    void fromClient(byte[] data, boolean fin) {
        if (data.length > 0) toPod.add(data);
        if (fin) toPod.add(END);
    }

    /** kubectl reset the data stream, or the session ended: drops the connection to the pod. */
    void reset() {
        reset = true;
        toPod.add(CLOSE);
        closeSocket();
    }

    private void run(InetSocketAddress address) {
        Socket s = new Socket();
        try {
            s.connect(address, CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            closeQuietly(s);
            fail(address, e);
            return;
        }
        socket = s;
        if (reset) closeSocket();
        daemon("portforward-" + port + "-" + requestId + "-read", this::podToClient);
        clientToPod(s);
    }

    private void clientToPod(Socket s) {
        try {
            OutputStream out = s.getOutputStream();
            while (true) {
                byte[] next = toPod.take();
                if (next == CLOSE) return;
                if (next == END) {
                    s.shutdownOutput();
                    return;
                }
                out.write(next);
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the pod closed its side: what kubectl still sends is dropped
        }
    }

    private void podToClient() {
        byte[] buffer = new byte[CHUNK];
        try (InputStream in = socket.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (n > 0 && !reset) sink.send(new SpdyFrame.Data(dataStream, false, Arrays.copyOf(buffer, n)));
            }
        } catch (IOException e) {
            // the pod reset the connection, or kubectl went away
        }
        try {
            if (!reset) sink.send(new SpdyFrame.Data(dataStream, true, new byte[0]));
        } catch (IOException e) {
            // kubectl is gone
        }
        toPod.add(CLOSE);
        closeSocket();
        finish(null);
    }

    private void fail(InetSocketAddress address, IOException e) {
        String reason = e.getMessage() == null ? e.toString() : e.getMessage().toLowerCase(Locale.ROOT);
        String message = "error forwarding port " + port + " to pod " + podName + ": dial tcp "
                + address.getAddress().getHostAddress() + ":" + address.getPort() + ": connect: " + reason;
        finish(message.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try {
            sink.send(new SpdyFrame.Data(dataStream, true, new byte[0]));
        } catch (IOException ignored) {
            // kubectl is gone
        }
    }

    /** Ends the error stream once, with {@code error} on it first when there is one. */
    private void finish(byte[] error) {
        if (!finished.compareAndSet(false, true)) return;
        try {
            if (error != null) sink.send(new SpdyFrame.Data(errorStream, false, error));
            sink.send(new SpdyFrame.Data(errorStream, true, new byte[0]));
        } catch (IOException e) {
            // kubectl is gone
        }
    }

    private void closeSocket() {
        Socket s = socket;
        if (s != null) closeQuietly(s);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }
}
