package io.everynode.api.validation;

import io.everynode.api.selector.LabelSyntax;
import io.fabric8.kubernetes.api.model.Volume;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Volumes: unique RFC 1123 names, exactly one source, hostPath path and type. */
final class VolumeValidation {
    static final List<String> HOST_PATH_TYPES = List.of(
            "", "DirectoryOrCreate", "Directory", "FileOrCreate", "File", "Socket", "CharDevice", "BlockDevice");

    private VolumeValidation() {}

    /** Returns the set of valid volume names, for volumeMount checks. */
    static Set<String> volumes(List<FieldError> errs, List<Volume> volumes, String path) {
        Set<String> names = new HashSet<>();
        if (volumes == null) {
            return names;
        }
        for (int i = 0; i < volumes.size(); i++) {
            Volume v = volumes.get(i);
            String p = path + "[" + i + "]";
            String name = v.getName();
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
            List<String> sources = sourceNames(v);
            if (sources.isEmpty()) {
                errs.add(FieldError.required(p, "must specify a volume type"));
            }
            for (int s = 1; s < sources.size(); s++) {
                errs.add(FieldError.forbidden(p + "." + sources.get(s), "may not specify more than 1 volume type"));
            }
            if (v.getHostPath() != null) {
                if (Common.empty(v.getHostPath().getPath())) {
                    errs.add(FieldError.required(p + ".hostPath.path", ""));
                }
                String type = v.getHostPath().getType();
                if (type != null && !HOST_PATH_TYPES.contains(type)) {
                    errs.add(FieldError.notSupported(
                            p + ".hostPath.type", type, HOST_PATH_TYPES.subList(1, HOST_PATH_TYPES.size())));
                }
            }
        }
        return names;
    }

    /** JSON names of the set source fields, in declaration order of the getters (sorted for stability). */
    static List<String> sourceNames(Volume v) {
        List<String> out = new ArrayList<>();
        List<Method> getters = new ArrayList<>();
        for (Method m : Volume.class.getMethods()) {
            if (m.getName().startsWith("get")
                    && m.getParameterCount() == 0
                    && m.getReturnType().getSimpleName().endsWith("VolumeSource")) {
                getters.add(m);
            }
        }
        getters.sort(java.util.Comparator.comparing(Method::getName));
        for (Method m : getters) {
            try {
                if (m.invoke(v) != null) {
                    String n = m.getName().substring(3);
                    out.add(Character.toLowerCase(n.charAt(0)) + n.substring(1));
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }
}
