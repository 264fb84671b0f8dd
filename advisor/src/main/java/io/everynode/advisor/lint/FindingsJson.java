package io.everynode.advisor.lint;

import io.everynode.api.json.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The machine output of {@code lint -o json}, schema {@value #SCHEMA} (docs/lint.md, "JSON"):
 * {@code {"schema", "findings": [{file, document, apiVersion, kind, namespace, name, severity,
 * code, rule, path, message}], "summary": {objects, findings, error, warning, info}}}. Fields are
 * always present (namespace null when the manifest has none), in this order; new fields may be
 * added, none removed or renamed within the schema version.
 */
public final class FindingsJson {
    public static final String SCHEMA = "everynode.io/lint/v1";

    private FindingsJson() {}

    public static ObjectNode tree(LintReport report) {
        ObjectNode root = Json.object();
        root.put("schema", SCHEMA);
        ArrayNode findings = root.putArray("findings");
        for (Finding f : report.findings()) {
            ObjectNode o = findings.addObject();
            o.put("file", f.file());
            o.put("document", f.document());
            o.put("apiVersion", f.apiVersion());
            o.put("kind", f.kind());
            o.put("namespace", f.namespace());
            o.put("name", f.name());
            o.put("severity", f.severity().word());
            o.put("code", f.code());
            o.put("rule", f.rule());
            o.put("path", f.path());
            o.put("message", f.message());
        }
        ObjectNode s = root.putObject("summary");
        s.put("objects", report.objects());
        s.put("findings", report.findings().size());
        s.put("error", report.count(Severity.ERROR));
        s.put("warning", report.count(Severity.WARNING));
        s.put("info", report.count(Severity.INFO));
        return root;
    }

    /** Pretty-printed, with a final newline. */
    public static String render(LintReport report) {
        return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree(report)) + "\n";
    }
}
