package io.everynode.agent.process;

import io.everynode.agent.SourcedEnv;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A container's environment and command line, as the kubelet builds them: a small base (PATH,
 * HOME, HOSTNAME), then the variables of {@code envFrom}, then the container's {@code env} in
 * order: literal values with {@code $(VAR)} references expanded against what came before,
 * {@code fieldRef}s of the downward API, and configMapKeyRef and secretKeyRef values as the agent
 * resolved them ({@link SourcedEnv}; not expanded). Resource fields are left out.
 */
public final class ContainerEnv {
    private ContainerEnv() {}

    static Map<String, String> of(
            Pod pod, Container c, String nodeName, String podIP, String hostIP, SourcedEnv sourced) {
        Map<String, String> base = new LinkedHashMap<>();
        String path = System.getenv("PATH");
        base.put("PATH", path != null ? path : "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        String home = System.getenv("HOME");
        base.put("HOME", home != null ? home : "/");
        return of(pod, c, nodeName, podIP, hostIP, sourced, base);
    }

    /**
     * As above over {@code base} instead of the agent's PATH and HOME (the container runtime
     * passes the image's Env): HOSTNAME is the pod's name, then envFrom, then env.
     */
    public static Map<String, String> of(
            Pod pod,
            Container c,
            String nodeName,
            String podIP,
            String hostIP,
            SourcedEnv sourced,
            Map<String, String> base) {
        Map<String, String> env = new LinkedHashMap<>(base);
        env.put("HOSTNAME", pod.getMetadata().getName());
        env.putAll(sourced.fromEnvFrom());
        if (c.getEnv() == null) return env;
        for (EnvVar v : c.getEnv()) {
            if (v.getValueFrom() != null) {
                if (v.getValueFrom().getFieldRef() != null) {
                    String value = field(pod, v.getValueFrom().getFieldRef().getFieldPath(), nodeName, podIP, hostIP);
                    if (value != null) env.put(v.getName(), value);
                } else if (sourced.fromRefs().containsKey(v.getName())) {
                    env.put(v.getName(), sourced.fromRefs().get(v.getName()));
                }
                continue;
            }
            env.put(v.getName(), expand(v.getValue() == null ? "" : v.getValue(), env));
        }
        return env;
    }

    /** The downward API fields the process runtime knows; null for any other. */
    static String field(Pod pod, String path, String nodeName, String podIP, String hostIP) {
        if (path == null) return null;
        return switch (path) {
            case "spec.nodeName" -> nodeName;
            case "metadata.name" -> pod.getMetadata().getName();
            case "metadata.namespace" -> pod.getMetadata().getNamespace();
            case "metadata.uid" -> pod.getMetadata().getUid();
            case "status.podIP" -> podIP;
            case "status.hostIP" -> hostIP;
            case "spec.serviceAccountName" ->
                pod.getSpec().getServiceAccountName() == null
                        ? "default"
                        : pod.getSpec().getServiceAccountName();
            default -> labelOrAnnotation(pod, path);
        };
    }

    private static String labelOrAnnotation(Pod pod, String path) {
        for (String kind : List.of("labels", "annotations")) {
            String prefix = "metadata." + kind + "['";
            if (path.startsWith(prefix) && path.endsWith("']")) {
                Map<String, String> m = kind.equals("labels")
                        ? pod.getMetadata().getLabels()
                        : pod.getMetadata().getAnnotations();
                return m == null ? "" : m.getOrDefault(path.substring(prefix.length(), path.length() - 2), "");
            }
        }
        return null;
    }

    /**
     * The command line: an explicit command with its args, else the image's entrypoint with the
     * args; {@code $(VAR)} in either is expanded from the environment (the kubelet's rule;
     * {@code $$(VAR)} stays literal, an unknown reference stays as written).
     */
    static List<String> commandLine(Container c, String entrypoint, Map<String, String> env) {
        List<String> out = new ArrayList<>();
        if (c.getCommand() != null && !c.getCommand().isEmpty()) {
            for (String s : c.getCommand()) out.add(expand(s, env));
        } else {
            out.add(entrypoint);
        }
        if (c.getArgs() != null) for (String s : c.getArgs()) out.add(expand(s, env));
        return out;
    }

    public static String expand(String s, Map<String, String> env) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char ch = s.charAt(i);
            if (ch == '$' && i + 1 < s.length() && s.charAt(i + 1) == '$') {
                b.append('$');
                i += 2;
            } else if (ch == '$' && i + 1 < s.length() && s.charAt(i + 1) == '(') {
                int close = s.indexOf(')', i + 2);
                String name = close < 0 ? null : s.substring(i + 2, close);
                if (name != null && env.containsKey(name)) {
                    b.append(env.get(name));
                    i = close + 1;
                } else {
                    b.append(ch);
                    i++;
                }
            } else {
                b.append(ch);
                i++;
            }
        }
        return b.toString();
    }
}
