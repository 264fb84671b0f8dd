package io.everynode.api.podsecurity;

import static io.everynode.api.podsecurity.Words.containers;
import static io.everynode.api.podsecurity.Words.joinQuote;
import static io.everynode.api.podsecurity.Words.pluralize;

import io.fabric8.kubernetes.api.model.AppArmorProfile;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SELinuxOptions;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The baseline checks on a container's confinement profiles: AppArmor, SELinux and seccomp
 * (upstream's check_appArmorProfile, check_seLinuxOptions, check_seccompProfile_baseline).
 */
final class ProfileChecks {
    private ProfileChecks() {}

    static final String APPARMOR_ANNOTATION_PREFIX = "container.apparmor.security.beta.kubernetes.io/";
    static final Set<String> SELINUX_TYPES =
            Set.of("", "container_t", "container_init_t", "container_kvm_t", "container_engine_t");

    static List<Check> all() {
        return List.of(
                Check.baseline("appArmorProfile", ProfileChecks::appArmor),
                Check.baseline("seLinuxOptions", ProfileChecks::seLinux),
                Check.baseline("seccompProfile_baseline", ProfileChecks::seccompBaseline));
    }

    static Violation appArmor(ObjectMeta meta, PodSpec spec) {
        List<String> setters = new ArrayList<>();
        Set<String> values = new TreeSet<>();
        if (spec.getSecurityContext() != null
                && badAppArmor(spec.getSecurityContext().getAppArmorProfile())) {
            setters.add("pod");
            values.add(orEmpty(spec.getSecurityContext().getAppArmorProfile().getType()));
        }
        List<String> bad = new ArrayList<>();
        for (PodContainer c : PodContainer.of(spec)) {
            if (c.securityContext() != null && badAppArmor(c.securityContext().getAppArmorProfile())) {
                bad.add(c.name());
                values.add(orEmpty(c.securityContext().getAppArmorProfile().getType()));
            }
        }
        if (!bad.isEmpty()) setters.add(containers(bad));
        List<String> all = new ArrayList<>(values);
        Set<String> annotations = new TreeSet<>();
        for (Map.Entry<String, String> a : annotations(meta).entrySet()) {
            String v = a.getValue() == null ? "" : a.getValue();
            boolean allowed = v.isEmpty() || v.equals("runtime/default") || v.startsWith("localhost/");
            if (a.getKey().startsWith(APPARMOR_ANNOTATION_PREFIX) && !allowed) {
                annotations.add(a.getKey() + "=" + Words.quote(v));
            }
        }
        if (!annotations.isEmpty()) {
            all.addAll(annotations);
            setters.add(pluralize("annotation", "annotations", annotations.size()));
        }
        if (setters.isEmpty()) return null;
        return new Violation(
                pluralize("forbidden AppArmor profile", "forbidden AppArmor profiles", all.size()),
                String.join(" and ", setters) + " must not set AppArmor profile type to " + joinQuote(all));
    }

    private static boolean badAppArmor(AppArmorProfile p) {
        return p != null && !"RuntimeDefault".equals(p.getType()) && !"Localhost".equals(p.getType());
    }

    static Violation seLinux(ObjectMeta meta, PodSpec spec) {
        Set<String> badTypes = new TreeSet<>();
        boolean[] userRole = new boolean[2];
        List<String> setters = new ArrayList<>();
        if (spec.getSecurityContext() != null
                && badSeLinux(spec.getSecurityContext().getSeLinuxOptions(), badTypes, userRole)) {
            setters.add("pod");
        }
        List<String> bad = new ArrayList<>();
        for (PodContainer c : PodContainer.of(spec)) {
            if (c.securityContext() != null
                    && badSeLinux(c.securityContext().getSeLinuxOptions(), badTypes, userRole)) {
                bad.add(c.name());
            }
        }
        if (!bad.isEmpty()) setters.add(containers(bad));
        if (setters.isEmpty()) return null;
        List<String> data = new ArrayList<>();
        // As upstream words it: the user and role notes follow the bad types, and only when a type is bad.
        if (!badTypes.isEmpty()) {
            data.add(pluralize("type", "types", badTypes.size()) + " " + joinQuote(badTypes));
            if (userRole[0]) data.add("user may not be set");
            if (userRole[1]) data.add("role may not be set");
        }
        return new Violation(
                "seLinuxOptions",
                String.join(" and ", setters) + " set forbidden securityContext.seLinuxOptions: "
                        + String.join("; ", data));
    }

    private static boolean badSeLinux(SELinuxOptions o, Set<String> badTypes, boolean[] userRole) {
        if (o == null) return false;
        boolean valid = true;
        String type = o.getType() == null ? "" : o.getType();
        if (!SELINUX_TYPES.contains(type)) {
            valid = false;
            badTypes.add(type);
        }
        if (o.getUser() != null && !o.getUser().isEmpty()) {
            valid = false;
            userRole[0] = true;
        }
        if (o.getRole() != null && !o.getRole().isEmpty()) {
            valid = false;
            userRole[1] = true;
        }
        return !valid;
    }

    static Violation seccompBaseline(ObjectMeta meta, PodSpec spec) {
        List<String> setters = new ArrayList<>();
        Set<String> values = new TreeSet<>();
        if (spec.getSecurityContext() != null
                && badSeccomp(spec.getSecurityContext().getSeccompProfile())) {
            setters.add("pod");
            values.add(orEmpty(spec.getSecurityContext().getSeccompProfile().getType()));
        }
        List<String> bad = new ArrayList<>();
        for (PodContainer c : PodContainer.of(spec)) {
            if (c.securityContext() != null && badSeccomp(c.securityContext().getSeccompProfile())) {
                bad.add(c.name());
                values.add(orEmpty(c.securityContext().getSeccompProfile().getType()));
            }
        }
        if (!bad.isEmpty()) setters.add(containers(bad));
        if (setters.isEmpty()) return null;
        return new Violation(
                "seccompProfile",
                String.join(" and ", setters) + " must not set securityContext.seccompProfile.type to "
                        + joinQuote(values));
    }

    /** Set, and to something other than RuntimeDefault or Localhost. */
    static boolean badSeccomp(SeccompProfile p) {
        return p != null && !validSeccomp(p);
    }

    static boolean validSeccomp(SeccompProfile p) {
        return "RuntimeDefault".equals(p.getType()) || "Localhost".equals(p.getType());
    }

    static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static Map<String, String> annotations(ObjectMeta meta) {
        return meta == null || meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
    }
}
