package io.everynode.apiserver.table;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventSource;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectReference;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * {@code kubectl get events} (core v1 Event): LAST SEEN TYPE REASON OBJECT MESSAGE; wide
 * SUBOBJECT SOURCE FIRST SEEN COUNT NAME. The wide columns are interleaved in upstream's order:
 * Last Seen, Type, Reason, Object, Subobject*, Source*, Message, First Seen*, Count*, Name*.
 *
 * <p>FIRST SEEN is the age of firstTimestamp, else of eventTime. LAST SEEN is the age of
 * lastTimestamp, else FIRST SEEN; with a series it is the age of series.lastObservedTime and
 * COUNT is series.count, else count (0 becomes 1: new-API singletons carry none). OBJECT is
 * {@code <lowercased kind>/<name>} (just the kind without a name). SOURCE is
 * {@code component[, host]}, falling back to reportingComponent/reportingInstance.
 *
 * <p>The server-side printer has no {@code "(x3 over 5m)"} text: that decoration belongs to
 * {@code kubectl describe} and {@code kubectl events}, not to the Table kube-apiserver returns.
 */
final class EventPrinter implements RowPrinter<Event> {
    private static final List<TableColumn> COLUMNS = List.of(
            Columns.of(
                    "Last Seen", "string", "The time at which the most recent occurrence of this event was recorded."),
            Columns.of(
                    "Type", "string", "Type of this event (Normal, Warning), new types could be added in the future"),
            Columns.of(
                    "Reason",
                    "string",
                    "This should be a short, machine understandable string that"
                            + " gives the reason for the transition into the object's current status."),
            Columns.of("Object", "string", "The object that this event is about."),
            Columns.wide(
                    "Subobject",
                    "string",
                    "If referring to a piece of an object instead of an"
                            + " entire object, this string should contain a valid JSON/Go field access statement,"
                            + " such as desiredState.manifest.containers[2]."),
            Columns.wide(
                    "Source",
                    "string",
                    "The component reporting this event. Should be a short" + " machine understandable string."),
            Columns.of("Message", "string", "A human-readable description of the status of this operation."),
            Columns.wide(
                    "First Seen",
                    "string",
                    "The time at which the event was first recorded. (Time" + " of server receipt is in TypeMeta.)"),
            Columns.wide("Count", "string", "The number of times this event has occurred."),
            new TableColumn("Name", "string", "name", Columns.NAME_DOC, 1));

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public Class<Event> objectType() {
        return Event.class;
    }

    @Override
    public List<Object> cells(Event e, Instant now) {
        String firstSeen = Times.parse(e.getFirstTimestamp()).isPresent()
                ? Times.since(e.getFirstTimestamp(), now)
                : Times.since(micro(e.getEventTime()), now);
        String lastSeen =
                Times.parse(e.getLastTimestamp()).isPresent() ? Times.since(e.getLastTimestamp(), now) : firstSeen;
        long count = e.getCount() == null ? 0 : e.getCount();
        if (e.getSeries() != null) {
            lastSeen = Times.since(micro(e.getSeries().getLastObservedTime()), now);
            count = e.getSeries().getCount() == null ? 0 : e.getSeries().getCount();
        } else if (count == 0) {
            count = 1;
        }
        ObjectReference involved = e.getInvolvedObject() == null ? new ObjectReference() : e.getInvolvedObject();
        String kind = Columns.str(involved.getKind()).toLowerCase(Locale.ROOT);
        String target =
                involved.getName() == null || involved.getName().isEmpty() ? kind : kind + "/" + involved.getName();
        return List.of(
                lastSeen,
                Columns.str(e.getType()),
                Columns.str(e.getReason()),
                target,
                Columns.str(involved.getFieldPath()),
                source(e),
                Columns.str(e.getMessage()).strip(),
                firstSeen,
                count,
                Columns.str(e.getMetadata() == null ? null : e.getMetadata().getName()));
    }

    private static String source(Event e) {
        EventSource s = e.getSource() == null ? new EventSource() : e.getSource();
        String component = firstNonEmpty(s.getComponent(), e.getReportingComponent());
        String instance = firstNonEmpty(s.getHost(), e.getReportingInstance());
        return instance.isEmpty() ? component : component + ", " + instance;
    }

    private static String firstNonEmpty(String a, String b) {
        return a != null && !a.isEmpty() ? a : Columns.str(b);
    }

    private static String micro(MicroTime t) {
        return t == null ? null : t.getTime();
    }
}
