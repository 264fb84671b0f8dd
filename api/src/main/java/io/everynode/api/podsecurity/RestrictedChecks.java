package io.everynode.api.podsecurity;

import static io.everynode.api.podsecurity.Words.containers;
import static io.everynode.api.podsecurity.Words.joinQuote;
import static io.everynode.api.podsecurity.Words.pluralize;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The restricted level's own checks (upstream's check_restrictedVolumes,
 * check_allowPrivilegeEscalation, check_runAsNonRoot, check_runAsUser,
 * check_seccompProfile_restricted, check_capabilities_restricted, check_procMount_restricted);
 * some replace the baseline check on the same field.
 */
final class RestrictedChecks {
    private RestrictedChecks() {}

    static List<Check> all() {
        return List.of(
                Check.restricted("allowPrivilegeEscalation", List.of(), RestrictedChecks::allowPrivilegeEscalation),
                Check.restricted(
                        "capabilities_restricted", List.of("capabilities_baseline"), RestrictedChecks::capabilities),
                Check.restricted("procMount_restricted", List.of("procMount"), PrivilegeChecks::procMount),
                Check.restricted("restrictedVolumes", List.of("hostPathVolumes"), RestrictedChecks::volumes),
                Check.restricted("runAsNonRoot", List.of(), RestrictedChecks::runAsNonRoot),
                Check.restricted("runAsUser", List.of(), RestrictedChecks::runAsUser),
                Check.restricted(
                        "seccompProfile_restricted", List.of("seccompProfile_baseline"), RestrictedChecks::seccomp));
    }

    static Violation volumes(ObjectMeta meta, PodSpec spec) {
        List<String> bad = new ArrayList<>();
        Set<String> types = new TreeSet<>();
        for (Volume v : PodContainer.nonNull(spec.getVolumes())) {
            if (v.getConfigMap() != null
                    || v.getCsi() != null
                    || v.getDownwardAPI() != null
                    || v.getEmptyDir() != null
                    || v.getEphemeral() != null
                    || v.getPersistentVolumeClaim() != null
                    || v.getProjected() != null
                    || v.getSecret() != null
                    || v.getImage() != null) continue;
            bad.add(v.getName());
            types.add(type(v));
        }
        if (bad.isEmpty()) return null;
        return new Violation(
                "restricted volume types",
                pluralize("volume", "volumes", bad.size()) + " " + joinQuote(bad) + " "
                        + pluralize("uses", "use", bad.size()) + " "
                        + pluralize("restricted volume type", "restricted volume types", types.size()) + " "
                        + joinQuote(types));
    }

    private static String type(Volume v) {
        if (v.getHostPath() != null) return "hostPath";
        if (v.getGcePersistentDisk() != null) return "gcePersistentDisk";
        if (v.getAwsElasticBlockStore() != null) return "awsElasticBlockStore";
        if (v.getGitRepo() != null) return "gitRepo";
        if (v.getNfs() != null) return "nfs";
        if (v.getIscsi() != null) return "iscsi";
        if (v.getGlusterfs() != null) return "glusterfs";
        if (v.getRbd() != null) return "rbd";
        if (v.getFlexVolume() != null) return "flexVolume";
        if (v.getCinder() != null) return "cinder";
        if (v.getCephfs() != null) return "cephfs";
        if (v.getFlocker() != null) return "flocker";
        if (v.getFc() != null) return "fc";
        if (v.getAzureFile() != null) return "azureFile";
        if (v.getVsphereVolume() != null) return "vsphereVolume";
        if (v.getQuobyte() != null) return "quobyte";
        if (v.getAzureDisk() != null) return "azureDisk";
        if (v.getPhotonPersistentDisk() != null) return "photonPersistentDisk";
        if (v.getPortworxVolume() != null) return "portworxVolume";
        if (v.getScaleIO() != null) return "scaleIO";
        if (v.getStorageos() != null) return "storageos";
        return "unknown";
    }

    static Violation allowPrivilegeEscalation(ObjectMeta meta, PodSpec spec) {
        if (windows(spec)) return null;
        List<String> bad = new ArrayList<>();
        for (PodContainer c : PodContainer.of(spec)) {
            if (c.securityContext() == null
                    || !Boolean.FALSE.equals(c.securityContext().getAllowPrivilegeEscalation())) {
                bad.add(c.name());
            }
        }
        if (bad.isEmpty()) return null;
        return new Violation(
                "allowPrivilegeEscalation != false",
                containers(bad) + " must set securityContext.allowPrivilegeEscalation=false");
    }

