package io.everynode.apiserver.auth.rbac;

import io.everynode.api.json.Json;
import io.everynode.apiserver.auth.UserInfo;
import java.util.ArrayList;
import java.util.Arrays;
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
 * <p>The controllers' roles are {@link #CONTROLLER_ROLES}, one row per controller identity
 * ({@code system:controller:NAME}, bound to the ServiceAccount {@code kube-system/NAME}): a new
 * controller adds a row there. Rules are upstream's, plus what Everynode's controllers need
 * beyond them (said at the row).
 */
public final class BootstrapPolicy {
    public static final String AUTOUPDATE = "rbac.authorization.kubernetes.io/autoupdate";
    public static final String BOOTSTRAPPING = "kubernetes.io/bootstrapping";
    public static final String CONTROLLER_PREFIX = "system:controller:";
    public static final String KUBE_SCHEDULER = "system:kube-scheduler";
    public static final String KUBE_CONTROLLER_MANAGER = "system:kube-controller-manager";
    public static final String AGGREGATE_TO = "rbac.authorization.k8s.io/aggregate-to-";

    private static final String CORE = "";
    private static final String APPS = "apps";
    private static final String RBAC = "rbac.authorization.k8s.io";
    private static final String READ = "get,list,watch";
    private static final String WRITE = "create,delete,deletecollection,patch,update";
    private static final String[] EVENTS_GROUPS = {CORE, "events.k8s.io"};

    /** A default ClusterRole: its rules, labels, and the labels it aggregates (empty: none). */
    public record Role(String name, List<PolicyRule> rules, Map<String, String> labels, String aggregates) {}

    /** A default ClusterRoleBinding of {@code role} to subjects "User:NAME", "Group:NAME" or "ServiceAccount:NS:NAME". */
    public record Binding(String name, String role, List<String> subjects) {}

    /**
     * The controllers' roles: {@code system:controller:NAME} for the ServiceAccount
     * {@code kube-system/NAME} each controller runs as (upstream's controller names).
     */
    public static final Map<String, List<PolicyRule>> CONTROLLER_ROLES = Map.ofEntries(
            Map.entry(
                    "clusterrole-aggregation-controller",
                    List.of(rule("escalate,get,list,watch,update,patch", RBAC, "clusterroles"))),
            Map.entry(
                    "daemon-set-controller",
                    List.of(
                            rule(READ, "extensions,apps", "daemonsets"),
                            rule("update", "extensions,apps", "daemonsets/status"),
                            rule("update", "extensions,apps", "daemonsets/finalizers"),
                            rule("list,watch", CORE, "nodes"),
                            rule("list,watch,create,delete,patch", CORE, "pods"),
                            rule("create", CORE, "pods/binding"),
                            rule("get,list,watch,create,delete,update,patch", APPS, "controllerrevisions"),
                            events())),
            Map.entry(
                    "deployment-controller",
                    List.of(
                            rule("get,list,watch,update", "extensions,apps", "deployments"),
                            rule("update", "extensions,apps", "deployments/status"),
                            rule("update", "extensions,apps", "deployments/finalizers"),
                            rule("get,list,watch,create,update,patch,delete", "apps,extensions", "replicasets"),
                            rule("get,list,watch,update", CORE, "pods"),
                            events(),
                            // Everynode's: the controller patches a Deployment's revision annotations
                            rule("patch", APPS, "deployments"))),
            Map.entry(
                    "endpoint-controller",
                    List.of(
                            rule(READ, CORE, "services,pods"),
                            rule("get,list,watch,create,update,delete", CORE, "endpoints"),
                            rule("create", CORE, "endpoints/restricted"),
                            events())),
            Map.entry(
                    "endpointslice-controller",
                    List.of(
                            rule(READ, CORE, "services,pods,nodes"),
                            rule("update", CORE, "services/finalizers"),
                            rule("get,list,watch,create,update,delete", "discovery.k8s.io", "endpointslices"),
                            events())),
            Map.entry(
                    "node-controller",
                    List.of(
                            rule("get,list,watch,update,delete,patch", CORE, "nodes"),
                            rule("patch,update", CORE, "nodes/status"),
                            rule("patch,update", CORE, "pods/status"),
                            rule("list,watch,get,delete", CORE, "pods"),
                            events())),
            Map.entry(
                    "pod-garbage-collector",
                    List.of(
                            rule("list,watch,delete", CORE, "pods"),
                            rule(READ, CORE, "nodes"),
                            rule("patch", CORE, "pods/status"))),
            Map.entry(
                    "replicaset-controller",
                    List.of(
                            rule("get,list,watch,update", "apps,extensions", "replicasets"),
                            rule("update", "apps,extensions", "replicasets/status"),
                            rule("update", "apps,extensions", "replicasets/finalizers"),
                            rule("list,watch,patch,create,delete", CORE, "pods"),
                            events())),
            Map.entry("service-account-controller", List.of(rule("create", CORE, "serviceaccounts"), events())));

