package io.everynode.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class EtcdCallsTest {
    private final EtcdCalls calls = new EtcdCalls(
            EtcdConfig.of(List.of(URI.create("http://127.0.0.1:2379"), URI.create("http://127.0.0.1:2380"))));

    @Test
    void aRequestCutByItsMemberDyingIsUnavailableNotAPlainFailure() {
        CompletableFuture<Object> cut = CompletableFuture.failedFuture(Status.UNAVAILABLE
                .withDescription("Network closed for unknown reason")
                .asRuntimeException());

        assertThatThrownBy(() -> calls.await(cut, "updating /registry/configmaps/a/b"))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessage("etcd (http://127.0.0.1:2379,http://127.0.0.1:2380) is unavailable while updating"
                        + " /registry/configmaps/a/b: UNAVAILABLE: Network closed for unknown reason");
    }

    @Test
    void aDeadlineExceededFromGrpcIsUnavailableToo() {
        StoreException e = calls.translate(Status.DEADLINE_EXCEEDED.asException(), "listing /registry/");

        assertThat(e).isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void aConnectionClosedUnderARequestIsUnavailableNotAPlainFailure() {
        StoreException byDescription = calls.translate(
                Status.UNKNOWN.withDescription("channel closed").asRuntimeException(), "reading /registry/x");
        StoreException byCause = calls.translate(
                Status.UNKNOWN
                        .withCause(new java.nio.channels.ClosedChannelException())
                        .asRuntimeException(),
                "reading /registry/x");

        assertThat(byDescription).isInstanceOf(StoreUnavailableException.class);
        assertThat(byCause).isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void anUnknownFailureThatIsNotAClosedConnectionStaysAPlainStoreFailure() {
        StoreException e =
                calls.translate(Status.UNKNOWN.withDescription("something odd").asRuntimeException(), "reading x");

        assertThat(e).isNotInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void anyOtherGrpcFailureStaysAPlainStoreFailure() {
        StoreException e = calls.translate(
                Status.INVALID_ARGUMENT.withDescription("bad key").asRuntimeException(), "reading x");

        assertThat(e).isNotInstanceOf(StoreUnavailableException.class);
        assertThat(e).hasMessage("etcd failed while reading x: INVALID_ARGUMENT: bad key");
    }

    @Test
    void noAnswerWithinTheLimitIsUnavailableNamingTheLimit() {
        CompletableFuture<Object> never = new CompletableFuture<>();

        assertThatThrownBy(() -> calls.await(never, "checking health", Duration.ofMillis(50)))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessage("etcd (http://127.0.0.1:2379,http://127.0.0.1:2380) did not answer within 0.05s"
                        + " while checking health");
        assertThat(never).isCancelled();
    }

    @Test
    void aRequestWaitsAsLongAsTheConfiguredRequestTimeoutAndNoLonger() {
        EtcdCalls configured = new EtcdCalls(
                EtcdConfig.of(List.of(URI.create("http://127.0.0.1:2379"))).withRequestTimeout(Duration.ofMillis(300)));
        CompletableFuture<Object> never = new CompletableFuture<>();

        assertThatThrownBy(() -> configured.await(never, "creating /registry/configmaps/a/b"))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessage("etcd (http://127.0.0.1:2379) did not answer within 0.3s while creating"
                        + " /registry/configmaps/a/b");
        assertThat(never).isCancelled();
    }
}
