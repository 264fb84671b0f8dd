package io.everynode.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds fields a decoded fabric8 object did not recognise. fabric8 model classes keep unknown
 * JSON properties in {@code additionalProperties}; this walks the object graph by reflection
 * (fields annotated {@code @JsonProperty}, lists, maps) and reports each unknown property as a
 * JSON path such as {@code spec.template.spec.containers[0].foo}; map entries appear as
 * {@code path[key]}. The API server rejects such objects under {@code fieldValidation=Strict}.
 * Pure and stateless; order of results follows the object's property order.
 */
public final class UnknownFields {
    private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";
    /** Everynode's own models of served kinds (the Advanced DaemonSet), walked as fabric8's are. */
    private static final String OWN_MODEL_PACKAGE = "io.everynode.api.kruise.";

    private static final int MAX_DEPTH = 64;

    private UnknownFields() {}

    public static List<String> paths(Object fabric8Object) {
        List<String> out = new ArrayList<>();
        walk(fabric8Object, "", out, new IdentityHashMap<>(), 0);
        return out;
    }

    private static void walk(Object o, String path, List<String> out, Map<Object, Boolean> seen, int depth) {
        if (o == null || depth > MAX_DEPTH) {
            return;
        }
        if (o instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", out, seen, depth + 1);
            }
            return;
        }
        if (o instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                walk(e.getValue(), path + "[" + e.getKey() + "]", out, seen, depth + 1);
            }
            return;
        }
        if (!isModel(o.getClass()) || seen.put(o, Boolean.TRUE) != null) {
            return;
        }
        for (Class<?> c = o.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                Object value = read(f, o);
                if (f.getName().equals("additionalProperties") && value instanceof Map<?, ?> extra) {
                    for (Object key : extra.keySet()) {
                        out.add(join(path, String.valueOf(key)));
                    }
                    continue;
                }
                JsonProperty prop = f.getAnnotation(JsonProperty.class);
                if (prop == null) {
                    continue;
                }
                String name = prop.value().isEmpty() ? f.getName() : prop.value();
                walk(value, join(path, name), out, seen, depth + 1);
            }
        }
    }

    /** Whether objects of this class are walked: fabric8's models and Everynode's own ({@code api.kruise}). */
    public static boolean isModel(Class<?> c) {
        String name = c.getName();
        return name.startsWith(MODEL_PACKAGE) || name.startsWith(OWN_MODEL_PACKAGE);
    }

    private static Object read(Field f, Object o) {
        try {
            f.setAccessible(true);
            return f.get(o);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
