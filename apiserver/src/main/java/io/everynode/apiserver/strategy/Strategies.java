package io.everynode.apiserver.strategy;

import io.everynode.api.defaults.WorkloadDefaults;
import io.everynode.api.resource.ResourceType;
import io.everynode.api.resource.ResourceTypes;
import io.everynode.api.validation.ObjectMetaValidation.NameRule;
import io.everynode.api.validation.WorkloadValidation;
import io.everynode.apiserver.crd.CrdStrategy;
import io.everynode.apiserver.registry.Strategy;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The strategy of every served kind: the kinds with behaviour of their own have a class each;
 * every other kind is stored and validated by a {@link StoredStrategy} with its name rule and
 * traits.
 */
public final class Strategies {
    /** Stored kinds with spec and status apart, generation bumped on spec writes (workloads with rules have their own classes). */
    private static final Set<ResourceType> GENERATION_AND_STATUS =
            Set.of(ResourceTypes.CRON_JOBS, ResourceTypes.POD_DISRUPTION_BUDGETS);
    /** Status only through the status subresource, no generation. */
    private static final Set<ResourceType> STATUS_ONLY = Set.of(
            ResourceTypes.RESOURCE_QUOTAS,
            ResourceTypes.PERSISTENT_VOLUME_CLAIMS,
            ResourceTypes.PERSISTENT_VOLUMES,
            ResourceTypes.INGRESSES);
    /** RBAC names are path segments ({@code system:node-proxier}), not DNS names. */
    private static final Set<ResourceType> PATH_SEGMENT_NAMES = Set.of(
            ResourceTypes.ROLES,
            ResourceTypes.CLUSTER_ROLES,
            ResourceTypes.ROLE_BINDINGS,
            ResourceTypes.CLUSTER_ROLE_BINDINGS);

    private Strategies() {}

    /**
     * @param serviceAccountTokens whether the server issues ServiceAccount tokens: then pods get
     *     the {@code kube-api-access-*} volume ({@link ServiceAccountAdmission})
     * @param serviceClaims where Services' clusterIPs and nodePorts are claimed (shared by every
     *     server on the store)
     */
    public static Map<ResourceType, Strategy> all(
            Clock clock, ServiceNetwork services, boolean serviceAccountTokens, ServiceClaims serviceClaims) {
        Map<ResourceType, Strategy> out = new HashMap<>();
        SecureRandom random = new SecureRandom();
        out.put(
                ResourceTypes.PODS,
                new PodStrategy(new ServiceAccountAdmission(serviceAccountTokens, () -> suffix(random))));
        out.put(ResourceTypes.DAEMONSETS, new DaemonSetStrategy());
        out.put(ResourceTypes.ADVANCED_DAEMONSETS, new AdvancedDaemonSetStrategy());
        out.put(ResourceTypes.NODES, new NodeStrategy());
        out.put(ResourceTypes.NAMESPACES, new NamespaceStrategy());
        out.put(ResourceTypes.EVENTS, new EventStrategy());
        out.put(ResourceTypes.PRIORITY_CLASSES, new PriorityClassStrategy());
        out.put(ResourceTypes.CONTROLLER_REVISIONS, new ControllerRevisionStrategy());
        out.put(ResourceTypes.LEASES, new LeaseStrategy());
        out.put(ResourceTypes.SECRETS, new SecretStrategy());
        out.put(ResourceTypes.CONFIG_MAPS, new ConfigMapStrategy());
        out.put(
                ResourceTypes.SERVICES,
                new ServiceStrategy(new ServiceAllocator(services, serviceClaims, new SecureRandom())));
        out.put(
                ResourceTypes.DEPLOYMENTS,
                new WorkloadStrategy<>(Deployment.class, WorkloadDefaults::deployment, WorkloadValidation::deployment));
        out.put(
                ResourceTypes.REPLICA_SETS,
                new WorkloadStrategy<>(ReplicaSet.class, WorkloadDefaults::replicaSet, WorkloadValidation::replicaSet));
        out.put(
                ResourceTypes.STATEFUL_SETS,
                new WorkloadStrategy<>(
                        StatefulSet.class, WorkloadDefaults::statefulSet, WorkloadValidation::statefulSet));
        out.put(ResourceTypes.JOBS, new JobStrategy());
        out.put(ResourceTypes.CUSTOM_RESOURCE_DEFINITIONS, new CrdStrategy(clock));
        out.put(ResourceTypes.CERTIFICATE_SIGNING_REQUESTS, new CsrStrategy(clock));
        for (ResourceType t : ResourceTypes.all()) {
            if (!out.containsKey(t)) out.put(t, stored(t));
        }
        return Map.copyOf(out);
    }

    /** Five characters of upstream's random-name alphabet (no vowels, no look-alikes). */
    private static String suffix(SecureRandom random) {
        String alphabet = "bcdfghjklmnpqrstvwxz2456789";
        StringBuilder b = new StringBuilder(5);
        for (int i = 0; i < 5; i++) b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        return b.toString();
    }

    private static Strategy stored(ResourceType t) {
        KindTraits traits = GENERATION_AND_STATUS.contains(t)
                ? KindTraits.GENERATION_AND_STATUS
                : STATUS_ONLY.contains(t) ? KindTraits.STATUS : KindTraits.PLAIN;
        NameRule rule = PATH_SEGMENT_NAMES.contains(t) ? NameRule.PATH_SEGMENT : NameRule.DNS_SUBDOMAIN;
        return new StoredStrategy(t.namespaced(), rule, traits);
    }
}
