package io.everynode.agent.portforward;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One {@code kubectl port-forward}'s WebSocket, carrying a SPDY/3.1 session as a byte stream
 * (message boundaries mean nothing). kubectl opens two streams per forwarded connection, headers
 * {@code streamtype} ({@code error} or {@code data}), {@code port} and {@code requestid}; each
 * gets a SYN_REPLY, and once a request has both a {@link ForwardedConnection} connects to the
 * pod's port. kubectl's PINGs are echoed; a GOAWAY, a broken frame or the WebSocket's close ends
 * every connection. Frames go out one at a time, each encoded just before it is sent (header
 * blocks share one zlib stream).
 */
public final class PortForwardSession extends Session.Listener.AbstractAutoDemanding {
    private final InetAddress pod;
    private final String refusal;
    private final String podName;
    private final SpdyFrameReader reader = new SpdyFrameReader();
    private final SpdyFrameWriter writer = new SpdyFrameWriter();
    private final io.everynode.agent.stream.BinarySender sender = new io.everynode.agent.stream.BinarySender();
    /** By request id. */
    private final Map<String, ForwardedConnection> connections = new ConcurrentHashMap<>();
    /** By stream id: the connection the stream belongs to. */
    private final Map<Integer, ForwardedConnection> streams = new ConcurrentHashMap<>();

    /**
     * @param pod where the pod's ports are reached; null when they cannot be
     * @param refusal why they cannot be (with a null {@code pod}): every connection is refused so
     * @param podName how messages name the pod
     */
    PortForwardSession(InetAddress pod, String refusal, String podName) {
        this.pod = pod;
        this.refusal = refusal;
        this.podName = podName;
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        try {
            List<SpdyFrame> frames = reader.feed(payload);
            for (SpdyFrame frame : frames) handle(frame);
        } catch (SpdyProtocolException e) {
            end(new SpdyFrame.GoAway(0, 1));
        } catch (IOException e) {
            end(null);
        }
        callback.succeed();
    }

    private void handle(SpdyFrame frame) throws IOException {
        if (frame instanceof SpdyFrame.SynStream s) {
            opened(s);
        } else if (frame instanceof SpdyFrame.Data d) {
            ForwardedConnection c = streams.get(d.streamId());
            if (c != null && c.isDataStream(d.streamId())) c.fromClient(d.payload(), d.fin());
        } else if (frame instanceof SpdyFrame.RstStream r) {
            ForwardedConnection c = streams.get(r.streamId());
            if (c != null && c.isDataStream(r.streamId())) {
                c.reset(); // kubectl is done with the connection: forget its streams
                streams.values().removeIf(v -> v == c);
            }
        } else if (frame instanceof SpdyFrame.Ping p) {
            if ((p.id() & 1) == 1) send(p); // the client's (odd) pings are echoed
        } else if (frame instanceof SpdyFrame.GoAway) {
            end(null);
        }
        // SYN_REPLY, WINDOW_UPDATE, SETTINGS, HEADERS: nothing to do (no streams of ours; no flow control)
    }

    /** A new stream: replied to, then filed under its request; a malformed one is reset. */
    private void opened(SpdyFrame.SynStream s) throws IOException {
        String type = s.headers().get("streamtype");
        String requestId = s.headers().get("requestid");
        int port = port(s.headers().get("port"));
        if (!("error".equals(type) || "data".equals(type)) || port <= 0 || requestId == null) {
            send(new SpdyFrame.RstStream(s.streamId(), SpdyFrame.PROTOCOL_ERROR));
            return;
        }
        send(new SpdyFrame.SynReply(s.streamId(), false, Map.of()));
        ForwardedConnection c =
                connections.computeIfAbsent(requestId, id -> new ForwardedConnection(id, port, podName, this::send));
        streams.put(s.streamId(), c);
        if (c.add(type, s.streamId())) {
            connections.remove(requestId);
            if (pod == null) c.refuse(refusal);
            else c.start(new InetSocketAddress(pod, port));
        }
    }

    /** The port a stream names, or -1 when it names none in 1..65535. */
    static int port(String header) {
        try {
            int p = Integer.parseInt(header == null ? "" : header.strip());
            return p > 0 && p <= 65535 ? p : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void send(SpdyFrame frame) throws IOException {
        // encoded and sent under one lock: the header compressor's state follows the frames' order
        synchronized (writer) {
            sender.send(getSession(), ByteBuffer.wrap(writer.encode(frame)));
        }
    }

    /** Ends the session: {@code last} (a GOAWAY) first when given, then the WebSocket's close. */
    private void end(SpdyFrame last) {
        try {
            if (last != null) send(last);
        } catch (IOException e) {
            // the client is gone
        }
        getSession().close(1000, "", Callback.NOOP);
        abandon();
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        abandon();
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        abandon();
    }

    /** Drops every connection to the pod: nobody forwards them any more. */
    private void abandon() {
        streams.values().stream().distinct().forEach(ForwardedConnection::reset);
        streams.clear();
        connections.clear();
    }
}
