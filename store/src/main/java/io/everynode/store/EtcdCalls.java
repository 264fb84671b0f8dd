package io.everynode.store;

import io.etcd.jetcd.common.exception.ErrorCode;
import io.etcd.jetcd.common.exception.EtcdException;
import io.grpc.Status;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for one etcd request and says what its failure means to the {@link Store} contract: etcd
 * unreachable or too slow is {@link StoreUnavailableException}; a read of a compacted or a future
 * revision is {@link Compacted} or {@link FutureRevision}, for the caller to answer; anything else
 * a plain {@link StoreException} with etcd's message.
 */
final class EtcdCalls {
    /** etcd's messages (mvcc ErrCompacted, ErrFutureRev). */
    static final String COMPACTED = "required revision has been compacted";

    static final String FUTURE = "required revision is a future revision";

    private final Duration timeout;
    private final String endpoints;

    EtcdCalls(EtcdConfig config) {
        this.timeout = config.requestTimeout();
        this.endpoints = String.join(
                ",", config.endpoints().stream().map(Object::toString).toList());
    }

    /** A read at a revision etcd has compacted away. */
    static final class Compacted extends StoreException {
        private static final long serialVersionUID = 1L;

        Compacted(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A read at a revision etcd has not reached. */
    static final class FutureRevision extends StoreException {
        private static final long serialVersionUID = 1L;

        FutureRevision(String message, Throwable cause) {
            super(message, cause);
        }
    }

    <T> T await(CompletableFuture<T> future, String what) {
        return await(future, what, timeout);
    }

    /** As {@link #await(CompletableFuture, String)}, with a shorter {@code limit} than the request timeout. */
    <T> T await(CompletableFuture<T> future, String what, Duration limit) {
        try {
            return future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new StoreUnavailableException(
                    "etcd (" + endpoints + ") did not answer within " + seconds(limit) + " while " + what, e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while " + what, e);
        } catch (ExecutionException | CompletionException e) {
            throw translate(e.getCause() == null ? e : e.getCause(), what);
        }
    }

    private static String seconds(Duration limit) {
        return limit.toMillis() % 1000 == 0 ? limit.toSeconds() + "s" : limit.toMillis() / 1000.0 + "s";
    }

    StoreException translate(Throwable failure, String what) {
        String message = String.valueOf(failure.getMessage());
        if (message.contains(COMPACTED)) {
            return new Compacted(message, failure);
        }
        if (message.contains(FUTURE)) {
            return new FutureRevision(message, failure);
        }
        if (unavailable(failure)) {
            return new StoreUnavailableException(
                    "etcd (" + endpoints + ") is unavailable while " + what + ": " + message, failure);
        }
        return new StoreException("etcd failed while " + what + ": " + message, failure);
    }

    /**
     * Whether etcd could not be reached: jetcd's own exceptions carry the code, but a request cut
     * when its member dies (kill -9 of the one the client talks to) fails with gRPC's status as it
     * is ("UNAVAILABLE: Network closed for unknown reason"), and one whose connection closed under
     * it while members come and go fails as "UNKNOWN: channel closed". Each leaves the request's
     * fate unknown, as a timeout does, so each is the store being unavailable (a 504), not a 500.
     */
    private static boolean unavailable(Throwable failure) {
        if (failure instanceof EtcdException etcd) {
            if (etcd.getErrorCode() == ErrorCode.UNAVAILABLE || etcd.getErrorCode() == ErrorCode.DEADLINE_EXCEEDED) {
                return true;
            }
            return etcd.getErrorCode() == ErrorCode.UNKNOWN && channelClosed(failure);
        }
        Status.Code code = Status.fromThrowable(failure).getCode();
        return code == Status.Code.UNAVAILABLE
                || code == Status.Code.DEADLINE_EXCEEDED
                || (code == Status.Code.UNKNOWN && channelClosed(failure));
    }

    /** gRPC's "channel closed": its transport's connection closed, a ClosedChannelException somewhere in the chain. */
    private static boolean channelClosed(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ClosedChannelException) return true;
            if ("channel closed".equalsIgnoreCase(Status.fromThrowable(t).getDescription())) return true;
        }
        return false;
    }
}