    static Violation runAsNonRoot(ObjectMeta meta, PodSpec spec) {
        if (PrivilegeChecks.userNamespaced(spec)) return null;
        List<String> setters = new ArrayList<>();
        boolean podNonRoot = false;
        if (spec.getSecurityContext() != null && spec.getSecurityContext().getRunAsNonRoot() != null) {
            if (spec.getSecurityContext().getRunAsNonRoot()) podNonRoot = true;
            else setters.add("pod");
        }
        List<String> explicit = new ArrayList<>();
        List<String> implicit = new ArrayList<>();
        for (PodContainer c : PodContainer.of(spec)) {
            Boolean nonRoot =
                    c.securityContext() == null ? null : c.securityContext().getRunAsNonRoot();
            if (nonRoot != null) {
                if (!nonRoot) explicit.add(c.name());
            } else if (!podNonRoot) {
                implicit.add(c.name());
            }
        }
        if (!explicit.isEmpty()) setters.add(containers(explicit));
        if (!setters.isEmpty()) {
            return new Violation(
                    "runAsNonRoot != true",
                    String.join(" and ", setters) + " must not set securityContext.runAsNonRoot=false");
        }
        if (!implicit.isEmpty()) {
            return new Violation(
                    "runAsNonRoot != true",
                    "pod or " + containers(implicit) + " must set securityContext.runAsNonRoot=true");
        }
        return null;
    }

    static Violation runAsUser(ObjectMeta meta, PodSpec spec) {
        if (PrivilegeChecks.userNamespaced(spec)) return null;
        List<String> setters = new ArrayList<>();
        if (spec.getSecurityContext() != null
                && Long.valueOf(0).equals(spec.getSecurityContext().getRunAsUser())) {
            setters.add("pod");
        }
        List<String> bad = new ArrayList<>();
        for (PodContainer c : PodContainer.of(spec)) {
            if (c.securityContext() != null
                    && Long.valueOf(0).equals(c.securityContext().getRunAsUser())) {
                bad.add(c.name());
            }
        }
        if (!bad.isEmpty()) setters.add(containers(bad));
        if (setters.isEmpty()) return null;
        return new Violation("runAsUser=0", String.join(" and ", setters) + " must not set runAsUser=0");
    }

    static Violation seccomp(ObjectMeta meta, PodSpec spec) {
        if (windows(spec)) return null;
        List<String> setters = new ArrayList<>();
        Set<String> values = new TreeSet<>();
        boolean podSet = false;
        if (spec.getSecurityContext() != null && spec.getSecurityContext().getSeccompProfile() != null) {
            if (ProfileChecks.validSeccomp(spec.getSecurityContext().getSeccompProfile())) {
                podSet = true;
            } else {
                setters.add("pod");
                values.add(ProfileChecks.orEmpty(
                        spec.getSecurityContext().getSeccompProfile().getType()));
            }
        }
        List<String> explicit = new ArrayList<>();
        List<String> implicit = new ArrayList<>();
        for (PodContainer c : PodContainer.of(spec)) {
            if (c.securityContext() != null && c.securityContext().getSeccompProfile() != null) {
                if (!ProfileChecks.validSeccomp(c.securityContext().getSeccompProfile())) {
                    explicit.add(c.name());
                    values.add(ProfileChecks.orEmpty(
                            c.securityContext().getSeccompProfile().getType()));
                }
            } else if (!podSet) {
                implicit.add(c.name());
            }
        }
        if (!explicit.isEmpty()) setters.add(containers(explicit));
        if (!setters.isEmpty()) {
            return new Violation(
                    "seccompProfile",
                    String.join(" and ", setters) + " must not set securityContext.seccompProfile.type to "
                            + joinQuote(values));
        }
        if (!implicit.isEmpty()) {
            return new Violation(
                    "seccompProfile",
                    "pod or " + containers(implicit)
                            + " must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\"");
        }
        return null;
    }

    static Violation capabilities(ObjectMeta meta, PodSpec spec) {
        if (windows(spec)) return null;
        List<String> missingDropAll = new ArrayList<>();
        List<String> adding = new ArrayList<>();
        Set<String> forbidden = new TreeSet<>();
        for (PodContainer c : PodContainer.of(spec)) {
            Capabilities caps =
                    c.securityContext() == null ? null : c.securityContext().getCapabilities();
            if (caps == null) {
                missingDropAll.add(c.name());
                continue;
            }
            if (!PodContainer.nonNull(caps.getDrop()).contains("ALL")) missingDropAll.add(c.name());
            boolean bad = false;
            for (String cap : PodContainer.nonNull(caps.getAdd())) {
                if (!"NET_BIND_SERVICE".equals(cap)) {
                    bad = true;
                    forbidden.add(cap);
                }
            }
            if (bad) adding.add(c.name());
        }
        List<String> details = new ArrayList<>();
        if (!missingDropAll.isEmpty()) {
            details.add(containers(missingDropAll) + " must set securityContext.capabilities.drop=[\"ALL\"]");
        }
        if (!adding.isEmpty()) {
            details.add(containers(adding) + " must not include " + joinQuote(forbidden)
                    + " in securityContext.capabilities.add");
        }
        return details.isEmpty() ? null : new Violation("unrestricted capabilities", String.join("; ", details));
    }

    /** Upstream (1.25+) waives the Linux-only restricted checks for pods that say they run on Windows. */
    private static boolean windows(PodSpec spec) {
        return spec.getOs() != null && "windows".equals(spec.getOs().getName());
    }
}
