package io.everynode.apiserver.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fields a decoded fabric8 object did not recognise, as JSON paths
 * ({@code spec.template.spec.containers[0].foo}, map entries as {@code path[key]}): the same
 * walk and the same answer, in the same order, as {@link io.everynode.api.UnknownFields#paths},
 * but with each model class's reflective description (its properties in declaration order,
 * made accessible once) kept for the life of this instance. Looking those up again on every
 * write (copying the declared fields, reading annotations) was most of the cost of a pod status
 * write. Thread-safe.
 */
final class UnknownFieldScan {
    private static final int MAX_DEPTH = 64;

    /** One instance field of a model class: its JSON name (null when not a property), and whether it is the additionalProperties bag. */
    private record Prop(Field field, String jsonName, boolean extra) {}

    /**
     * Where the walk is, spelled only when an unknown field is found: {@code name} joined to the
     * parent with a dot, or {@code [index]} / {@code [key]} appended when {@code bracket}.
     */
    private record Path(Path parent, String segment, boolean bracket) {
        static final Path ROOT = new Path(null, "", false);

        String spell() {
            if (parent == null) return segment;
            String p = parent.spell();
            return bracket ? p + "[" + segment + "]" : join(p, segment);
        }
    }

    private final Map<Class<?>, List<Prop>> props = new ConcurrentHashMap<>();

    List<String> paths(Object fabric8Object) {
        List<String> out = new ArrayList<>();
        walk(fabric8Object, Path.ROOT, out, new IdentityHashMap<>(), 0);
        return out;
    }

    private void walk(Object o, Path path, List<String> out, Map<Object, Boolean> seen, int depth) {
        if (o == null || depth > MAX_DEPTH) return;
        if (o instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++)
                walk(list.get(i), new Path(path, Integer.toString(i), true), out, seen, depth + 1);
            return;
        }
        if (o instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet())
                walk(e.getValue(), new Path(path, String.valueOf(e.getKey()), true), out, seen, depth + 1);
            return;
        }
        if (!io.everynode.api.UnknownFields.isModel(o.getClass()) || seen.put(o, Boolean.TRUE) != null) return;
        for (Prop p : props.computeIfAbsent(o.getClass(), UnknownFieldScan::describe)) {
            Object value = read(p.field(), o);
            if (p.extra() && value instanceof Map<?, ?> extra) {
                if (!extra.isEmpty()) {
                    String here = path.spell();
                    for (Object key : extra.keySet()) out.add(join(here, String.valueOf(key)));
                }
                continue;
            }
            if (p.jsonName() != null && value != null)
                walk(value, new Path(path, p.jsonName(), false), out, seen, depth + 1);
        }
    }

    /** The class's instance fields the walk looks at, subclass first, each in declaration order. */
    private static List<Prop> describe(Class<?> type) {
        List<Prop> out = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) continue;
                boolean extra = f.getName().equals("additionalProperties");
                JsonProperty prop = f.getAnnotation(JsonProperty.class);
                if ((!extra && prop == null) || !accessible(f)) continue;
                String name = prop == null ? null : prop.value().isEmpty() ? f.getName() : prop.value();
                out.add(new Prop(f, name, extra));
            }
        }
        return List.copyOf(out);
    }

    private static boolean accessible(Field f) {
        try {
            f.setAccessible(true);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Object read(Field f, Object o) {
        try {
            return f.get(o);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
