package io.everynode.controlplane;

import io.everynode.apiserver.ApiServer;
import io.everynode.apiserver.auth.UserInfo;
import io.everynode.apiserver.auth.rbac.BootstrapPolicy;
import io.everynode.client.ClientConfig;
import io.everynode.client.KubeClient;
import io.everynode.client.leader.FencedTransport;
import io.everynode.client.leader.WriteFence;
import io.everynode.controllers.manager.ControllerManager;
import java.time.Clock;
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
 *
 * <p>Every client's writes pass a {@link WriteFence} ({@link WriteFence#OPEN} without leader
 * election): a controller manager that lost its Lease writes nothing more.
 */
final class ControllerClients implements AutoCloseable {
    private final ApiServer api;
    private final WriteFence fence;
    private final List<KubeClient> made = new ArrayList<>();
    private final KubeClient informers;

    ControllerClients(ApiServer api) {
        this(api, WriteFence.OPEN);
    }

    ControllerClients(ApiServer api, WriteFence fence) {
        this.api = api;
        this.fence = fence;
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

    /** The unfenced client a leader elector reads and writes its Lease through, as {@code user}. */
    static KubeClient electionClient(ApiServer api, String user) {
        return InProcessTransport.client(api, user(user, List.of()));
    }

    private static UserInfo user(String name, List<String> groups) {
        return UserInfo.authenticated(name, "", groups, Map.of());
    }

    private KubeClient make(UserInfo user) {
        ClientConfig config = ClientConfig.defaults();
        KubeClient c = new KubeClient(
                new FencedTransport(new InProcessTransport(api, config.userAgent(), user), fence),
                config,
                Clock.systemUTC());
        made.add(c);
        return c;
    }

    @Override
    public synchronized void close() {
        for (KubeClient c : made) c.close();
        made.clear();
    }
}
