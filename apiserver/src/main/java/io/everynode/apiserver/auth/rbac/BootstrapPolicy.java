package io.everynode.apiserver.auth.rbac;

import io.everynode.api.json.Json;
import io.everynode.apiserver.auth.UserInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The ClusterRoles and ClusterRoleBindings every cluster has (upstream's
 * {@code plugin/pkg/auth/authorizer/rbac/bootstrappolicy}), as tables: {@link #roles()} and
 * {@link #bindings()}. Each carries upstream's label {@code kubernetes.io/bootstrapping:
 * rbac-defaults} and the annotation {@code rbac.authorization.kubernetes.io/autoupdate: "true"},
 * which lets {@link PolicyReconciler} restore its rules on every start.
 *
 * <p>The controllers' roles are {@link ControllerRoles}, one row per controller identity
 * ({@code system:controller:NAME}, bound to the ServiceAccount {@code kube-system/NAME}): a new
 * controller adds a row there.
 */
public final class BootstrapPolicy {
    public static final String AUTOUPDATE = "rbac.authorization.kubernetes.io/autoupdate";
    public static final String BOOTSTRAPPING = "kubernetes.io/bootstrapping";
    public static final String CONTROLLER_PREFIX = "system:controller:";
    /** Upstream's role for whoever calls the kubelet API (bound to the API server's kubelet client). */
    public static final String KUBELET_API_ADMIN = "system:kubelet-api-admin";
    /** kubeadm's user of the API server's client certificate towards kubelets. */
    public static final String KUBE_APISERVER_KUBELET_CLIENT = "kube-apiserver-kubelet-client";

    public static final String KUBE_SCHEDULER = "system:kube-scheduler";
    public static final String KUBE_CONTROLLER_MANAGER = "system:kube-controller-manager";
    public static final String AGGREGATE_TO = "rbac.authorization.k8s.io/aggregate-to-";

    private static final String CORE = Rules.CORE;
    private static final String APPS = Rules.APPS;
    private static final String RBAC = Rules.RBAC;
    private static final String READ = Rules.READ;
    private static final String WRITE = Rules.WRITE;

    /** A default ClusterRole: its rules, labels, and the labels it aggregates (empty: none). */
    public record Role(String name, List<PolicyRule> rules, Map<String, String> labels, String aggregates) {}

    /** A default ClusterRoleBinding of {@code role} to subjects "User:NAME", "Group:NAME" or "ServiceAccount:NS:NAME". */
    public record Binding(String name, String role, List<String> subjects) {}

    /** The controllers' roles, by controller account: {@link ControllerRoles#ROLES}. */
    public static final Map<String, List<PolicyRule>> CONTROLLER_ROLES = ControllerRoles.ROLES;

    private BootstrapPolicy() {}

    /** Every default ClusterRole, in a stable order (the golden file's). */
    public static List<Role> roles() {
        List<Role> roles = new ArrayList<>();
        roles.add(new Role(
                "cluster-admin",
                List.of(Rules.rule("*", "*", "*"), PolicyRule.urls(List.of("*"), List.of("*"))),
                Map.of(),
                ""));
        roles.add(new Role(
                "system:discovery",
                List.of(Rules.urls(
                        "get",
                        "/api",
                        "/api/*",
                        "/apis",
                        "/apis/*",
                        "/healthz",
                        "/livez",
                        "/openapi",
                        "/openapi/*",
                        "/readyz",
                        "/version",
                        "/version/")),
                Map.of(),
                ""));
        roles.add(new Role(
                "system:basic-user",
                List.of(
                        Rules.rule(
                                "create", "authorization.k8s.io", "selfsubjectaccessreviews,selfsubjectrulesreviews"),
                        Rules.rule("create", "authentication.k8s.io", "selfsubjectreviews")),
                Map.of(),
                ""));
        roles.add(new Role(
                "system:public-info-viewer",
                List.of(Rules.urls("get", "/healthz", "/livez", "/readyz", "/version", "/version/")),
                Map.of(),
                ""));
        roles.add(new Role(
                "system:monitoring",
                List.of(Rules.urls(
                        "get",
                        "/healthz",
                        "/healthz/*",
                        "/livez",
                        "/livez/*",
                        "/metrics",
                        "/metrics/slis",
                        "/readyz",
                        "/readyz/*")),
                Map.of(),
                ""));
        roles.add(new Role("admin", List.of(), Map.of(), "admin"));
        roles.add(new Role("edit", List.of(), Map.of(AGGREGATE_TO + "admin", "true"), "edit"));
        roles.add(new Role("view", List.of(), Map.of(AGGREGATE_TO + "edit", "true"), "view"));
        roles.add(new Role("system:aggregate-to-admin", adminRules(), Map.of(AGGREGATE_TO + "admin", "true"), ""));
        roles.add(new Role("system:aggregate-to-edit", editRules(), Map.of(AGGREGATE_TO + "edit", "true"), ""));
        roles.add(new Role("system:aggregate-to-view", viewRules(), Map.of(AGGREGATE_TO + "view", "true"), ""));
        // metrics-server's reader role (its manifests ship it): kubectl top for view, edit and admin.
        roles.add(new Role(
                "system:aggregated-metrics-reader",
                List.of(Rules.rule("get,list,watch", "metrics.k8s.io", "pods,nodes")),
                Map.of(AGGREGATE_TO + "view", "true", AGGREGATE_TO + "edit", "true", AGGREGATE_TO + "admin", "true"),
                ""));
        roles.add(new Role(
                "system:node-bootstrapper",
                List.of(Rules.rule("create,get,list,watch", "certificates.k8s.io", "certificatesigningrequests")),
                Map.of(),
                ""));
        roles.add(new Role(
                "system:certificates.k8s.io:certificatesigningrequests:nodeclient",
                List.of(Rules.rule("create", "certificates.k8s.io", "certificatesigningrequests/nodeclient")),
                Map.of(),
                ""));
        roles.add(new Role(
                "system:certificates.k8s.io:certificatesigningrequests:selfnodeclient",
                List.of(Rules.rule("create", "certificates.k8s.io", "certificatesigningrequests/selfnodeclient")),
                Map.of(),
                ""));
        // what the API server's kubelet-client certificate may do on node agents (logs, and exec when it lands)
        roles.add(new Role(
                KUBELET_API_ADMIN,
                List.of(
                        Rules.rule(READ, CORE, "nodes"),
                        Rules.rule("proxy", CORE, "nodes"),
                        Rules.rule(
                                "*",
                                CORE,
                                "nodes/proxy,nodes/metrics,nodes/stats,nodes/log,nodes/configz,nodes/healthz,nodes/pods")),
                Map.of(),
                ""));
        roles.add(new Role(KUBE_SCHEDULER, schedulerRules(), Map.of(), ""));
        roles.add(new Role(KUBE_CONTROLLER_MANAGER, controllerManagerRules(), Map.of(), ""));
        CONTROLLER_ROLES.keySet().stream()
                .sorted()
                .forEach(c -> roles.add(new Role(CONTROLLER_PREFIX + c, CONTROLLER_ROLES.get(c), Map.of(), "")));
        return roles;
    }

    /** Every default ClusterRoleBinding. */
    public static List<Binding> bindings() {
        List<Binding> b = new ArrayList<>();
        b.add(new Binding("cluster-admin", "cluster-admin", List.of("Group:" + UserInfo.MASTERS)));
        b.add(new Binding("system:monitoring", "system:monitoring", List.of("Group:system:monitoring")));
        b.add(new Binding("system:discovery", "system:discovery", List.of("Group:" + UserInfo.AUTHENTICATED)));
        b.add(new Binding("system:basic-user", "system:basic-user", List.of("Group:" + UserInfo.AUTHENTICATED)));
        b.add(new Binding(
                "system:public-info-viewer",
                "system:public-info-viewer",
                List.of("Group:" + UserInfo.AUTHENTICATED, "Group:" + UserInfo.UNAUTHENTICATED)));
        b.add(new Binding(KUBE_SCHEDULER, KUBE_SCHEDULER, List.of("User:" + KUBE_SCHEDULER)));
        b.add(new Binding(
                KUBE_CONTROLLER_MANAGER, KUBE_CONTROLLER_MANAGER, List.of("User:" + KUBE_CONTROLLER_MANAGER)));
        // kubeadm's join bindings, for every bootstrap token (Everynode's tokens are join tokens)
        b.add(new Binding(
                "everynode:node-bootstrapper", "system:node-bootstrapper", List.of("Group:" + UserInfo.BOOTSTRAPPERS)));
        b.add(new Binding(
                "everynode:node-autoapprove-bootstrap",
                "system:certificates.k8s.io:certificatesigningrequests:nodeclient",
                List.of("Group:" + UserInfo.BOOTSTRAPPERS)));
        b.add(new Binding(
                "everynode:node-autoapprove-certificate-rotation",
                "system:certificates.k8s.io:certificatesigningrequests:selfnodeclient",
                List.of("Group:" + UserInfo.NODES)));
        // the API server's client certificate towards node agents (pki's apiserver-kubelet-client)
        b.add(new Binding(
                "everynode:kubelet-api-admin", KUBELET_API_ADMIN, List.of("User:" + KUBE_APISERVER_KUBELET_CLIENT)));
        CONTROLLER_ROLES.keySet().stream()
                .sorted()
                .forEach(c -> b.add(new Binding(
                        CONTROLLER_PREFIX + c, CONTROLLER_PREFIX + c, List.of("ServiceAccount:kube-system:" + c))));
        return b;
    }

    /** The user a controller runs as: {@code system:serviceaccount:kube-system:NAME}. */
    public static String controllerUser(String controller) {
        return UserInfo.SERVICE_ACCOUNT_PREFIX + "kube-system:" + controller;
    }

    /** A default role as a ClusterRole object. */
    public static ObjectNode toObject(Role role) {
        ObjectNode o = Json.object();
        o.put("apiVersion", RBAC + "/v1");
        o.put("kind", "ClusterRole");
        ObjectNode meta = o.putObject("metadata");
        meta.put("name", role.name());
        ObjectNode labels = meta.putObject("labels");
        labels.put(BOOTSTRAPPING, "rbac-defaults");
        role.labels().forEach(labels::put);
        meta.putObject("annotations").put(AUTOUPDATE, "true");
        ArrayNode rules = o.putArray("rules");
        for (PolicyRule r : role.rules()) rules.add(r.toJson());
        if (!role.aggregates().isEmpty()) {
            o.putObject("aggregationRule")
                    .putArray("clusterRoleSelectors")
                    .addObject()
                    .putObject("matchLabels")
                    .put(AGGREGATE_TO + role.aggregates(), "true");
        }
        return o;
    }

    /** A default binding as a ClusterRoleBinding object. */
    public static ObjectNode toObject(Binding binding) {
        ObjectNode o = Json.object();
        o.put("apiVersion", RBAC + "/v1");
        o.put("kind", "ClusterRoleBinding");
        ObjectNode meta = o.putObject("metadata");
        meta.put("name", binding.name());
        meta.putObject("labels").put(BOOTSTRAPPING, "rbac-defaults");
        meta.putObject("annotations").put(AUTOUPDATE, "true");
        o.putObject("roleRef").put("apiGroup", RBAC).put("kind", "ClusterRole").put("name", binding.role());
        ArrayNode subjects = o.putArray("subjects");
        for (String s : binding.subjects()) {
            String[] p = s.split(":", 2);
            ObjectNode subject = subjects.addObject().put("kind", p[0]);
            if (p[0].equals("ServiceAccount")) {
                int colon = p[1].indexOf(':');
                subject.put("name", p[1].substring(colon + 1)).put("namespace", p[1].substring(0, colon));
            } else {
                subject.put("apiGroup", RBAC).put("name", p[1]);
            }
        }
        return o;
    }

    private static List<PolicyRule> viewRules() {
        return List.of(
                Rules.rule(
                        READ,
                        CORE,
                        "pods,replicationcontrollers,replicationcontrollers/scale,persistentvolumeclaims,"
                                + "persistentvolumeclaims/status,pods/status,services,services/status,endpoints,"
                                + "resourcequotas,resourcequotas/status,limitranges,bindings,events,"
                                + "namespaces/status,replicationcontrollers/status,pods/log,configmaps,serviceaccounts"),
                Rules.rule(READ, CORE, "namespaces"),
                Rules.rule(READ, "discovery.k8s.io", "endpointslices"),
                Rules.rule(
                        READ,
                        APPS,
                        "controllerrevisions,daemonsets,daemonsets/status,deployments,deployments/scale,"
                                + "deployments/status,replicasets,replicasets/scale,replicasets/status,"
                                + "statefulsets,statefulsets/scale,statefulsets/status"),
                Rules.rule(READ, "autoscaling", "horizontalpodautoscalers,horizontalpodautoscalers/status"),
                Rules.rule(READ, "batch", "cronjobs,cronjobs/status,jobs,jobs/status"),
                Rules.rule(READ, "policy", "poddisruptionbudgets,poddisruptionbudgets/status"),
                Rules.rule(READ, "networking.k8s.io", "ingresses,ingresses/status,networkpolicies"));
    }

    private static List<PolicyRule> editRules() {
        return List.of(
                Rules.rule(READ, CORE, "pods/attach,pods/exec,pods/portforward,pods/proxy,secrets,services/proxy"),
                Rules.rule("impersonate", CORE, "serviceaccounts"),
                Rules.rule(WRITE, CORE, "pods,pods/attach,pods/exec,pods/portforward,pods/proxy"),
                Rules.rule("create", CORE, "pods/eviction"),
                Rules.rule(
                        WRITE,
                        CORE,
                        "configmaps,events,persistentvolumeclaims,replicationcontrollers,"
                                + "replicationcontrollers/scale,secrets,serviceaccounts,services,services/proxy"),
                Rules.rule("create", CORE, "serviceaccounts/token"),
                Rules.rule(
                        WRITE,
                        APPS,
                        "daemonsets,deployments,deployments/rollback,deployments/scale,replicasets,"
                                + "replicasets/scale,statefulsets,statefulsets/scale"),
                Rules.rule(WRITE, "autoscaling", "horizontalpodautoscalers"),
                Rules.rule(WRITE, "batch", "cronjobs,jobs"),
                Rules.rule(WRITE, "policy", "poddisruptionbudgets"),
                Rules.rule(WRITE, "networking.k8s.io", "ingresses,networkpolicies"),
                Rules.rule(WRITE, "coordination.k8s.io", "leases"));
    }

    private static List<PolicyRule> adminRules() {
        return List.of(
                Rules.rule("create", "authorization.k8s.io", "localsubjectaccessreviews"),
                Rules.rule(READ + "," + WRITE, RBAC, "rolebindings,roles"));
    }

    private static List<PolicyRule> schedulerRules() {
        return List.of(
                Rules.events(),
                Rules.rule("create", "coordination.k8s.io", "leases"),
                Rules.rule("get,update", "coordination.k8s.io", "leases").withNames(List.of("kube-scheduler")),
                Rules.rule(READ, CORE, "nodes"),
                Rules.rule(READ, CORE, "namespaces"),
                Rules.rule("delete,get,list,watch", CORE, "pods"),
                Rules.rule("create", CORE, "bindings,pods/binding"),
                Rules.rule("patch,update", CORE, "pods/status"),
                Rules.rule("list,watch", CORE, "replicationcontrollers,services"),
                Rules.rule("list,watch", "apps,extensions", "replicasets"),
                Rules.rule("list,watch", APPS, "statefulsets"),
                Rules.rule("list,watch", "policy", "poddisruptionbudgets"),
                Rules.rule("list,watch", CORE, "persistentvolumeclaims,persistentvolumes"),
                Rules.rule("create", "authentication.k8s.io", "tokenreviews"),
                Rules.rule("create", "authorization.k8s.io", "subjectaccessreviews"),
                Rules.rule(READ, "storage.k8s.io", "csinodes"),
                Rules.rule(READ, "storage.k8s.io", "csidrivers,csistoragecapacities"));
    }

    private static List<PolicyRule> controllerManagerRules() {
        return List.of(
                Rules.events(),
                Rules.rule("create", "coordination.k8s.io", "leases"),
                Rules.rule("get,update", "coordination.k8s.io", "leases").withNames(List.of("kube-controller-manager")),
                Rules.rule("create", CORE, "secrets,serviceaccounts"),
                Rules.rule("delete", CORE, "secrets"),
                Rules.rule("get", CORE, "configmaps,namespaces,secrets,serviceaccounts"),
                Rules.rule("update", CORE, "secrets,serviceaccounts"),
                Rules.rule("create", "authentication.k8s.io", "tokenreviews"),
                Rules.rule("create", "authorization.k8s.io", "subjectaccessreviews"),
                Rules.rule("list,watch", "*", "*"),
                Rules.rule("create", CORE, "serviceaccounts/token"));
    }
}
