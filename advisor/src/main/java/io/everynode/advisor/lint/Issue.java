package io.everynode.advisor.lint;

/**
 * What one rule found in one object, before the linter names the object and the rule.
 *
 * @param path the field at fault, relative to the object ({@code spec.template.spec.containers[0].resources})
 */
public record Issue(Severity severity, String path, String message) {}
