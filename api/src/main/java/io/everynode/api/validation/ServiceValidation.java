package io.everynode.api.validation;

import io.everynode.api.selector.LabelSyntax;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Service create/update validation (upstream ValidateService / ValidateServiceUpdate), the rules
 * that do not need other objects: type, ports (numbers, protocols, names required and unique when
 * there are several), clusterIP syntax, selector labels. Whether a clusterIP or nodePort is free
 * and in range is the API server's allocator's business. Call after {@code ServiceDefaults.apply}.
 */
public final class ServiceValidation {
    public static final String HEADLESS = "None";
    static final List<String> TYPES = List.of("ClusterIP", "NodePort", "LoadBalancer", "ExternalName");
    static final List<String> PROTOCOLS = List.of("TCP", "UDP", "SCTP");
    static final List<String> AFFINITIES = List.of("ClientIP", "None");
    private static final Pattern IPV4 =
            Pattern.compile("^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9a-fA-F:.]*:[0-9a-fA-F:.]*$");

    private ServiceValidation() {}

    public static List<FieldError> validateCreate(Service svc) {
        List<FieldError> errs =
                ObjectMetaValidation.validate(svc.getMetadata(), true, ObjectMetaValidation.NameRule.DNS1035_LABEL);
        spec(errs, svc.getSpec() == null ? new ServiceSpec() : svc.getSpec());
        return errs;
    }

    /** As on create, and a clusterIP once set stays (the type ExternalName has none). */
    public static List<FieldError> validateUpdate(Service svc, Service old) {
        List<FieldError> errs = ObjectMetaValidation.validateUpdate(svc.getMetadata(), old.getMetadata());
        ServiceSpec spec = svc.getSpec() == null ? new ServiceSpec() : svc.getSpec();
        ServiceSpec was = old.getSpec() == null ? new ServiceSpec() : old.getSpec();
        if (!"ExternalName".equals(was.getType())
                && !"ExternalName".equals(spec.getType())
                && !Common.empty(was.getClusterIP())
                && !Objects.equals(was.getClusterIP(), spec.getClusterIP())) {
            errs.add(FieldError.invalid("spec.clusterIP", spec.getClusterIP(), Common.IMMUTABLE));
        }
        spec(errs, spec);
        return errs;
    }

    /** Whether {@code s} is an IP address literal (IPv4 dotted quad, or IPv6). */
    public static boolean isIp(String s) {
        return s != null && (IPV4.matcher(s).matches() || IPV6.matcher(s).matches());
    }

    private static void spec(List<FieldError> errs, ServiceSpec spec) {
        String type = spec.getType() == null ? "" : spec.getType();
        if (!TYPES.contains(type)) errs.add(FieldError.notSupported("spec.type", type, TYPES));
        String clusterIP = spec.getClusterIP() == null ? "" : spec.getClusterIP();
        boolean headless = clusterIP.equals(HEADLESS);
        if (type.equals("ExternalName")) {
            if (Common.empty(spec.getExternalName())) errs.add(FieldError.required("spec.externalName", ""));
            if (!clusterIP.isEmpty()) {
                errs.add(FieldError.forbidden("spec.clusterIP", "may not be set for ExternalName services"));
            }
        } else if (!clusterIP.isEmpty() && !headless && !isIp(clusterIP)) {
            errs.add(FieldError.invalid(
                    "spec.clusterIP", clusterIP, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
        } else if (headless && (type.equals("NodePort") || type.equals("LoadBalancer"))) {
            errs.add(FieldError.invalid(
                    "spec.clusterIP", clusterIP, "may not be set to 'None' for LoadBalancer or NodePort services"));
        }
        String affinity = spec.getSessionAffinity() == null ? "" : spec.getSessionAffinity();
        if (!AFFINITIES.contains(affinity)) {
            errs.add(FieldError.notSupported("spec.sessionAffinity", affinity, AFFINITIES));
        }
        List<ServicePort> ports = spec.getPorts() == null ? List.of() : spec.getPorts();
        if (ports.isEmpty() && !headless && !type.equals("ExternalName")) {
            errs.add(FieldError.required("spec.ports", ""));
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            port(errs, ports.get(i), "spec.ports[" + i + "]", ports.size() > 1, names, type);
        }
        Common.labels(errs, spec.getSelector(), "spec.selector");
    }

    private static void port(
            List<FieldError> errs, ServicePort sp, String p, boolean requireName, Set<String> names, String type) {
        String name = sp.getName() == null ? "" : sp.getName();
        if (name.isEmpty()) {
            if (requireName) errs.add(FieldError.required(p + ".name", ""));
        } else {
            for (String msg : LabelSyntax.dns1123Label(name)) errs.add(FieldError.invalid(p + ".name", name, msg));
            if (!names.add(name)) errs.add(FieldError.duplicate(p + ".name", name));
        }
        int port = sp.getPort() == null ? 0 : sp.getPort();
        if (port < 1 || port > 65535) errs.add(FieldError.invalid(p + ".port", port, Common.inclusiveRange(1, 65535)));
        String proto = sp.getProtocol() == null ? "" : sp.getProtocol();
        if (proto.isEmpty()) errs.add(FieldError.required(p + ".protocol", ""));
        else if (!PROTOCOLS.contains(proto)) errs.add(FieldError.notSupported(p + ".protocol", proto, PROTOCOLS));
        IntOrString target = sp.getTargetPort();
        if (target != null && target.getIntVal() != null) {
            int t = target.getIntVal();
            if (t < 1 || t > 65535) errs.add(FieldError.invalid(p + ".targetPort", t, Common.inclusiveRange(1, 65535)));
        } else if (target != null && target.getStrVal() != null) {
            for (String msg : ContainerValidation.portName(target.getStrVal())) {
                errs.add(FieldError.invalid(p + ".targetPort", target.getStrVal(), msg));
            }
        }
        Integer nodePort = sp.getNodePort();
        if (nodePort != null && nodePort != 0 && type.equals("ClusterIP")) {
            errs.add(FieldError.forbidden(p + ".nodePort", "may not be used when `type` is 'ClusterIP'"));
        }
    }
}
