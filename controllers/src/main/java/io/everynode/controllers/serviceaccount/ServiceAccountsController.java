package io.everynode.controllers.serviceaccount;

import io.everynode.client.Lister;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.util.Optional;

/**
 * The sync of one namespace key (upstream's serviceaccounts-controller): an active namespace
 * (not deleting, phase not Terminating) without the {@link #DEFAULT} ServiceAccount in the cache
 * gets one. The API server already makes it with the namespace; this loop repairs a deleted one.
 * No token Secrets are made (upstream stopped making them in 1.24).
 *
 * <p>Threading: stateless; one worker calls {@link #sync}.
 */
public final class ServiceAccountsController {
    public static final String DEFAULT = "default";

    private final Lister<Namespace> namespaces;
    private final Lister<ServiceAccount> accounts;
    private final ServiceAccountActions actions;

    public ServiceAccountsController(
            Lister<Namespace> namespaces, Lister<ServiceAccount> accounts, ServiceAccountActions actions) {
        this.namespaces = namespaces;
        this.accounts = accounts;
        this.actions = actions;
    }

    public void sync(String namespace) {
        Optional<Namespace> ns = namespaces.get(namespace);
        if (ns.isEmpty() || !active(ns.get())) return;
        if (accounts.get(namespace, DEFAULT).isPresent()) return;
        actions.createDefault(namespace);
    }

    static boolean active(Namespace ns) {
        return ns.getMetadata().getDeletionTimestamp() == null
                && (ns.getStatus() == null
                        || !"Terminating".equals(ns.getStatus().getPhase()));
    }
}
