package io.everynode.controlplane.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.everynode.client.ApiError;
import io.everynode.client.KubeClient;
import io.everynode.client.leader.LeaderElectionConfig;
import io.everynode.controlplane.ControlPlane;
import io.everynode.controlplane.testing.ControlPlaneExtension;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two controller managers (two HTTP clients) campaigning for one Lease of one API server, on
 * shortened timings (lease 4 s, renew deadline 3 s, retry 0.5 s).
 */
class LeaderElectionIT {
    private static final LeaderElectionConfig TIMINGS = LeaderElectionConfig.defaults("kube-controller-manager")
            .withTimings(Duration.ofSeconds(4), Duration.ofSeconds(3), Duration.ofMillis(500));
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @RegisterExtension
    final ControlPlaneExtension cluster =
            new ControlPlaneExtension(() -> ControlPlane.builder().controllers(null));

    private Candidate a;
    private Candidate b;

    @AfterEach
    void stop() {
        if (a != null) a.close();
        if (b != null) b.close();
    }

    private Candidate candidate(String identity) {
        return new Candidate(identity, URI.create(cluster.get().url()), TIMINGS);
    }

    private KubeClient admin() {
        return cluster.get().client();
    }

    private LeaseSpec lease() {
        return admin().get(Lease.class, "kube-system", "kube-controller-manager")
                .getSpec();
    }

    /** A Service, whose Endpoints object only the Endpoints controller makes. */
    private void service(String name) {
        admin().create(new ServiceBuilder()
                .withNewMetadata()
                .withNamespace("default")
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .addToSelector("app", name)
                .addNewPort()
                .withPort(80)
                .endPort()
                .endSpec()
                .build());
    }

    private boolean hasEndpoints(String service) {
        try {
            admin().get(Endpoints.class, "default", service);
            return true;
        } catch (ApiError e) {
            if (e.isNotFound()) return false;
            throw e;
        }
    }

    @Test
    void onlyOneOfTwoManagersActsAndTheOtherTakesOverWhenTheFirstStops() {
        a = candidate("host-a_1").start();
        await().atMost(PATIENCE).until(() -> a.manager != null);
        b = candidate("host-b_2").start();
        service("web-1");
        await().atMost(PATIENCE).until(() -> hasEndpoints("web-1"));

        assertThat(a.elector.isLeader()).isTrue();
        assertThat(b.elector.isLeader()).isFalse();
        assertThat(b.manager).isNull();
        assertThat(a.writesSent()).isPositive();
        assertThat(b.writesSent()).isZero();
        assertThat(lease().getHolderIdentity()).isEqualTo("host-a_1");

        a.close(); // stops its controllers, then releases the Lease
        await().atMost(PATIENCE).until(() -> b.manager != null);
        service("web-2");
        await().atMost(PATIENCE).until(() -> hasEndpoints("web-2"));

        assertThat(lease().getHolderIdentity()).isEqualTo("host-b_2");
        assertThat(b.writesSent()).isPositive();
        assertThat(a.manager).isNull();
    }

    @Test
    void aLeaderWhoseRenewalsFailStopsWritingBeforeTheOtherTakesTheLease() {
        a = candidate("host-a_1").start();
        await().atMost(PATIENCE).until(() -> a.manager != null);
        b = candidate("host-b_2");
        AtomicReference<Boolean> aFenceOpenWhenBLed = new AtomicReference<>();
        AtomicInteger aWritesWhenBLed = new AtomicInteger(-1);
        b.onLead = self -> {
            aFenceOpenWhenBLed.compareAndSet(null, a.fenceOpen());
            aWritesWhenBLed.compareAndSet(-1, a.writesSent());
        };
        b.start();

        a.breakLeaseLink(); // a's controllers still reach the API; only its renewals fail
        await().atMost(PATIENCE).until(() -> b.manager != null);

        assertThat(aFenceOpenWhenBLed.get())
                .as("a's fence was open when b took the lease")
                .isFalse();
        await().atMost(PATIENCE).until(() -> a.manager == null);
        assertThatThrownBy(() -> a.controllersClient.create(new ServiceAccountBuilder()
                        .withNewMetadata()
                        .withNamespace("default")
                        .withName("late-write")
                        .endMetadata()
                        .build()))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("POST /api/v1/namespaces/default/serviceaccounts")
                .hasMessageContaining("this process does not hold the lease kube-system/kube-controller-manager");
        assertThat(a.writesSent()).isEqualTo(aWritesWhenBLed.get());
        assertThat(lease().getHolderIdentity()).isEqualTo("host-b_2");
    }

    @Test
    void theLeaseIsFilledAsUpstreamFillsItAndCountsTransitions() {
        a = candidate("host-a_1").start();
        await().atMost(PATIENCE).until(() -> a.elector.isLeader());
        LeaseSpec first = lease();

        assertThat(first.getHolderIdentity()).isEqualTo("host-a_1");
        assertThat(first.getLeaseDurationSeconds()).isEqualTo(4);
        assertThat(first.getLeaseTransitions()).isZero();
        assertThat(first.getAcquireTime()).isNotNull();
        await().atMost(PATIENCE).until(() -> lease().getRenewTime().isAfter(first.getRenewTime()));
        assertThat(lease().getAcquireTime()).isEqualTo(first.getAcquireTime());

        b = candidate("host-b_2").start();
        a.close();
        await().atMost(PATIENCE).until(() -> "host-b_2".equals(lease().getHolderIdentity()));
        LeaseSpec taken = lease();

        assertThat(taken.getLeaseTransitions()).isEqualTo(1);
        assertThat(taken.getLeaseDurationSeconds()).isEqualTo(4);
        assertThat(taken.getAcquireTime()).isAfter(first.getAcquireTime());
    }

    @Test
    void aControlPlaneWithLeaderElectionHoldsBothLeasesAndRunsItsControllersWhileItLeads() throws Exception {
        try (ControlPlane cp = ControlPlane.builder()
                .leaderElection(TIMINGS.withIdentity("server-1_abc"))
                .build()
                .start()) {
            await().atMost(PATIENCE).until(() -> cp.controllers() != null);
            for (String name : new String[] {"kube-controller-manager", "kube-scheduler"}) {
                Lease lease = cp.client().get(Lease.class, "kube-system", name);
                assertThat(lease.getSpec().getHolderIdentity()).as(name).isEqualTo("server-1_abc");
            }
            assertThat(cp.leaderElectors()).hasSize(2);
            assertThat(cp.controllers().controllers())
                    .doesNotContain("scheduler")
                    .contains("serviceaccount");
            cp.client()
                    .create(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName("team-3")
                            .endMetadata()
                            .build());
            await().atMost(PATIENCE).until(() -> {
                try {
                    return cp.client().get(ServiceAccount.class, "team-3", "default") != null;
                } catch (ApiError e) {
                    return false;
                }
            });
        }
    }
}
