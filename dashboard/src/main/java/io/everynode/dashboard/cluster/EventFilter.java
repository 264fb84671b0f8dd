package io.everynode.dashboard.cluster;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectReference;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Which events the cluster view shows: those about one object, or a kind of object, or anything
 * in a namespace. Each part is optional (blank: any). The kind matches regardless of case
 * ({@code node} finds {@code Node}); name and namespace match exactly, as kubectl's
 * {@code --field-selector involvedObject.name=...} does. Pure.
 *
 * @param kind the involved object's kind, or blank
 * @param namespace the involved object's namespace, or blank
 * @param name the involved object's name, or blank
 */
public record EventFilter(String kind, String namespace, String name) {
    /** How many of the latest matching events the view keeps. */
    public static final int LATEST = 100;

    public EventFilter {
        kind = kind == null ? "" : kind.trim();
        namespace = namespace == null ? "" : namespace.trim();
        name = name == null ? "" : name.trim();
    }

    public static final EventFilter ANY = new EventFilter("", "", "");

    public boolean matches(Event e) {
        ObjectReference o = e.getInvolvedObject();
        if (o == null) return kind.isEmpty() && namespace.isEmpty() && name.isEmpty();
        return (kind.isEmpty() || kind.equalsIgnoreCase(nz(o.getKind())))
                && (namespace.isEmpty() || namespace.equals(nz(o.getNamespace())))
                && (name.isEmpty() || name.equals(nz(o.getName())));
    }

    /** The {@link #LATEST} matching events, oldest first (by last seen, then name). */
    public List<Event> latest(Collection<Event> events) {
        List<Event> matching = events.stream()
                .filter(this::matches)
                .sorted(Comparator.comparing(EventFilter::lastSeen)
                        .thenComparing(e -> nz(e.getMetadata().getName())))
                .toList();
        return matching.subList(Math.max(0, matching.size() - LATEST), matching.size());
    }

    /** When the event was last seen: lastTimestamp, else eventTime, else its creation; EPOCH when none parses. */
    public static Instant lastSeen(Event e) {
        for (String t : new String[] {
            e.getLastTimestamp(),
            e.getEventTime() == null ? null : e.getEventTime().getTime(),
            e.getMetadata() == null ? null : e.getMetadata().getCreationTimestamp()
        }) {
            if (t == null || t.isEmpty()) continue;
            try {
                return Instant.parse(t);
            } catch (DateTimeParseException ignored) {
                // the next one
            }
        }
        return Instant.EPOCH;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
