package io.everynode.advisor.lint;

/**
 * One finding of {@code everynode lint}: where (file, 1-based document, object, field path
 * within the document), which rule (code and name), how bad, and why in words.
 *
 * @param namespace null when the manifest names none
 */
public record Finding(
        String file,
        int document,
        String apiVersion,
        String kind,
        String namespace,
        String name,
        Severity severity,
        String code,
        String rule,
        String path,
        String message) {}
