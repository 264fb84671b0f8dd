package io.everynode.apiserver.auth.rbac;

import java.util.List;
import java.util.Map;

/**
 * The rules of each controller's role {@code system:controller:NAME}, bound to the
 * ServiceAccount {@code kube-system/NAME} the controller runs as (upstream's controller policy
 * and names). Rules are upstream's, plus what Everynode's controllers need beyond them (said at
 * the row).
 *
 * <p>To add a controller: one row here, and its account in {@code ControllerManager.SERVICE_ACCOUNTS};
 * then regenerate the policy's golden file (BootstrapPolicyTest).
 */
final class ControllerRoles {
    private static final String CORE = Rules.CORE;
    private static final String APPS = Rules.APPS;
    private static final String RBAC = Rules.RBAC;
    private static final String READ = Rules.READ;
    private static final String CERTS = "certificates.k8s.io";
    private static final String KRUISE = "apps.kruise.io";

    private ControllerRoles() {}

    /**
     * The controllers' roles: {@code system:controller:NAME} for the ServiceAccount
     * {@code kube-system/NAME} each controller runs as (upstream's controller names).
     */
    static final Map<String, List<PolicyRule>> ROLES = Map.ofEntries(
            Map.entry(
                    "clusterrole-aggregation-controller",
                    List.of(Rules.rule("escalate,get,list,watch,update,patch", RBAC, "clusterroles"))),
            Map.entry(
                    "daemon-set-controller",
                    List.of(
                            Rules.rule(READ, "extensions,apps", "daemonsets"),
                            Rules.rule("update", "extensions,apps", "daemonsets/status"),
                            Rules.rule("update", "extensions,apps", "daemonsets/finalizers"),
                            Rules.rule("list,watch", CORE, "nodes"),
                            Rules.rule("list,watch,create,delete,patch", CORE, "pods"),
                            Rules.rule("create", CORE, "pods/binding"),
                            Rules.rule("get,list,watch,create,delete,update,patch", APPS, "controllerrevisions"),
                            Rules.events(),
                            // Everynode's: E3.3/E3.4, the controller pauses or reverts a failing rollout
                            Rules.rule("update", APPS, "daemonsets"),
                            // Everynode's: E6.2-E6.4, in-place updates and their readiness gate
                            Rules.rule("update", CORE, "pods"),
                            Rules.rule("patch", CORE, "pods/status"),
                            // Everynode's: E7.3, the same controller runs OpenKruise's Advanced DaemonSets
                            Rules.rule(READ + ",update", KRUISE, "daemonsets"),
                            Rules.rule("update", KRUISE, "daemonsets/status,daemonsets/finalizers"))),
            Map.entry(
                    "deployment-controller",
                    List.of(
                            Rules.rule("get,list,watch,update", "extensions,apps", "deployments"),
                            Rules.rule("update", "extensions,apps", "deployments/status"),
                            Rules.rule("update", "extensions,apps", "deployments/finalizers"),
                            Rules.rule("get,list,watch,create,update,patch,delete", "apps,extensions", "replicasets"),
                            Rules.rule("get,list,watch,update", CORE, "pods"),
                            Rules.events(),
                            // Everynode's: the controller patches a Deployment's revision annotations
                            Rules.rule("patch", APPS, "deployments"))),
            Map.entry(
                    "endpoint-controller",
                    List.of(
                            Rules.rule(READ, CORE, "services,pods"),
                            Rules.rule("get,list,watch,create,update,delete", CORE, "endpoints"),
                            Rules.rule("create", CORE, "endpoints/restricted"),
                            Rules.events())),
            Map.entry(
                    "endpointslice-controller",
                    List.of(
                            Rules.rule(READ, CORE, "services,pods,nodes"),
                            Rules.rule("update", CORE, "services/finalizers"),
                            Rules.rule("get,list,watch,create,update,delete", "discovery.k8s.io", "endpointslices"),
                            Rules.events())),
            Map.entry(
                    "node-controller",
                    List.of(
                            Rules.rule("get,list,watch,update,delete,patch", CORE, "nodes"),
                            Rules.rule("patch,update", CORE, "nodes/status"),
                            Rules.rule("patch,update", CORE, "pods/status"),
                            Rules.rule("list,watch,get,delete", CORE, "pods"),
                            Rules.events())),
            Map.entry(
                    "pod-garbage-collector",
                    List.of(
                            Rules.rule("list,watch,delete", CORE, "pods"),
                            Rules.rule(READ, CORE, "nodes"),
                            Rules.rule("patch", CORE, "pods/status"))),
            Map.entry(
                    "replicaset-controller",
                    List.of(
                            Rules.rule("get,list,watch,update", "apps,extensions", "replicasets"),
                            Rules.rule("update", "apps,extensions", "replicasets/status"),
                            Rules.rule("update", "apps,extensions", "replicasets/finalizers"),
                            Rules.rule("list,watch,patch,create,delete", CORE, "pods"),
                            Rules.events())),
            Map.entry(
                    "service-account-controller",
                    List.of(Rules.rule("create", CORE, "serviceaccounts"), Rules.events())),
            // The CSR approver and signer (upstream runs both as certificate-controller). Patch
            // beside update: Everynode's controllers write the subresources with merge patches.
            Map.entry(
                    "certificate-controller",
                    List.of(
                            Rules.rule("delete,get,list,watch", CERTS, "certificatesigningrequests"),
                            Rules.rule(
                                    "update,patch",
                                    CERTS,
                                    "certificatesigningrequests/approval,certificatesigningrequests/status"),
                            Rules.named(
                                    "approve,sign",
                                    CERTS,
                                    "signers",
                                    "kubernetes.io/kube-apiserver-client,kubernetes.io/kube-apiserver-client-kubelet,"
                                            + "kubernetes.io/kubelet-serving,kubernetes.io/legacy-unknown"),
                            Rules.rule("create", "authorization.k8s.io", "subjectaccessreviews"),
                            Rules.events())),
            Map.entry(
                    "root-ca-cert-publisher", List.of(Rules.rule("create,update", CORE, "configmaps"), Rules.events())),
            // Upstream grants these two through Roles in kube-public and kube-system; the
            // controllers' table holds ClusterRoles only, so here they are cluster-wide.
            Map.entry(
                    "bootstrap-signer",
                    List.of(
                            Rules.rule(READ + ",create,update,patch", CORE, "configmaps"),
                            Rules.rule(READ, CORE, "secrets"),
                            Rules.events())),
            Map.entry("token-cleaner", List.of(Rules.rule("delete,get,list,watch", CORE, "secrets"), Rules.events())));
}
