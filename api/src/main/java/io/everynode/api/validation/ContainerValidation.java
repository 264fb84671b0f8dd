package io.everynode.api.validation;

import io.everynode.api.selector.LabelSyntax;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** One container: name, image, pull policy, ports, probes, resources, volume mounts. */
final class ContainerValidation {
    static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");
    static final List<String> PROTOCOLS = List.of("TCP", "UDP", "SCTP");
    static final List<String> MESSAGE_POLICIES = List.of("File", "FallbackToLogsOnError");
    private static final Pattern PORT_NAME_CHARS = Pattern.compile("^[-a-z0-9]+$");
    private static final Pattern HAS_LETTER = Pattern.compile(".*[a-z].*");

    private ContainerValidation() {}

    /**
     * @param names container names seen so far in the pod (init and regular share one namespace)
     */
    static void container(
            List<FieldError> errs,
            Container c,
            String p,
            Set<String> names,
            Set<String> volumes,
            boolean hostNetwork,
            boolean init) {
        String name = c.getName();
        if (Common.empty(name)) {
            errs.add(FieldError.required(p + ".name", ""));
        } else {
            for (String msg : LabelSyntax.dns1123Label(name)) {
                errs.add(FieldError.invalid(p + ".name", name, msg));
            }
            if (!names.add(name)) {
                errs.add(FieldError.duplicate(p + ".name", name));
            }
        }
        String image = c.getImage();
        if (Common.empty(image)) {
            errs.add(FieldError.required(p + ".image", ""));
        } else if (!image.equals(image.strip())) {
            errs.add(FieldError.invalid(p + ".image", image, "must not have leading or trailing whitespace"));
        }
        String pull = c.getImagePullPolicy();
        if (Common.empty(pull)) {
            errs.add(FieldError.required(p + ".imagePullPolicy", ""));
        } else if (!PULL_POLICIES.contains(pull)) {
            errs.add(FieldError.notSupported(p + ".imagePullPolicy", pull, PULL_POLICIES));
        }
        String tmp = c.getTerminationMessagePolicy();
        if (Common.empty(tmp)) {
            errs.add(FieldError.required(p + ".terminationMessagePolicy", ""));
        } else if (!MESSAGE_POLICIES.contains(tmp)) {
            errs.add(FieldError.notSupported(p + ".terminationMessagePolicy", tmp, MESSAGE_POLICIES));
        }
        ports(errs, c.getPorts(), p + ".ports", hostNetwork);
        if (!init) {
            probe(errs, c.getLivenessProbe(), p + ".livenessProbe", true);
            probe(errs, c.getReadinessProbe(), p + ".readinessProbe", false);
            probe(errs, c.getStartupProbe(), p + ".startupProbe", true);
        }
        resources(errs, c, p + ".resources");
        mounts(errs, c.getVolumeMounts(), p + ".volumeMounts", volumes);
    }

    /**
     * The ports of one container. Port names are unique within the container, not the pod, as
     * upstream's validateContainerPorts has it: sidecars may each name a port {@code healthz}.
     */
    static void ports(List<FieldError> errs, List<ContainerPort> ports, String path, boolean hostNetwork) {
        Set<String> portNames = new HashSet<>();
        if (ports == null) {
            return;
        }
        for (int i = 0; i < ports.size(); i++) {
            ContainerPort port = ports.get(i);
            String p = path + "[" + i + "]";
            if (!Common.empty(port.getName())) {
                for (String msg : portName(port.getName())) {
                    errs.add(FieldError.invalid(p + ".name", port.getName(), msg));
                }
                if (!portNames.add(port.getName())) {
                    errs.add(FieldError.duplicate(p + ".name", port.getName()));
                }
            }
            Integer cp = port.getContainerPort();
            if (cp == null || cp == 0) {
                errs.add(FieldError.required(p + ".containerPort", ""));
            } else if (cp < 1 || cp > 65535) {
                errs.add(FieldError.invalid(p + ".containerPort", cp, Common.inclusiveRange(1, 65535)));
            }
            Integer hp = port.getHostPort();
            if (hp != null && hp != 0) {
                if (hp < 1 || hp > 65535) {
                    errs.add(FieldError.invalid(p + ".hostPort", hp, Common.inclusiveRange(1, 65535)));
                } else if (hostNetwork && cp != null && !hp.equals(cp)) {
                    errs.add(FieldError.invalid(
                            p + ".hostPort", hp, "must match `containerPort` when `hostNetwork` is true"));
                }
            }
            String proto = port.getProtocol();
            if (Common.empty(proto)) {
                errs.add(FieldError.required(p + ".protocol", ""));
            } else if (!PROTOCOLS.contains(proto)) {
                errs.add(FieldError.notSupported(p + ".protocol", proto, PROTOCOLS));
            }
        }
    }

