package io.everynode.apiserver.testing;

import io.everynode.api.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ObjectNode;

/**
 * HTTP/1.1 over a plain socket, for requests {@code java.net.http} will not send: a foreign
 * {@code Host} header, a malformed request line, oversized URIs and headers. Each exchange is
 * one request on its own connection ({@code Connection: close}); the answer is read to the end.
 */
public final class RawHttp {
    private final int port;

    public RawHttp(int port) {
        this.port = port;
    }

    /** One answer: status code, header lines, body (chunked bodies decoded). */
    public record Answer(int code, List<String> headers, String body) {
        /** The first value of a header, or null. */
        public String header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            for (String h : headers) {
                if (h.toLowerCase(Locale.ROOT).startsWith(prefix))
                    return h.substring(prefix.length()).trim();
            }
            return null;
        }

        public ObjectNode json() {
            return (ObjectNode) Json.parse(body.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Sends {@code head} (request line and headers, CRLF-separated, without the blank line) and a body. */
    public Answer exchange(String head, String body) {
        byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String request = head + "\r\nConnection: close\r\n"
                + (b.length > 0 ? "Content-Length: " + b.length + "\r\n" : "") + "\r\n";
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().write(b);
            s.getOutputStream().flush();
            return parse(readAll(s.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        try {
            while ((n = in.read(buf)) >= 0) out.write(buf, 0, n);
        } catch (java.net.SocketException e) {
            // the server may reset after answering an oversized request; keep what arrived
        }
        return out.toByteArray();
    }

    private static Answer parse(byte[] raw) {
        String all = new String(raw, StandardCharsets.ISO_8859_1);
        int end = all.indexOf("\r\n\r\n");
        if (end < 0) throw new AssertionError("no complete answer: " + all);
        String[] lines = all.substring(0, end).split("\r\n");
        int code = Integer.parseInt(lines[0].split(" ")[1]);
        List<String> headers = new ArrayList<>(List.of(lines).subList(1, lines.length));
        byte[] rest = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        boolean chunked = headers.stream()
                .anyMatch(h -> h.toLowerCase(Locale.ROOT).replace(" ", "").equals("transfer-encoding:chunked"));
        return new Answer(code, headers, new String(chunked ? dechunk(rest) : rest, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < in.length) {
            int eol = indexOfCrlf(in, i);
            if (eol < 0) break;
            int size =
                    Integer.parseInt(new String(in, i, eol - i, StandardCharsets.ISO_8859_1).split(";")[0].trim(), 16);
            if (size == 0) break;
            out.write(in, eol + 2, size);
            i = eol + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOfCrlf(byte[] b, int from) {
        for (int i = from; i + 1 < b.length; i++) if (b[i] == '\r' && b[i + 1] == '\n') return i;
        return -1;
    }
}
