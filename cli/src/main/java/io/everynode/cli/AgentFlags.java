package io.everynode.cli;

import io.everynode.agent.eviction.EvictionConfig;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parsing of the agent's list flags, in the kubelet's syntax; each refusal says what was expected. */
final class AgentFlags {
    private static final Set<String> EFFECTS = Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");

    private AgentFlags() {}

    /**
     * A warning when the log endpoint bound on {@code address} is not where the API server looks
     * for it, the node's InternalIP {@code nodeIP} (it never follows anything else); null when it
     * is that address or a wildcard.
     */
    static String logAddressWarning(String nodeIP, String address) {
        if (address.equals(nodeIP) || address.equals("0.0.0.0") || address.equals("::")) return null;
        return "the API server fetches logs at the node's InternalIP " + nodeIP
                + " (--node-ip), but the log endpoint listens on " + address
                + " (--address): kubectl logs will not reach this node unless " + nodeIP + " leads there";
    }

    /** This host's name in lower case, the kubelet's default node name; "localhost" when it has none. */
    static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName().toLowerCase(java.util.Locale.ROOT);
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    /** {@code k=v,k2=v2} (empty: none). */
    static Map<String, String> labels(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : parts(text)) {
            int eq = part.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("not a label: \"" + part + "\" (use key=value)");
            out.put(part.substring(0, eq), part.substring(eq + 1));
        }
        return out;
    }

    /** {@code key=value:Effect} or {@code key:Effect}, comma-separated, as {@code --register-with-taints}. */
    static List<Taint> taints(String text) {
        List<Taint> out = new ArrayList<>();
        for (String part : parts(text)) {
            int colon = part.lastIndexOf(':');
            if (colon <= 0) throw new IllegalArgumentException("not a taint: \"" + part + "\" (use key=value:Effect)");
            String effect = part.substring(colon + 1);
            if (!EFFECTS.contains(effect)) {
                throw new IllegalArgumentException("unknown taint effect \"" + effect + "\" in \"" + part
                        + "\" (use NoSchedule, PreferNoSchedule or NoExecute)");
            }
            String kv = part.substring(0, colon);
            int eq = kv.indexOf('=');
            String key = eq < 0 ? kv : kv.substring(0, eq);
            String value = eq < 0 ? null : kv.substring(eq + 1);
            if (key.isEmpty()) throw new IllegalArgumentException("a taint needs a key: \"" + part + "\"");
            out.add(new TaintBuilder()
                    .withKey(key)
                    .withValue(value)
                    .withEffect(effect)
                    .build());
        }
        return out;
    }

    /** {@code cpu=4,memory=8Gi,pods=110} over {@code defaults}: only the named ones change. */
    static Map<String, Quantity> capacity(String text, Map<String, Quantity> defaults) {
        Map<String, Quantity> out = new LinkedHashMap<>(defaults);
        for (Map.Entry<String, String> e : labels(text).entrySet()) {
            if (!Set.of("cpu", "memory", "pods").contains(e.getKey())) {
                throw new IllegalArgumentException("unknown capacity \"" + e.getKey() + "\" (use cpu, memory, pods)");
            }
            Quantity q;
            try {
                q = new Quantity(e.getValue());
                Quantity.getAmountInBytes(q);
            } catch (RuntimeException ex) {
                throw new IllegalArgumentException("not a quantity: " + e.getKey() + "=" + e.getValue());
            }
            out.put(e.getKey(), q);
        }
        return out;
    }

    /** {@code --eviction-hard} (kubelet syntax) and {@code --eviction-pressure-transition-period} over the kubelet's defaults. */
    static EvictionConfig eviction(String hard, java.time.Duration transition) {
        if (transition.isNegative())
            throw new IllegalArgumentException("--eviction-pressure-transition-period must not be negative");
        return EvictionConfig.defaults()
                .withHard(EvictionConfig.parseHard(hard))
                .withPressureTransitionPeriod(transition);
    }

    /**
     * {@code --node-status-update-frequency}: how often the node renews its Lease and posts its
     * status. Positive, and shorter than the node Lease's 40 s, or the node would be NotReady
     * between two reports.
     */
    static java.time.Duration statusUpdateFrequency(java.time.Duration every) {
        if (every.isNegative() || every.isZero() || every.compareTo(java.time.Duration.ofSeconds(40)) >= 0)
            throw new IllegalArgumentException(
                    "--node-status-update-frequency must be more than 0s and less than the node Lease's 40s, not "
                            + every.toMillis() + "ms");
        return every;
    }

    private static List<String> parts(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) return out;
        for (String p : text.split(",")) {
            if (!p.isBlank()) out.add(p.strip());
        }
        return out;
    }
}
