package io.everynode.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP peer on loopback that plays a hung server: it accepts every connection and then either
 * never answers, or answers a request with a 200 chunked stream holding one line and then says
 * nothing more, keeping the connection open until {@link #close}.
 */
final class SilentPeer implements AutoCloseable {
    private final ServerSocket listener;
    private final String firstLine;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    /** @param firstLine the one line of the answer; null: never answer at all */
    SilentPeer(String firstLine) throws IOException {
        this.firstLine = firstLine;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "silent-peer-" + listener.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    private void accept() {
        while (true) {
            Socket s;
            try {
                s = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            open.add(s);
            if (firstLine != null) answer(s);
        }
    }

    private void answer(Socket s) {
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            for (String l = in.readLine(); l != null && !l.isEmpty(); l = in.readLine()) {
                // the request's head; a GET has no body
            }
            byte[] chunk = (firstLine + "\n").getBytes(StandardCharsets.UTF_8);
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                            + Integer.toHexString(chunk.length) + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(chunk);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            // the client went away first
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : open) s.close();
    }
}
