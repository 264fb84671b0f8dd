package io.everynode.api.defaults;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;

/**
 * Service defaulting (upstream SetDefaults_Service): type ClusterIP, sessionAffinity None, each
 * port's protocol TCP and targetPort its port, traffic policies Cluster where they apply. Address
 * allocation (clusterIP, nodePorts) is the API server's, not defaulting.
 */
public final class ServiceDefaults {
    private ServiceDefaults() {}

    public static void apply(Service svc) {
        ServiceSpec spec = svc.getSpec();
        if (spec == null) {
            spec = new ServiceSpec();
            svc.setSpec(spec);
        }
        if (empty(spec.getType())) spec.setType("ClusterIP");
        if (empty(spec.getSessionAffinity())) spec.setSessionAffinity("None");
        if (spec.getPorts() != null) {
            for (ServicePort p : spec.getPorts()) {
                if (empty(p.getProtocol())) p.setProtocol("TCP");
                IntOrString target = p.getTargetPort();
                boolean unset = target == null
                        || (target.getIntVal() == null && empty(target.getStrVal()))
                        || Integer.valueOf(0).equals(target.getIntVal());
                if (unset && p.getPort() != null) p.setTargetPort(new IntOrString(p.getPort()));
            }
        }
        String type = spec.getType();
        if (!type.equals("ExternalName") && empty(spec.getInternalTrafficPolicy())) {
            spec.setInternalTrafficPolicy("Cluster");
        }
        if ((type.equals("NodePort") || type.equals("LoadBalancer")) && empty(spec.getExternalTrafficPolicy())) {
            spec.setExternalTrafficPolicy("Cluster");
        }
        if (type.equals("LoadBalancer") && spec.getAllocateLoadBalancerNodePorts() == null) {
            spec.setAllocateLoadBalancerNodePorts(true);
        }
    }

    private static boolean empty(String s) {
        return s == null || s.isEmpty();
    }
}
