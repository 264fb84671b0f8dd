package io.everynode.apiserver.admission.podsecurity;

import io.everynode.api.podsecurity.Level;
import io.everynode.api.podsecurity.NamespacePolicy;
import io.everynode.api.resource.ResourceTypes;
import io.everynode.apiserver.registry.Admission;
import io.everynode.apiserver.registry.Meta;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * Upstream's PodSecurity admission plugin: namespaces' labels are checked and tried on their
 * pods, pods are checked against their namespace's policy in every mode, workloads' pod
 * templates in audit and warn. Deletes and subresources (a pod's status, a workload's scale) are
 * never checked.
 */
public final class PodSecurityAdmission implements Admission {
    private final PodSecurityExemptions exemptions;
    private final NamespacePolicy defaults;
    private final NamespaceLabels namespaces;

    /** Upstream's defaults: nothing exempt, privileged where a namespace says nothing. */
    public PodSecurityAdmission() {
        this(PodSecurityExemptions.NONE, NamespacePolicy.PRIVILEGED);
    }

    public PodSecurityAdmission(PodSecurityExemptions exemptions, NamespacePolicy defaults) {
        this.exemptions = exemptions;
        this.defaults = defaults;
        this.namespaces = new NamespaceLabels(exemptions, defaults);
    }

    @Override
    public void admit(Request r) {
        if (r.operation() == Operation.DELETE || r.subresource() != null) return;
        if (r.type() == ResourceTypes.NAMESPACES) {
            namespaces.admit(r);
        } else if (r.type() == ResourceTypes.PODS) {
            pod(r);
        } else if (PodTemplates.hasTemplate(r.type())) {
            workload(r);
        }
    }

    private void pod(Request r) {
        if (exempt(r)) return;
        NamespacePolicy.Parsed policy = policyOf(r);
        if (policy.errors().isEmpty() && policy.policy().fullyPrivileged()) return;
        if (r.operation() == Operation.UPDATE && !PodUpdates.significant(r.object(), r.old())) return;
        PodTemplates.PodShape pod =
                PodTemplates.PodShape.of(r.object().path("metadata"), r.object().path("spec"));
        ModeChecks.run(policy, pod, r, true, exemptions);
    }

    private void workload(Request r) {
        if (exempt(r)) return;
        NamespacePolicy.Parsed policy = policyOf(r);
        NamespacePolicy p = policy.policy();
        if (policy.errors().isEmpty()
                && p.warn().level() == Level.PRIVILEGED
                && p.audit().level() == Level.PRIVILEGED) return;
        PodTemplates.PodShape template = PodTemplates.of(r.type(), r.object());
        if (template == null) return;
        ModeChecks.run(policy, template, r, false, exemptions);
    }

    private boolean exempt(Request r) {
        if (exemptions.namespace(r.namespace())) {
            r.caller().annotate(AuditKeys.EXEMPT, "namespace");
            return true;
        }
        if (exemptions.user(r.caller().user().name())) {
            r.caller().annotate(AuditKeys.EXEMPT, "user");
            return true;
        }
        return false;
    }

    /** The policy of the request's namespace, from the watch cache (as upstream reads it from its informer). */
    private NamespacePolicy.Parsed policyOf(Request r) {
        ObjectNode ns = r.lookup().get(ResourceTypes.NAMESPACES, null, r.namespace());
        Map<String, String> labels = ns == null ? Map.of() : Meta.labels(ns);
        return NamespacePolicy.parse(labels, defaults);
    }
}
