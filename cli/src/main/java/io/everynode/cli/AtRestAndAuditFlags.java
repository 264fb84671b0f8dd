package io.everynode.cli;

import io.everynode.apiserver.audit.AuditPolicyReader;
import io.everynode.apiserver.auth.SecurityConfig;
import io.everynode.apiserver.encryption.EncryptionConfigReader;
import java.nio.file.Path;
import java.security.SecureRandom;
import picocli.CommandLine.Option;

/**
 * The flags {@code server} and {@code up} share for Secrets encrypted at rest and the audit log,
 * named as kube-apiserver names them. The files are read once here, so a bad one stops the
 * command before anything starts, with the reader's message naming the file and field.
 */
final class AtRestAndAuditFlags {
    @Option(
            names = "--encryption-provider-config",
            paramLabel = "FILE",
            description = "An EncryptionConfiguration (apiserver.config.k8s.io/v1): how Secrets (and other"
                    + " resources it names) are encrypted in the store (docs/security.md).")
    Path encryptionConfig;

    @Option(
            names = "--audit-policy-file",
            paramLabel = "FILE",
            description = "An audit Policy (audit.k8s.io/v1): which requests the audit log records, at what level.")
    Path auditPolicy;

    @Option(
            names = "--audit-log-path",
            paramLabel = "FILE",
            description = "Where audit events are appended, one JSON line each (needs --audit-policy-file).")
    Path auditLog;

    /**
     * {@code base} with these files in force.
     *
     * @throws IllegalArgumentException for a file that is missing or wrong, or one audit flag
     *     without the other
     */
    SecurityConfig applyTo(SecurityConfig base) {
        if ((auditPolicy == null) != (auditLog == null))
            throw new IllegalArgumentException(
                    auditPolicy == null
                            ? "--audit-log-path needs --audit-policy-file: the policy says what to record"
                            : "--audit-policy-file needs --audit-log-path: where the events go");
        SecurityConfig out = base;
        if (encryptionConfig != null) {
            new EncryptionConfigReader(new SecureRandom()).read(encryptionConfig);
            out = out.withEncryptionConfig(encryptionConfig.toAbsolutePath());
        }
        if (auditPolicy != null) {
            AuditPolicyReader.read(auditPolicy);
            out = out.withAudit(auditPolicy.toAbsolutePath(), auditLog.toAbsolutePath());
        }
        return out;
    }
}
