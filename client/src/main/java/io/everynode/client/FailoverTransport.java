package io.everynode.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One API reached through several servers (several API servers on one store, or several fronts
 * of one): every exchange goes to the current server, and when that one cannot be reached
 * (connection refused or reset, a timeout) or answers 5xx (other than 501, which every server
 * would answer alike) the same request goes to the next server in turn, until one answers or each
 * has been tried once. The server that answered becomes the current one: the client sticks to a
 * healthy server and does not spread its calls.
 *
 * <p>Retrying a write on another server is safe for the failures that trigger it: a refused
 * connection never reached a server, and a server without its store wrote nothing. A write that
 * timed out may have been applied; its retry then answers as a second attempt would (409
 * AlreadyExists, say), which callers already handle.
 *
 * <p>Streams (watches) are opened the same way; one that breaks later is the caller's to reopen
 * (an informer watches again from its last resourceVersion, and relists on 410), and that reopen
 * fails over in turn. Thread-safe.
 */
public final class FailoverTransport implements Transport {
    private final List<? extends Transport> servers;
    private final AtomicInteger current = new AtomicInteger();

    /** @param servers one transport per server, in the order to try them; the first starts as current */
    public FailoverTransport(List<? extends Transport> servers) {
        if (servers.isEmpty()) throw new IllegalArgumentException("at least one server is needed");
        this.servers = List.copyOf(servers);
    }

    /** The index of the server calls go to now, in the order given. */
    public int current() {
        return current.get();
    }

    @Override
    public Response send(Request request) throws IOException {
        return attempt(t -> {
            Response r = t.send(request);
            return new Outcome<>(r, serverFailed(r.status()));
        });
    }

    @Override
    public Streamed stream(Request request) throws IOException {
        return attempt(t -> {
            Streamed s = t.stream(request);
            return new Outcome<>(
                    s, s.failure() != null && serverFailed(s.failure().status()));
        });
    }

    @Override
    public void close() {
        servers.forEach(Transport::close);
    }

    /** 5xx but 501: the server, not the request, is at fault, and another server may answer. */
    static boolean serverFailed(int status) {
        return status >= 500 && status <= 599 && status != 501;
    }

    private record Outcome<T>(T value, boolean serverFailed) {}

    @FunctionalInterface
    private interface Exchange<T> {
        Outcome<T> on(Transport transport) throws IOException;
    }

    private <T> T attempt(Exchange<T> exchange) throws IOException {
        int start = current.get();
        IOException unreachable = null;
        Outcome<T> failed = null;
        for (int i = 0; i < servers.size(); i++) {
            int index = (start + i) % servers.size();
            Outcome<T> outcome;
            try {
                outcome = exchange.on(servers.get(index));
            } catch (InterruptedIOException e) {
                throw e; // the caller gave up, not the server
            } catch (IOException e) {
                unreachable = e;
                continue;
            }
            if (outcome.serverFailed()) {
                if (i == servers.size() - 1) return outcome.value(); // each failed: the last answer
                failed = outcome;
                continue;
            }
            current.compareAndSet(start, index);
            return outcome.value();
        }
        if (failed != null) return failed.value(); // the last server unreachable: a 5xx says more
        throw unreachable;
    }
}
