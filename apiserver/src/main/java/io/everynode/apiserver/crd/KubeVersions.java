package io.everynode.apiserver.crd;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes' version priority, as discovery orders the versions of a group: GA before beta
 * before alpha, higher major then higher minor first ({@code v2 > v1 > v1beta2 > v1beta1 >
 * v1alpha1}); names that are not Kubernetes versions come last, alphabetically.
 */
final class KubeVersions {
    private static final Pattern VERSION = Pattern.compile("v(\\d+)(?:(alpha|beta)(\\d+))?");

    /** Highest priority first. */
    static final Comparator<String> PRIORITY = KubeVersions::compare;

    private KubeVersions() {}

    private static int compare(String a, String b) {
        Matcher ma = VERSION.matcher(a);
        Matcher mb = VERSION.matcher(b);
        boolean ka = ma.matches();
        boolean kb = mb.matches();
        if (!ka || !kb) return ka ? -1 : kb ? 1 : a.compareTo(b);
        int sa = stability(ma.group(2));
        int sb = stability(mb.group(2));
        if (sa != sb) return Integer.compare(sb, sa);
        int major = Long.compare(Long.parseLong(mb.group(1)), Long.parseLong(ma.group(1)));
        if (major != 0 || ma.group(3) == null) return major;
        return Long.compare(Long.parseLong(mb.group(3)), Long.parseLong(ma.group(3)));
    }

    private static int stability(String level) {
        return level == null ? 2 : level.equals("beta") ? 1 : 0;
    }
}
