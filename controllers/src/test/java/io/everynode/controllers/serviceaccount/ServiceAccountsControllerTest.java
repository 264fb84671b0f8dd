package io.everynode.controllers.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.controllers.endpoints.MapLister;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceAccountsControllerTest {
    private final MapLister<Namespace> namespaces = new MapLister<>();
    private final MapLister<ServiceAccount> accounts = new MapLister<>();
    private final List<String> created = new ArrayList<>();
    private final ServiceAccountsController controller =
            new ServiceAccountsController(namespaces, accounts, created::add);

    private static Namespace ns(String name) {
        return new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .build();
    }

    private static ServiceAccount sa(String ns, String name) {
        return new ServiceAccountBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(ns)
                .endMetadata()
                .build();
    }

    @Test
    void aNamespaceWithoutTheDefaultServiceAccountGetsOne() {
        namespaces.put(ns("monitoring"));
        accounts.put(sa("monitoring", "prometheus"));

        controller.sync("monitoring");

        assertThat(created).containsExactly("monitoring");
    }

    @Test
    void aNamespaceThatHasItIsLeftAlone() {
        namespaces.put(ns("monitoring"));
        accounts.put(sa("monitoring", "default"));

        controller.sync("monitoring");

        assertThat(created).isEmpty();
    }

    @Test
    void aNamespaceBeingDeletedOrGoneGetsNone() {
        namespaces.put(new NamespaceBuilder(ns("leaving"))
                .editMetadata()
                .withDeletionTimestamp("2026-01-01T00:00:00Z")
                .endMetadata()
                .build());
        namespaces.put(new NamespaceBuilder(ns("ending"))
                .withNewStatus()
                .withPhase("Terminating")
                .endStatus()
                .build());

        controller.sync("leaving");
        controller.sync("ending");
        controller.sync("never-was");

        assertThat(created).isEmpty();
    }
}
