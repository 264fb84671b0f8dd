package io.everynode.apiserver.audit;

import io.everynode.apiserver.ApiResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The transport's answer as the audit log sees it: remembers the code and body of a whole
 * answer, tells the trail when a stream opens and when it closes, and takes admission's audit
 * annotations.
 */
final class AuditedResponse implements ApiResponse {
    private final ApiResponse inner;
    private final AuditTrail trail;
    private volatile int code;
    private volatile byte[] body;

    AuditedResponse(ApiResponse inner, AuditTrail trail) {
        this.inner = inner;
        this.trail = trail;
    }

    /** The code sent, 0 before any. */
    int code() {
        return code;
    }

    /** The whole body sent, or null. */
    byte[] body() {
        return body;
    }

    @Override
    public void send(int status, String contentType, byte[] bytes) {
        this.code = status;
        this.body = bytes;
        inner.send(status, contentType, bytes);
    }

    @Override
    public void header(String name, String value) {
        inner.header(name, value);
    }

    @Override
    public void annotate(String key, String value) {
        trail.annotate(key, value);
        inner.annotate(key, value);
    }

    @Override
    public boolean upgrade(String subprotocol, Tunnel tunnel) {
        boolean upgraded = inner.upgrade(subprotocol, tunnel);
        if (upgraded) {
            this.code = 101;
            trail.streamStarted(101);
        }
        return upgraded;
    }

    @Override
    public Stream stream(int status, String contentType) throws IOException {
        Stream s = inner.stream(status, contentType);
        this.code = status;
        trail.streamStarted(status);
        return new Stream() {
            @Override
            public void write(byte[] chunk) throws IOException {
                s.write(chunk);
            }

            @Override
            public void write(byte[] chunk, Consumer<IOException> done) {
                s.write(chunk, done);
            }

            @Override
            public boolean isOpen() {
                return s.isOpen();
            }

            @Override
            public void onClientGone(Runnable listener) {
                s.onClientGone(listener);
            }

            @Override
            public void allowSilence(Duration quiet) {
                s.allowSilence(quiet);
            }

            @Override
            public void abort() {
                s.abort();
            }

            @Override
            public void close() {
                s.close();
                trail.streamEnded();
            }
        };
    }
}