    /** Upstream IsValidPortName (IANA service name rules). */
    static List<String> portName(String name) {
        List<String> errs = new ArrayList<>();
        if (name.length() > 15) {
            errs.add("must be no more than 15 characters");
        }
        if (!PORT_NAME_CHARS.matcher(name).matches()) {
            errs.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }
        if (!HAS_LETTER.matcher(name).matches()) {
            errs.add("must contain at least one letter (a-z)");
        }
        if (name.contains("--")) {
            errs.add("must not contain consecutive hyphens");
        }
        if (name.startsWith("-") || name.endsWith("-")) {
            errs.add("must not begin or end with a hyphen");
        }
        return errs;
    }

    static void probe(List<FieldError> errs, Probe probe, String p, boolean successMustBeOne) {
        if (probe == null) {
            return;
        }
        List<String> handlers = new ArrayList<>();
        if (probe.getExec() != null) {
            handlers.add("exec");
        }
        if (probe.getHttpGet() != null) {
            handlers.add("httpGet");
        }
        if (probe.getTcpSocket() != null) {
            handlers.add("tcpSocket");
        }
        if (probe.getGrpc() != null) {
            handlers.add("grpc");
        }
        if (handlers.isEmpty()) {
            errs.add(FieldError.required(p, "must specify a handler type"));
        }
        for (int i = 1; i < handlers.size(); i++) {
            errs.add(FieldError.forbidden(p + "." + handlers.get(i), "may not specify more than 1 handler type"));
        }
        Common.nonNegative(errs, probe.getInitialDelaySeconds(), p + ".initialDelaySeconds");
        Common.nonNegative(errs, probe.getTimeoutSeconds(), p + ".timeoutSeconds");
        Common.nonNegative(errs, probe.getPeriodSeconds(), p + ".periodSeconds");
        Common.nonNegative(errs, probe.getSuccessThreshold(), p + ".successThreshold");
        Common.nonNegative(errs, probe.getFailureThreshold(), p + ".failureThreshold");
        if (successMustBeOne && probe.getSuccessThreshold() != null && probe.getSuccessThreshold() != 1) {
            errs.add(FieldError.invalid(p + ".successThreshold", probe.getSuccessThreshold(), "must be 1"));
        }
        if (probe.getHttpGet() != null && probe.getHttpGet().getPort() == null) {
            errs.add(FieldError.required(p + ".httpGet.port", ""));
        }
        if (probe.getTcpSocket() != null && probe.getTcpSocket().getPort() == null) {
            errs.add(FieldError.required(p + ".tcpSocket.port", ""));
        }
        if (probe.getExec() != null
                && (probe.getExec().getCommand() == null
                        || probe.getExec().getCommand().isEmpty())) {
            errs.add(FieldError.required(p + ".exec.command", ""));
        }
    }

    static void resources(List<FieldError> errs, Container c, String p) {
        if (c.getResources() == null) {
            return;
        }
        Map<String, BigDecimal> limits = quantities(errs, c.getResources().getLimits(), p + ".limits");
        Map<String, BigDecimal> requests = quantities(errs, c.getResources().getRequests(), p + ".requests");
        for (Map.Entry<String, BigDecimal> r : requests.entrySet()) {
            BigDecimal limit = limits.get(r.getKey());
            if (limit != null && r.getValue().compareTo(limit) > 0) {
                errs.add(FieldError.invalid(
                        p + ".requests[" + r.getKey() + "]",
                        c.getResources().getRequests().get(r.getKey()).toString(),
                        "must be less than or equal to " + r.getKey() + " limit of "
                                + c.getResources().getLimits().get(r.getKey()).toString()));
            }
        }
    }

    private static Map<String, BigDecimal> quantities(List<FieldError> errs, Map<String, Quantity> map, String p) {
        Map<String, BigDecimal> out = new java.util.TreeMap<>();
        if (map == null) {
            return out;
        }
        for (Map.Entry<String, Quantity> e : map.entrySet()) {
            String key = p + "[" + e.getKey() + "]";
            Common.labelName(errs, e.getKey(), key);
            BigDecimal amount;
            try {
                amount = e.getValue().getNumericalAmount();
            } catch (RuntimeException ex) {
                errs.add(FieldError.invalid(
                        key,
                        String.valueOf(e.getValue()),
                        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"));
                continue;
            }
            if (amount.signum() < 0) {
                errs.add(FieldError.invalid(key, e.getValue().toString(), Common.NON_NEGATIVE));
                continue;
            }
            out.put(e.getKey(), amount);
        }
        return out;
    }

    static void mounts(List<FieldError> errs, List<VolumeMount> mounts, String path, Set<String> volumes) {
        if (mounts == null) {
            return;
        }
        Set<String> paths = new HashSet<>();
        for (int i = 0; i < mounts.size(); i++) {
            VolumeMount m = mounts.get(i);
            String p = path + "[" + i + "]";
            if (Common.empty(m.getName())) {
                errs.add(FieldError.required(p + ".name", ""));
            } else if (!volumes.contains(m.getName())) {
                errs.add(FieldError.notFound(p + ".name", m.getName()));
            }
            if (Common.empty(m.getMountPath())) {
                errs.add(FieldError.required(p + ".mountPath", ""));
            } else if (!paths.add(m.getMountPath())) {
                errs.add(FieldError.invalid(p + ".mountPath", m.getMountPath(), "must be unique"));
            }
        }
    }
}
