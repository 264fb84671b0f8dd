package io.everynode.apiserver.openapi;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The JSON properties of a fabric8 model class, read from its Jackson annotations: every field
 * with {@code @JsonProperty} and without {@code @JsonIgnore}, up the class hierarchy, named as
 * the annotation names it. The catch-all {@code additionalProperties} map is ignored by
 * annotation, so unknown fields do not become part of a schema.
 */
final class ModelProperties {

    /** One property: its JSON name and the Java type it decodes into. */
    record Property(String name, Type type) {}

    private ModelProperties() {}

    /** The properties of {@code model}, sorted by name as upstream's documents are. */
    static List<Property> of(Class<?> model) {
        List<Property> out = new ArrayList<>();
        for (Class<?> c = model; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                JsonProperty p = f.getAnnotation(JsonProperty.class);
                if (p == null
                        || f.isAnnotationPresent(JsonIgnore.class)
                        || p.value().isEmpty()) continue;
                if (out.stream().noneMatch(q -> q.name().equals(p.value())))
                    out.add(new Property(p.value(), f.getGenericType()));
            }
        }
        out.sort(Comparator.comparing(Property::name));
        return out;
    }

    /** The class an element of this type is: itself, a list's element, or a map's value. */
    static Type element(Type t) {
        if (t instanceof ParameterizedType pt && pt.getRawType() instanceof Class<?> raw) {
            Type[] args = pt.getActualTypeArguments();
            if (List.class.isAssignableFrom(raw)) return element(args[0]);
            if (Map.class.isAssignableFrom(raw)) return element(args[1]);
        }
        return t;
    }

    /**
     * Whether this is a model class with properties of its own to describe: fabric8's, or
     * Everynode's own model of a served kind (the Advanced DaemonSet's, {@code api.kruise}).
     */
    static boolean isModel(Type t) {
        return t instanceof Class<?> c
                && (c.getName().startsWith("io.fabric8.") || io.everynode.api.UnknownFields.isModel(c))
                && !c.isEnum();
    }
}