    private BootstrapPolicy() {}

    /** Every default ClusterRole, in a stable order (the golden file's). */
    public static List<Role> roles() {
        List<Role> roles = new ArrayList<>();
        roles.add(new Role(
                "cluster-admin",
                List.of(rule("*", "*", "*"), PolicyRule.urls(List.of("*"), List.of("*"))),
                Map.of(),
                ""));
        roles.add(new Role(
                "system:discovery",
                List.of(urls(
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
                        rule("create", "authorization.k8s.io", "selfsubjectaccessreviews,selfsubjectrulesreviews"),
                        rule("create", "authentication.k8s.io", "selfsubjectreviews")),
                Map.of(),
                ""));
        roles.add(new Role(
                "system:public-info-viewer",
                List.of(urls("get", "/healthz", "/livez", "/readyz", "/version", "/version/")),
                Map.of(),
                ""));
        roles.add(new Role(
                "system:monitoring",
                List.of(urls(
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
        roles.add(new Role(
                "system:node-bootstrapper",
                List.of(rule("create,get,list,watch", "certificates.k8s.io", "certificatesigningrequests")),
                Map.of(),
                ""));
        roles.add(new Role(
                "system:certificates.k8s.io:certificatesigningrequests:nodeclient",
                List.of(rule("create", "certificates.k8s.io", "certificatesigningrequests/nodeclient")),
                Map.of(),
                ""));
        roles.add(new Role(
                "system:certificates.k8s.io:certificatesigningrequests:selfnodeclient",
                List.of(rule("create", "certificates.k8s.io", "certificatesigningrequests/selfnodeclient")),
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
                rule(
                        READ,
                        CORE,
                        "pods,replicationcontrollers,replicationcontrollers/scale,persistentvolumeclaims,"
                                + "persistentvolumeclaims/status,pods/status,services,services/status,endpoints,"
                                + "resourcequotas,resourcequotas/status,limitranges,bindings,events,"
                                + "namespaces/status,replicationcontrollers/status,pods/log,configmaps,serviceaccounts"),
                rule(READ, CORE, "namespaces"),
                rule(READ, "discovery.k8s.io", "endpointslices"),
                rule(
                        READ,
                        APPS,
                        "controllerrevisions,daemonsets,daemonsets/status,deployments,deployments/scale,"
                                + "deployments/status,replicasets,replicasets/scale,replicasets/status,"
                                + "statefulsets,statefulsets/scale,statefulsets/status"),
                rule(READ, "autoscaling", "horizontalpodautoscalers,horizontalpodautoscalers/status"),
                rule(READ, "batch", "cronjobs,cronjobs/status,jobs,jobs/status"),
                rule(READ, "policy", "poddisruptionbudgets,poddisruptionbudgets/status"),
                rule(READ, "networking.k8s.io", "ingresses,ingresses/status,networkpolicies"));
    }

    private static List<PolicyRule> editRules() {
        return List.of(
                rule(READ, CORE, "pods/attach,pods/exec,pods/portforward,pods/proxy,secrets,services/proxy"),
                rule("impersonate", CORE, "serviceaccounts"),
                rule(WRITE, CORE, "pods,pods/attach,pods/exec,pods/portforward,pods/proxy"),
                rule("create", CORE, "pods/eviction"),
                rule(
                        WRITE,
                        CORE,
                        "configmaps,events,persistentvolumeclaims,replicationcontrollers,"
                                + "replicationcontrollers/scale,secrets,serviceaccounts,services,services/proxy"),
                rule("create", CORE, "serviceaccounts/token"),
                rule(
                        WRITE,
                        APPS,
                        "daemonsets,deployments,deployments/rollback,deployments/scale,replicasets,"
                                + "replicasets/scale,statefulsets,statefulsets/scale"),
                rule(WRITE, "autoscaling", "horizontalpodautoscalers"),
                rule(WRITE, "batch", "cronjobs,jobs"),
                rule(WRITE, "policy", "poddisruptionbudgets"),
                rule(WRITE, "networking.k8s.io", "ingresses,networkpolicies"),
                rule(WRITE, "coordination.k8s.io", "leases"));
    }

    private static List<PolicyRule> adminRules() {
        return List.of(
                rule("create", "authorization.k8s.io", "localsubjectaccessreviews"),
                rule(READ + "," + WRITE, RBAC, "rolebindings,roles"));
    }

    private static List<PolicyRule> schedulerRules() {
        return List.of(
                events(),
                rule("create", "coordination.k8s.io", "leases"),
                rule("get,update", "coordination.k8s.io", "leases").withNames(List.of("kube-scheduler")),
                rule(READ, CORE, "nodes"),
                rule(READ, CORE, "namespaces"),
                rule("delete,get,list,watch", CORE, "pods"),
                rule("create", CORE, "bindings,pods/binding"),
                rule("patch,update", CORE, "pods/status"),
                rule("list,watch", CORE, "replicationcontrollers,services"),
                rule("list,watch", "apps,extensions", "replicasets"),
                rule("list,watch", APPS, "statefulsets"),
                rule("list,watch", "policy", "poddisruptionbudgets"),
                rule("list,watch", CORE, "persistentvolumeclaims,persistentvolumes"),
                rule("create", "authentication.k8s.io", "tokenreviews"),
                rule("create", "authorization.k8s.io", "subjectaccessreviews"),
                rule(READ, "storage.k8s.io", "csinodes"),
                rule(READ, "storage.k8s.io", "csidrivers,csistoragecapacities"),
                // Everynode's scheduler reads priority classes for preemption
                rule(READ, "scheduling.k8s.io", "priorityclasses"));
    }

    private static List<PolicyRule> controllerManagerRules() {
        return List.of(
                events(),
                rule("create", "coordination.k8s.io", "leases"),
                rule("get,update", "coordination.k8s.io", "leases").withNames(List.of("kube-controller-manager")),
                rule("create", CORE, "secrets,serviceaccounts"),
                rule("delete", CORE, "secrets"),
                rule("get", CORE, "configmaps,namespaces,secrets,serviceaccounts"),
                rule("update", CORE, "secrets,serviceaccounts"),
                rule("create", "authentication.k8s.io", "tokenreviews"),
                rule("create", "authorization.k8s.io", "subjectaccessreviews"),
                rule("list,watch", "*", "*"),
                rule("create", CORE, "serviceaccounts/token"));
    }

    private static PolicyRule events() {
        return PolicyRule.resources(
                List.of("create", "update", "patch"), Arrays.asList(EVENTS_GROUPS), List.of("events"));
    }

    private static PolicyRule rule(String verbs, String groups, String resources) {
        return PolicyRule.resources(split(verbs), groups.isEmpty() ? List.of("") : split(groups), split(resources));
    }

    private static PolicyRule urls(String verb, String... urls) {
        return PolicyRule.urls(List.of(verb), List.of(urls));
    }

    private static List<String> split(String csv) {
        return List.of(csv.split(","));
    }
}
