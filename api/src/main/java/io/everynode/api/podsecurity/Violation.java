package io.everynode.api.podsecurity;

/**
 * One failed check: upstream's forbidden reason (e.g. {@code privileged}) and detail (e.g.
 * {@code container "c" must not set securityContext.privileged=true}; may be empty).
 */
public record Violation(String reason, String detail) {}
