package io.everynode.agent.portforward;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The zlib dictionary SPDY/3 header blocks are compressed with (SPDY/3 section 2.6.10.1): the
 * 1,423 bytes the spec lists, as Go's SPDY framer (kubectl's) uses them, without a trailing NUL.
 * They are a run of header words, each after its length as 4 big-endian bytes, then one string.
 */
final class SpdyDictionary {
    private static final List<String> WORDS = List.of(
            "options",
            "head",
            "post",
            "put",
            "delete",
            "trace",
            "accept",
            "accept-charset",
            "accept-encoding",
            "accept-language",
            "accept-ranges",
            "age",
            "allow",
            "authorization",
            "cache-control",
            "connection",
            "content-base",
            "content-encoding",
            "content-language",
            "content-length",
            "content-location",
            "content-md5",
            "content-range",
            "content-type",
            "date",
            "etag",
            "expect",
            "expires",
            "from",
            "host",
            "if-match",
            "if-modified-since",
            "if-none-match",
            "if-range",
            "if-unmodified-since",
            "last-modified",
            "location",
            "max-forwards",
            "pragma",
            "proxy-authenticate",
            "proxy-authorization",
            "range",
            "referer",
            "retry-after",
            "server",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "user-agent",
            "vary",
            "via",
            "warning",
            "www-authenticate",
            "method",
            "get",
            "status",
            "200 OK",
            "version",
            "HTTP/1.1",
            "url",
            "public",
            "set-cookie",
            "keep-alive",
            "origin");

    private static final String TAIL = "100101201202205206300302303304305306307402405406407408409410411412413414415"
            + "416417502504505203 Non-Authoritative Information204 No Content301 Moved Permanently"
            + "400 Bad Request401 Unauthorized403 Forbidden404 Not Found500 Internal Server Error"
            + "501 Not Implemented503 Service UnavailableJan Feb Mar Apr May Jun Jul Aug Sept Oct Nov Dec"
            + " 00:00:00 Mon, Tue, Wed, Thu, Fri, Sat, Sun, GMTchunked,text/html,image/png,image/jpg,"
            + "image/gif,application/xml,application/xhtml+xml,text/plain,text/javascript,publicprivate"
            + "max-age=gzip,deflate,sdchcharset=utf-8charset=iso-8859-1,utf-,*,enq=0.";

    private SpdyDictionary() {}

    /** A fresh copy of the dictionary. */
    static byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1423);
        for (String w : WORDS) {
            byte[] b = w.getBytes(StandardCharsets.US_ASCII);
            out.write(b.length >>> 24);
            out.write(b.length >>> 16);
            out.write(b.length >>> 8);
            out.write(b.length);
            out.writeBytes(b);
        }
        out.writeBytes(TAIL.getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
