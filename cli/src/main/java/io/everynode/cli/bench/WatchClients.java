package io.everynode.cli.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many open watches from one thread: raw HTTP/1.1 over non-blocking sockets, the answer (chunked
 * or, on a closing connection, plain) decoded just enough to count change events (lines starting {@code {"type":"ADDED"},
 * MODIFIED or DELETED; bookmarks are not counted). Loopback only.
 */
final class WatchClients implements AutoCloseable {
    private static final byte[][] CHANGES = {
        "{\"type\":\"ADDED\"".getBytes(StandardCharsets.US_ASCII),
        "{\"type\":\"MODIFIED\"".getBytes(StandardCharsets.US_ASCII),
        "{\"type\":\"DELETED\"".getBytes(StandardCharsets.US_ASCII)
    };

    private final InetSocketAddress server;
    private final String host;
    private final Selector selector;
    private final Queue<Conn> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger streaming = new AtomicInteger();
    private final AtomicInteger ended = new AtomicInteger();
    private final AtomicLong events = new AtomicLong();
    private final Thread loop;
    private volatile boolean closed;

    WatchClients(String host, int port) throws IOException {
        this.server = new InetSocketAddress(host, port);
        this.host = host + ":" + port;
        this.selector = Selector.open();
        this.loop = new Thread(this::run, "bench-watch-clients");
        loop.setDaemon(true);
        loop.start();
    }

    /** Opens one watch on {@code pathAndQuery}; it counts once the server answers 200. */
    void open(String pathAndQuery) throws IOException {
        SocketChannel ch = SocketChannel.open();
        ch.configureBlocking(false);
        ch.connect(server);
        String req = "GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + "\r\nAccept: application/json\r\n"
                + "User-Agent: everynode-bench-watch\r\n\r\n";
        pending.add(new Conn(ch, ByteBuffer.wrap(req.getBytes(StandardCharsets.US_ASCII))));
        selector.wakeup();
    }

    /** Watches whose stream has started (answered 200 and not ended). */
    int streaming() {
        return streaming.get();
    }

    /** Watches that ended or failed. */
    int ended() {
        return ended.get();
    }

    /** Change events received across all watches. */
    long events() {
        return events.get();
    }

    private void run() {
        ByteBuffer buf = ByteBuffer.allocateDirect(256 * 1024);
        byte[] bytes = new byte[buf.capacity()];
        while (!closed) {
            try {
                selector.select(200);
                Conn c;
                while ((c = pending.poll()) != null) c.ch.register(selector, SelectionKey.OP_CONNECT, c);
                for (SelectionKey k : selector.selectedKeys()) {
                    Conn conn = (Conn) k.attachment();
                    try {
                        if (k.isConnectable() && conn.ch.finishConnect()) k.interestOps(SelectionKey.OP_WRITE);
                        if (k.isValid() && k.isWritable()) {
                            conn.ch.write(conn.request);
                            if (!conn.request.hasRemaining()) k.interestOps(SelectionKey.OP_READ);
                        }
                        if (k.isValid() && k.isReadable()) {
                            buf.clear();
                            int n = conn.ch.read(buf);
                            if (n < 0) {
                                end(conn, k);
                            } else {
                                buf.flip();
                                buf.get(bytes, 0, n);
                                conn.consume(bytes, n);
                            }
                        }
                    } catch (IOException e) {
                        end(conn, k);
                    }
                }
                selector.selectedKeys().clear();
            } catch (IOException e) {
                if (!closed) throw new UncheckedIOException(e);
            }
        }
    }

    private void end(Conn conn, SelectionKey k) {
        k.cancel();
        try {
            conn.ch.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        if (conn.started) streaming.decrementAndGet();
        ended.incrementAndGet();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        selector.wakeup();
        try {
            loop.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SelectionKey k : selector.keys()) k.channel().close();
        selector.close();
    }

    /** One watch connection: response headers, then a chunked body of event lines. */
    private final class Conn {
        private static final int MATCH = 20;
        final SocketChannel ch;
        final ByteBuffer request;
        boolean started;
        private final StringBuilder head = new StringBuilder();
        private boolean inBody;
        private boolean chunked;
        // chunked decoding
        private long chunkLeft = -1; // -1: reading a size line
        private long size;
        private boolean sizeDone;
        private int crlfToSkip;
        // line start matching
        private final byte[] lineStart = new byte[MATCH];
        private int lineLen;
        private boolean counted;

        Conn(SocketChannel ch, ByteBuffer request) {
            this.ch = ch;
            this.request = request;
        }

        void consume(byte[] b, int n) {
            int i = 0;
            while (!inBody && i < n) {
                head.append((char) b[i++]);
                int len = head.length();
                if (len >= 4
                        && head.charAt(len - 1) == '\n'
                        && head.charAt(len - 2) == '\r'
                        && head.charAt(len - 3) == '\n') {
                    inBody = true;
                    // With "Connection: close" the server may send the body as is, not chunked.
                    chunked = head.toString().toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked");
                    if (head.indexOf("HTTP/1.1 200") == 0) {
                        started = true;
                        streaming.incrementAndGet();
                    }
                }
            }
            for (; i < n; i++) {
                byte x = b[i];
                if (!chunked) {
                    bodyByte(x);
                } else if (crlfToSkip > 0) {
                    crlfToSkip--;
                } else if (chunkLeft < 0) { // size line: hex digits, optional extensions, CRLF
                    if (x == '\n') {
                        chunkLeft = size;
                        size = 0;
                        sizeDone = false;
                        if (chunkLeft == 0) chunkLeft = -1; // last chunk; the trailer's CRLF is read as a size line
                    } else if (!sizeDone && Character.digit(x, 16) >= 0) {
                        size = size * 16 + Character.digit(x, 16);
                    } else {
                        sizeDone = true;
                    }
                } else {
                    bodyByte(x);
                    if (--chunkLeft == 0) {
                        chunkLeft = -1;
                        crlfToSkip = 2;
                    }
                }
            }
        }

        private void bodyByte(byte x) {
            if (x == '\n') {
                lineLen = 0;
                counted = false;
                return;
            }
            if (counted || lineLen >= MATCH) return;
            lineStart[lineLen++] = x;
            for (byte[] c : CHANGES) {
                if (lineLen == c.length && startsWith(c)) {
                    events.incrementAndGet();
                    counted = true;
                }
            }
        }

        private boolean startsWith(byte[] c) {
            for (int j = 0; j < c.length; j++) if (lineStart[j] != c[j]) return false;
            return true;
        }
    }
}
