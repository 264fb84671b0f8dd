package io.everynode.apiserver.audit;

import io.everynode.api.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads an audit Policy file (audit.k8s.io/v1, kind Policy), checking it as upstream's
 * validation does; every fault is reported with its field path, e.g.
 * {@code rules[0].level: Unsupported value: "Everything": supported values: "None", "Metadata",
 * "Request", "RequestResponse"}.
 */
public final class AuditPolicyReader {
    static final String API_VERSION = "audit.k8s.io/v1";
    private static final String LEVELS = "\"None\", \"Metadata\", \"Request\", \"RequestResponse\"";
    private static final String STAGES = "\"RequestReceived\", \"ResponseStarted\", \"ResponseComplete\", \"Panic\"";

    private AuditPolicyReader() {}

    /** @throws IllegalArgumentException naming the file and every field at fault */
    public static AuditPolicy read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("error reading audit policy file \"" + file + "\": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "error reading audit policy file \"" + file + "\": " + e.getMessage(), e);
        }
        try {
            return parse(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "error while parsing audit policy file \"" + file + "\": " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException listing every field at fault */
    public static AuditPolicy parse(byte[] yaml) {
        JsonNode doc;
        try {
            doc = Json.parseYaml(yaml);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not YAML or JSON: " + e.getMessage(), e);
        }
        List<String> errors = new ArrayList<>();
        if (!API_VERSION.equals(doc.path("apiVersion").asString("")))
            errors.add("apiVersion: Unsupported value: \""
                    + doc.path("apiVersion").asString("") + "\": supported values: \"" + API_VERSION + "\"");
        if (!"Policy".equals(doc.path("kind").asString("")))
            errors.add(
                    "kind: Unsupported value: \"" + doc.path("kind").asString("") + "\": supported values: \"Policy\"");
        Set<AuditStage> omit = stages(doc.path("omitStages"), "omitStages", errors);
        List<PolicyRule> rules = new ArrayList<>();
        JsonNode list = doc.path("rules");
        for (int i = 0; i < list.size(); i++) rules.add(rule(list.get(i), "rules[" + i + "]", errors));
        if (!errors.isEmpty())
            throw new IllegalArgumentException(errors.size() == 1 ? errors.get(0) : errors.toString());
        return new AuditPolicy(rules, omit);
    }

    private static PolicyRule rule(JsonNode r, String path, List<String> errors) {
        String levelName = r.path("level").asString("");
        AuditLevel level = AuditLevel.NONE;
        if (levelName.isEmpty()) errors.add(path + ".level: Required value");
        else
            level = AuditLevel.of(levelName).orElseGet(() -> {
                errors.add(path + ".level: Unsupported value: \"" + levelName + "\": supported values: " + LEVELS);
                return AuditLevel.NONE;
            });
        List<PolicyRule.GroupResources> resources = new ArrayList<>();
        JsonNode res = r.path("resources");
        for (int i = 0; i < res.size(); i++) {
            JsonNode gr = res.get(i);
            String at = path + ".resources[" + i + "]";
            List<String> names = strings(gr.path("resources"));
            List<String> resourceNames = strings(gr.path("resourceNames"));
            for (int j = 0; j < names.size(); j++) {
                String n = names.get(j);
                if (!resourceNames.isEmpty() && (n.equals("*") || n.startsWith("*/")))
                    errors.add(at + ".resourceNames: Invalid value: " + Json.string(gr.path("resourceNames"))
                            + ": using resourceNames with wildcard resources is not allowed");
            }
            resources.add(new PolicyRule.GroupResources(gr.path("group").asString(""), names, resourceNames));
        }
        List<String> namespaces = strings(r.path("namespaces"));
        List<String> urls = strings(r.path("nonResourceURLs"));
        if (!urls.isEmpty() && (!resources.isEmpty() || !namespaces.isEmpty()))
            errors.add(path + ".nonResourceURLs: Invalid value: " + Json.string(r.path("nonResourceURLs"))
                    + ": rules cannot apply to both regular resources and non-resource URLs");
        for (int i = 0; i < urls.size(); i++) {
            String u = urls.get(i);
            String at = path + ".nonResourceURLs[" + i + "]";
            if (u.equals("*")) continue;
            if (!u.startsWith("/"))
                errors.add(
                        at + ": Invalid value: \"" + u + "\": non-resource URL rules must begin with a '/' character");
            if (u.indexOf('*') >= 0 && u.indexOf('*') != u.length() - 1)
                errors.add(at + ": Invalid value: \"" + u
                        + "\": non-resource URL wildcards '*' must be the final character of the rule");
        }
        return new PolicyRule(
                level,
                strings(r.path("users")),
                strings(r.path("userGroups")),
                strings(r.path("verbs")),
                resources,
                namespaces,
                urls,
                stages(r.path("omitStages"), path + ".omitStages", errors));
    }

    private static Set<AuditStage> stages(JsonNode list, String path, List<String> errors) {
        Set<AuditStage> out = EnumSet.noneOf(AuditStage.class);
        for (int i = 0; i < list.size(); i++) {
            String s = list.get(i).asString("");
            int index = i;
            AuditStage.of(s)
                    .ifPresentOrElse(
                            out::add,
                            () -> errors.add(path + "[" + index + "]: Unsupported value: \"" + s
                                    + "\": supported values: " + STAGES));
        }
        return out;
    }

    private static List<String> strings(JsonNode list) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : list) out.add(n.asString(""));
        return out;
    }
}
