package io.everynode.agent.logs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay, run as a program of its own inside a node's network namespace (see
 * {@link LogEndpoint#relayed}): listens on {@code LISTEN_IP:LISTEN_PORT} and forwards each
 * connection, bytes unchanged in both directions, to {@code TARGET_IP:TARGET_PORT}. It knows
 * nothing of HTTP: what it forwards to is the agent's {@link LogServer}.
 *
 * <pre>
 * java -cp everynode.jar io.everynode.agent.logs.LogRelay LISTEN_IP LISTEN_PORT TARGET_IP TARGET_PORT
 * </pre>
 *
 * <p>Contract with its parent ({@link RelayProcess}): once listening it prints one line
 * {@code listening on IP:PORT} (the port bound, so 0 works) on standard output; it exits when its
 * standard input ends, so it never outlives the agent that started it, even one killed with
 * SIGKILL. Any failure to listen is printed on standard error and exits with status 1.
 * Addresses must be IP literals; nothing is resolved. Two threads per open connection: relays
 * carry the API server's log requests, a handful at a time.
 */
public final class LogRelay {
    private final InetSocketAddress target;

    private LogRelay(InetSocketAddress target) {
        this.target = target;
    }

    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("usage: LogRelay LISTEN_IP LISTEN_PORT TARGET_IP TARGET_PORT");
            System.exit(2);
        }
        ServerSocket server;
        InetSocketAddress target;
        try {
            target = new InetSocketAddress(InetAddress.getByName(args[2]), Integer.parseInt(args[3]));
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getByName(args[0]), Integer.parseInt(args[1])));
        } catch (IOException | RuntimeException e) {
            System.err.println("log relay: cannot listen on " + args[0] + ":" + args[1] + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        exitWhenStdinEnds(System.in);
        PrintStream out = System.out;
        out.println("listening on " + args[0] + ":" + server.getLocalPort());
        out.flush();
        new LogRelay(target).serve(server);
    }

    /** The parent holds our standard input: when it goes (closed, or the parent died), so do we. */
    private static void exitWhenStdinEnds(InputStream in) {
        Thread t = new Thread(
                () -> {
                    try {
                        while (in.read() >= 0) {
                            // nothing is ever sent; only the end matters
                        }
                    } catch (IOException e) {
                        // the same as the end
                    }
                    System.exit(0);
                },
                "log-relay-parent");
        t.setDaemon(true);
        t.start();
    }

    private void serve(ServerSocket server) {
        while (true) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                System.err.println("log relay: accept failed: " + e.getMessage());
                continue;
            }
            Thread t = new Thread(() -> connect(client), "log-relay-connect");
            t.setDaemon(true);
            t.start();
        }
    }

    private void connect(Socket client) {
        Socket upstream = new Socket();
        try {
            upstream.connect(target, 10_000);
        } catch (IOException e) {
            System.err.println("log relay: cannot reach " + target + ": " + e.getMessage());
            closeQuietly(client);
            closeQuietly(upstream);
            return;
        }
        AtomicInteger open = new AtomicInteger(2);
        pump(client, upstream, open);
        pump(upstream, client, open);
    }

    /**
     * Copies {@code from} to {@code to} on a thread of its own; at the end of {@code from} the
     * write side of {@code to} is shut (a half-close passes through); the last pump to end, or
     * any error, closes both sockets.
     */
    private static void pump(Socket from, Socket to, AtomicInteger open) {
        Thread t = new Thread(
                () -> {
                    byte[] buf = new byte[16 * 1024];
                    try {
                        // Not closed on their own: closing a socket's stream closes the socket, both directions.
                        InputStream in = from.getInputStream();
                        OutputStream out = to.getOutputStream();
                        for (int n; (n = in.read(buf)) >= 0; ) {
                            out.write(buf, 0, n);
                            out.flush();
                        }
                        to.shutdownOutput();
                        if (open.decrementAndGet() == 0) {
                            closeQuietly(from);
                            closeQuietly(to);
                        }
                    } catch (IOException e) {
                        closeQuietly(from);
                        closeQuietly(to);
                    }
                },
                "log-relay-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
