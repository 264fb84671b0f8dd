package io.everynode.apiserver.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.apiserver.testing.TestServer;
import io.everynode.pki.ClusterPki;
import io.everynode.pki.KeyAndCertificate;
import io.everynode.pki.SubjectAltNames;
import io.everynode.testkit.ManualClock;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A renewed serving certificate reaches new connections without a restart. */
class ServingCertificateReloadIT {
    @TempDir
    Path dir;

    @Test
    void newConnectionsGetTheRenewedCertificate() throws Exception {
        ManualClock clock = new ManualClock(Clock.systemUTC().instant());
        ClusterPki pki = ClusterPki.open(dir, new SubjectAltNames(List.of("localhost"), List.of("127.0.0.1")), clock);
        try (TestServer server = TestServer.secure(pki, Clock.systemUTC())) {
            assertThat(presented(server.port(), pki, clock))
                    .isEqualTo(pki.serving().certificate());
            clock.advance(Duration.ofDays(250));
            KeyAndCertificate renewed = pki.renewServingIfDue().orElseThrow();
            server.http().reloadCertificate(renewed.key(), List.of(renewed.certificate()));
            assertThat(presented(server.port(), pki, clock)).isEqualTo(renewed.certificate());
        }
    }

    /**
     * The certificate the server presents to a new connection, which must chain to the cluster CA
     * as of the PKI's clock (a renewed certificate starts in the system clock's future).
     */
    private static Certificate presented(int port, ClusterPki pki, Clock clock) throws Exception {
        SSLContext trusting = TlsClients.context(pki.ca().certificate(), null, clock.instant());
        try (SSLSocket s = (SSLSocket) trusting.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.startHandshake();
            return s.getSession().getPeerCertificates()[0];
        }
    }
}
