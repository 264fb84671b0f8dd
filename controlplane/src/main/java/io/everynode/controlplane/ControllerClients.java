package io.everynode.controlplane;

import io.everynode.apiserver.ApiServer;
import io.everynode.apiserver.auth.UserInfo;
import io.everynode.apiserver.auth.rbac.BootstrapPolicy;
import io.everynode.client.KubeClient;
import io.everynode.controllers.manager.ControllerManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The in-process clients the controllers call through, each with its own identity, as
 * upstream's controller manager runs with {@code --use-service-account-credentials}: a
 * controller writes as {@code system:serviceaccount:kube-system:NAME} (its row of
 * {@link ControllerManager#SERVICE_ACCOUNTS}, authorized by the role
 * {@code system:controller:NAME}, {@link BootstrapPolicy#CONTROLLER_ROLES}), the scheduler as
 * {@code system:kube-scheduler}, and the shared informers read as
 * {@code system:kube-controller-manager}. So RBAC holds every controller to least privilege.
 * Closes its clients with itself.
 */
final class ControllerClients implements AutoCloseable {
    private final ApiServer api;
    private final List<KubeClient> made = new ArrayList<>();
    private final KubeClient informers;

    ControllerClients(ApiServer api) {
        this.api = api;
        this.informers = make(user(BootstrapPolicy.KUBE_CONTROLLER_MANAGER, List.of()));
    }

    /** The shared informers' client. */
    KubeClient informers() {
        return informers;
    }

    /**
     * The client of the controller {@code name}.
     *
     * @throws IllegalStateException for a controller without an identity: give it a row in
     *     ControllerManager.SERVICE_ACCOUNTS and its role in BootstrapPolicy.CONTROLLER_ROLES
     */
    synchronized KubeClient forController(String name) {
        if (name.equals(ControllerManager.SCHEDULER)) return make(user(BootstrapPolicy.KUBE_SCHEDULER, List.of()));
        String account = ControllerManager.SERVICE_ACCOUNTS.get(name);
        if (account == null) {
            throw new IllegalStateException("controller \"" + name + "\" has no identity: add its ServiceAccount to"
                    + " ControllerManager.SERVICE_ACCOUNTS and its role to ControllerRoles (apiserver auth/rbac)");
        }
        return make(user(
                BootstrapPolicy.controllerUser(account),
                List.of(UserInfo.SERVICE_ACCOUNTS, UserInfo.SERVICE_ACCOUNTS + ":kube-system")));
    }

    private static UserInfo user(String name, List<String> groups) {
        return UserInfo.authenticated(name, "", groups, Map.of());
    }

    private KubeClient make(UserInfo user) {
        KubeClient c = InProcessTransport.client(api, user);
        made.add(c);
        return c;
    }

    @Override
    public synchronized void close() {
        for (KubeClient c : made) c.close();
        made.clear();
    }
}
