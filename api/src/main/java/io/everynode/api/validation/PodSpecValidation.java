package io.everynode.api.validation;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Upstream ValidatePodSpec, the parts Everynode relies on; shared by pods and templates. */
final class PodSpecValidation {
    static final List<String> RESTART_POLICIES = List.of("Always", "OnFailure", "Never");
    static final List<String> DNS_POLICIES = List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None");
    static final long MAX_INT32 = Integer.MAX_VALUE;

    private PodSpecValidation() {}

    static void spec(List<FieldError> errs, PodSpec spec, String p) {
        if (spec == null) {
            errs.add(FieldError.required(p + ".containers", ""));
            return;
        }
        Set<String> volumes = VolumeValidation.volumes(errs, spec.getVolumes(), p + ".volumes");
        boolean hostNetwork = Boolean.TRUE.equals(spec.getHostNetwork());
        Set<String> names = new HashSet<>();
        List<Container> init = spec.getInitContainers();
        if (init != null) {
            for (int i = 0; i < init.size(); i++) {
                ContainerValidation.container(
                        errs, init.get(i), p + ".initContainers[" + i + "]", names, volumes, hostNetwork, true);
            }
        }
        List<Container> containers = spec.getContainers();
        if (containers == null || containers.isEmpty()) {
            errs.add(FieldError.required(p + ".containers", ""));
        } else {
            for (int i = 0; i < containers.size(); i++) {
                ContainerValidation.container(
                        errs, containers.get(i), p + ".containers[" + i + "]", names, volumes, hostNetwork, false);
            }
        }
        String restart = spec.getRestartPolicy();
        if (Common.empty(restart)) {
            errs.add(FieldError.required(p + ".restartPolicy", ""));
        } else if (!RESTART_POLICIES.contains(restart)) {
            errs.add(FieldError.notSupported(p + ".restartPolicy", restart, RESTART_POLICIES));
        }
        String dns = spec.getDnsPolicy();
        if (Common.empty(dns)) {
            errs.add(FieldError.required(p + ".dnsPolicy", ""));
        } else if (!DNS_POLICIES.contains(dns)) {
            errs.add(FieldError.notSupported(p + ".dnsPolicy", dns, DNS_POLICIES));
        }
        Common.labels(errs, spec.getNodeSelector(), p + ".nodeSelector");
        Long ads = spec.getActiveDeadlineSeconds();
        if (ads != null && (ads < 1 || ads > MAX_INT32)) {
            errs.add(FieldError.invalid(p + ".activeDeadlineSeconds", ads, Common.inclusiveRange(1, MAX_INT32)));
        }
        TolerationValidation.tolerations(errs, spec.getTolerations(), p + ".tolerations");
        AffinityValidation.affinity(errs, spec.getAffinity(), p + ".affinity");
        if (!Common.empty(spec.getPriorityClassName())) {
            for (String msg : io.everynode.api.selector.LabelSyntax.dns1123Subdomain(spec.getPriorityClassName())) {
                errs.add(FieldError.invalid(p + ".priorityClassName", spec.getPriorityClassName(), msg));
            }
        }
        if (!Common.empty(spec.getPreemptionPolicy())
                && !List.of("PreemptLowerPriority", "Never").contains(spec.getPreemptionPolicy())) {
            errs.add(FieldError.notSupported(
                    p + ".preemptionPolicy", spec.getPreemptionPolicy(), List.of("Never", "PreemptLowerPriority")));
        }
    }
}
