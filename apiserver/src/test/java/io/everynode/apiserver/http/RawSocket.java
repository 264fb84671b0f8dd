package io.everynode.apiserver.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A plain TCP connection to the test server, for requests no HTTP client would send: headers
 * that stop halfway, a body that never finishes. Reads never block for long, so a test polls
 * {@link #received} and {@link #closedByServer} with Awaitility.
 */
final class RawSocket implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final ByteArrayOutputStream got = new ByteArrayOutputStream();
    private boolean eof;

    RawSocket(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5);
        in = socket.getInputStream();
    }

    RawSocket send(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        return this;
    }

    /** Everything the server sent so far (reads what has arrived, waiting at most 5 ms). */
    synchronized String received() throws IOException {
        pump();
        return got.toString(StandardCharsets.UTF_8);
    }

    /** Whether the server has closed (or reset) the connection. */
    synchronized boolean closedByServer() {
        try {
            pump();
        } catch (IOException e) {
            return true;
        }
        return eof;
    }

    private void pump() throws IOException {
        byte[] buf = new byte[8192];
        while (!eof) {
            int n;
            try {
                n = in.read(buf);
            } catch (SocketTimeoutException e) {
                return;
            }
            if (n < 0) eof = true;
            else got.write(buf, 0, n);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
