/**
 * The audit log, as upstream's {@code --audit-policy-file} and {@code --audit-log-path} give it:
 * an {@link io.everynode.apiserver.audit.AuditPolicy} (audit.k8s.io/v1 Policy, read by
 * {@link io.everynode.apiserver.audit.AuditPolicyReader}) decides each request's
 * {@link io.everynode.apiserver.audit.AuditLevel} by its first matching rule; the
 * {@link io.everynode.apiserver.audit.Auditor} opens an
 * {@link io.everynode.apiserver.audit.AuditTrail} per request in {@code ApiServer.handle}, which
 * writes the request's audit.k8s.io/v1 Events (one per stage: RequestReceived, ResponseStarted
 * for streams, ResponseComplete) to an {@link io.everynode.apiserver.audit.AuditSink}, one JSON
 * line each ({@link io.everynode.apiserver.audit.AuditLogFile}).
 *
 * <p>Threading: the Auditor, policy and sink are shared by all requests and thread-safe; a
 * trail belongs to one request, but a streamed answer may end (and write its last event) on
 * another thread, so a trail guards its state.
 */
package io.everynode.apiserver.audit;
