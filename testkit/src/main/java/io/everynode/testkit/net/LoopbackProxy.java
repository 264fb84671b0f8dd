package io.everynode.testkit.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP forwarder on a loopback port to a loopback target: a second front for one API server,
 * which a test stops to play a server that died (open connections cut, new ones refused),
 * freezes to play one that hangs, or cuts off for a while to play a network that drops (TLS
 * passes through untouched: the client still talks to the server it trusts).
 */
public final class LoopbackProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final CountDownLatch gone = new CountDownLatch(1);
    private volatile boolean closed;
    private volatile boolean frozen;
    private volatile boolean cutOff;

    public LoopbackProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "proxy-" + listener.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    /** {@code http://127.0.0.1:PORT}: swap the scheme for a TLS target. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /** Connections accepted so far. */
    public int accepted() {
        return accepted.get();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                if (cutOff) { // the connection opens and drops at once, as through a dead link
                    closeQuietly(client);
                    continue;
                }
                if (frozen) { // the kernel accepts for a stopped process; nobody reads or answers
                    open.add(client);
                    continue;
                }
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                accepted.incrementAndGet();
                open.add(client);
                open.add(server);
                if (closed) {
                    client.close();
                    server.close();
                    return;
                }
                pump(client, server);
                pump(server, client);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(
                () -> {
                    byte[] buffer = new byte[16 * 1024];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        for (int n; (n = in.read(buffer)) >= 0; ) {
                            if (frozen) {
                                gone.await();
                                return;
                            }
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    } catch (IOException e) {
                        // one side went away: end both
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                    }
                },
                "proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Plays a server whose process is stopped (SIGSTOP) or whose host is cut off without a reset:
     * its connections stay open and new ones are accepted, but nothing is relayed any more in
     * either direction, until {@link #close}.
     */
    public void freeze() {
        frozen = true;
    }

    /**
     * Plays a network that drops: every open connection is cut, and until {@link #restore} each
     * new one is closed as soon as it opens. The port stays the same.
     */
    public void cutOff() {
        cutOff = true;
        for (Socket s : open) closeQuietly(s);
        open.clear();
    }

    /** Ends {@link #cutOff}: new connections are relayed again. */
    public void restore() {
        cutOff = false;
    }

    /** Stops listening and cuts every open connection, as a server that dies. */
    @Override
    public void close() {
        closed = true;
        gone.countDown();
        closeQuietly(listener);
        for (Socket s : open) closeQuietly(s);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }
}
