package io.everynode.client.leader;

import io.everynode.client.Transport;
import java.io.IOException;
import java.util.Set;

/**
 * A {@link Transport} that sends a write (POST, PUT, PATCH, DELETE) only while its
 * {@link WriteFence} is open, and otherwise refuses it before it leaves the process with a
 * {@link WriteFence.Fenced} (the client turns it into an {@link java.io.UncheckedIOException}
 * naming the request). Reads and watches always pass: a fenced controller may still look.
 */
public final class FencedTransport implements Transport {
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final Transport delegate;
    private final WriteFence fence;

    public FencedTransport(Transport delegate, WriteFence fence) {
        this.delegate = delegate;
        this.fence = fence;
    }

    @Override
    public Response send(Request request) throws IOException {
        if (WRITES.contains(request.method())) fence.check();
        return delegate.send(request);
    }

    @Override
    public Streamed stream(Request request) throws IOException {
        if (WRITES.contains(request.method())) fence.check();
        return delegate.stream(request);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
