package io.everynode.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.common.exception.EtcdExceptionFactory;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

/** Which watch failures mean "the member lost its leader" (the watch ends) rather than "resume it". */
class EtcdWatchNoLeaderTest {
    @Test
    void etcdsNoLeaderStatusEndsTheWatchAsUnavailable() {
        Throwable noLeader =
                Status.UNAVAILABLE.withDescription("etcdserver: no leader").asRuntimeException();

        assertThat(EtcdWatch.noLeader(noLeader)).isTrue();
        assertThat(EtcdWatch.noLeader(EtcdExceptionFactory.toEtcdException(noLeader)))
                .as("as jetcd hands it to the listener")
                .isTrue();
    }

    @Test
    void aMemberThatDiedOrAStreamThatEndedIsResumedNotEnded() {
        assertThat(EtcdWatch.noLeader(Status.UNAVAILABLE
                        .withDescription("Network closed for unknown reason")
                        .asRuntimeException()))
                .isFalse();
        assertThat(EtcdWatch.noLeader(null)).isFalse();
    }
}
