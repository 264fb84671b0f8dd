package io.everynode.agent.process;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Linux capability names and the set a container gets, as container runtimes compute it.
 *
 * <p>The default set is containerd's (and Docker's) for unprivileged containers: CHOWN,
 * DAC_OVERRIDE, FSETID, FOWNER, MKNOD, NET_RAW, SETGID, SETUID, SETFCAP, SETPCAP,
 * NET_BIND_SERVICE, SYS_CHROOT, KILL, AUDIT_WRITE. A securityContext's {@code add} and
 * {@code drop} apply to it in containerd's order: {@code add: [ALL]} makes it every capability,
 * then {@code drop: [ALL]} empties it, then the named ones are added, then the named ones dropped.
 * Names are those of capabilities(7) without {@code CAP_}; the prefix and any case are accepted.
 */
public final class Capabilities {
    /** Every capability Linux 6 knows, in number order (CAP_CHOWN = 0 … CAP_CHECKPOINT_RESTORE = 40). */
    public static final List<String> KNOWN = List.of(
            "CHOWN",
            "DAC_OVERRIDE",
            "DAC_READ_SEARCH",
            "FOWNER",
            "FSETID",
            "KILL",
            "SETGID",
            "SETUID",
            "SETPCAP",
            "LINUX_IMMUTABLE",
            "NET_BIND_SERVICE",
            "NET_BROADCAST",
            "NET_ADMIN",
            "NET_RAW",
            "IPC_LOCK",
            "IPC_OWNER",
            "SYS_MODULE",
            "SYS_RAWIO",
            "SYS_CHROOT",
            "SYS_PTRACE",
            "SYS_PACCT",
            "SYS_ADMIN",
            "SYS_BOOT",
            "SYS_NICE",
            "SYS_RESOURCE",
            "SYS_TIME",
            "SYS_TTY_CONFIG",
            "MKNOD",
            "LEASE",
            "AUDIT_WRITE",
            "AUDIT_CONTROL",
            "SETFCAP",
            "MAC_OVERRIDE",
            "MAC_ADMIN",
            "SYSLOG",
            "WAKE_ALARM",
            "BLOCK_SUSPEND",
            "AUDIT_READ",
            "PERFMON",
            "BPF",
            "CHECKPOINT_RESTORE");

    /** containerd's default set for containers that are not privileged. */
    static final Set<String> DEFAULT = Set.of(
            "CHOWN",
            "DAC_OVERRIDE",
            "FSETID",
            "FOWNER",
            "MKNOD",
            "NET_RAW",
            "SETGID",
            "SETUID",
            "SETFCAP",
            "SETPCAP",
            "NET_BIND_SERVICE",
            "SYS_CHROOT",
            "KILL",
            "AUDIT_WRITE");

    /** {@link #DEFAULT} in number order. */
    static final Set<String> DEFAULT_ORDERED = ordered(DEFAULT);

    /** A name that is no capability, with the field it came from. */
    public static final class Unknown extends Exception {
        private static final long serialVersionUID = 1L;

        public final String field;

        Unknown(String field, String name) {
            super(name);
            this.field = field;
        }
    }

    private Capabilities() {}

    /** {@code NET_ADMIN}, {@code net_admin} and {@code CAP_NET_ADMIN} all name CAP_NET_ADMIN; ALL stays ALL. */
    static String normalize(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT);
        return n.startsWith("CAP_") ? n.substring(4) : n;
    }

    /**
     * The container's set, in number order.
     *
     * @param field the field path of the {@code capabilities} object, for naming a bad entry
     */
    public static Set<String> effective(List<String> add, List<String> drop, String field) throws Unknown {
        List<String> a = check(add, field + ".add");
        List<String> d = check(drop, field + ".drop");
        Set<String> out = new LinkedHashSet<>(DEFAULT);
        if (a.contains("ALL")) out.addAll(KNOWN);
        if (d.contains("ALL")) out.clear();
        for (String c : a) if (!c.equals("ALL")) out.add(c);
        for (String c : d) out.remove(c);
        return ordered(out);
    }

    private static Set<String> ordered(Set<String> caps) {
        Set<String> out = new LinkedHashSet<>();
        for (String k : KNOWN) if (caps.contains(k)) out.add(k);
        return java.util.Collections.unmodifiableSet(out);
    }

    private static List<String> check(List<String> names, String field) throws Unknown {
        if (names == null) return List.of();
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String n = normalize(names.get(i) == null ? "" : names.get(i));
            if (!n.equals("ALL") && !KNOWN.contains(n)) throw new Unknown(field + "[" + i + "]", names.get(i));
            out.add(n);
        }
        return out;
    }

    /** The bounding set in a /proc status file ({@code CapBnd:} as hex), by name; null when it cannot be read. */
    public static Set<String> bounding(java.nio.file.Path status) {
        try {
            for (String line : java.nio.file.Files.readAllLines(status)) {
                if (!line.startsWith("CapBnd:")) continue;
                long mask = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                Set<String> out = new LinkedHashSet<>();
                for (int i = 0; i < KNOWN.size(); i++) if ((mask & (1L << i)) != 0) out.add(KNOWN.get(i));
                return java.util.Collections.unmodifiableSet(out);
            }
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
        return null;
    }
}
