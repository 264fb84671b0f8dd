package io.everynode.apiserver.openapi;

import java.util.Map;

/**
 * One sentence per built-in kind, in the project's own words, for {@code kubectl explain KIND}
 * (fabric8's runtime classes carry no documentation, and upstream's is not copied). Also the
 * common top-level fields every kind shares.
 */
final class KindDescriptions {
    static final Map<String, String> FIELDS = Map.of(
            "apiVersion", "The group and version this object is written in, such as \"apps/v1\" or \"v1\".",
            "kind", "The kind of this object, in CamelCase, such as \"DaemonSet\".",
            "metadata", "Name, namespace, labels, annotations, owners and the other data every object has.",
            "spec", "What the user wants this object to be.",
            "status", "What the system last observed about this object; written by controllers, not users.");

    static final Map<String, String> KINDS = Map.ofEntries(
            Map.entry("Namespace", "A named scope that groups namespaced objects; deleting it deletes them."),
            Map.entry("Node", "A machine (real or simulated) that runs pods, with its capacity and conditions."),
            Map.entry("Pod", "One or more containers scheduled together on one node, sharing network and volumes."),
            Map.entry("Event", "A record of something that happened to an object, for people reading its history."),
            Map.entry("ConfigMap", "Non-secret configuration as key-value pairs, for pods to read as files or env."),
            Map.entry("Secret", "Sensitive data as base64-encoded key-value pairs, of a given type."),
            Map.entry("ServiceAccount", "An identity for the processes that run in pods."),
            Map.entry("Service", "A stable name and virtual address in front of the pods a selector matches."),
            Map.entry("Endpoints", "The addresses and ports that currently back a service."),
            Map.entry("ResourceQuota", "Limits on the total resources and object counts of a namespace."),
            Map.entry("LimitRange", "Default and bounding resource values for the containers and pods of a namespace."),
            Map.entry("PersistentVolumeClaim", "A request for storage that a pod can mount."),
            Map.entry("PersistentVolume", "A piece of storage in the cluster, bound to at most one claim."),
            Map.entry("DaemonSet", "Runs one copy of a pod on every node its selector and tolerations allow."),
            Map.entry("ControllerRevision", "An immutable snapshot of a workload's template, kept for rollbacks."),
            Map.entry(
                    "Deployment",
                    "Keeps a number of identical pods running through replica sets and rolls out changes."),
            Map.entry("ReplicaSet", "Keeps a given number of pods matching its selector running."),
            Map.entry("StatefulSet", "Runs pods with stable names and storage, in order."),
            Map.entry("Job", "Runs pods until a given number of them complete successfully."),
            Map.entry("CronJob", "Creates jobs on a schedule."),
            Map.entry("EndpointSlice", "A subset of the endpoints of a service, with their readiness."),
            Map.entry("Role", "A set of permissions within one namespace."),
            Map.entry("ClusterRole", "A set of permissions across the cluster, optionally aggregated from others."),
            Map.entry("RoleBinding", "Grants a role's or cluster role's permissions to subjects within a namespace."),
            Map.entry("ClusterRoleBinding", "Grants a cluster role's permissions to subjects across the cluster."),
            Map.entry("NetworkPolicy", "Which traffic may reach and leave the pods it selects."),
            Map.entry("Ingress", "HTTP routes from outside the cluster to services."),
            Map.entry("IngressClass", "Names the controller that implements a set of ingresses."),
            Map.entry("IPAddress", "One allocated Service address, named by the address, with the Service holding it."),
            Map.entry("StorageClass", "A kind of storage that volumes can be provisioned from."),
            Map.entry("CSIDriver", "How the cluster talks to a CSI volume driver installed on nodes."),
            Map.entry("CSINode", "The CSI drivers installed on one node."),
            Map.entry("PodDisruptionBudget", "How many of the pods it selects may be evicted at the same time."),
            Map.entry(
                    "PriorityClass",
                    "A named priority for pods; higher ones are scheduled first and preempt lower ones."),
            Map.entry("Lease", "A lock with a holder and a renew time, used for heartbeats and leader election."),
            Map.entry("ValidatingWebhookConfiguration", "Webhooks asked to accept or refuse requests."),
            Map.entry("MutatingWebhookConfiguration", "Webhooks asked to change objects before they are stored."),
            Map.entry("RuntimeClass", "A container runtime configuration pods can ask for."),
            Map.entry("CustomResourceDefinition", "Adds a new kind to the API, with its schema and versions."),
            Map.entry(
                    "CertificateSigningRequest",
                    "A request for a certificate from a signer of the cluster, approved or denied before it is"
                            + " signed."));

    private KindDescriptions() {}
}
