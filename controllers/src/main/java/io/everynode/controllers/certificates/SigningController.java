package io.everynode.controllers.certificates;

import io.everynode.api.certificates.CsrConditions;
import io.everynode.client.Lister;
import io.everynode.pki.CsrParser;
import io.everynode.pki.CsrSigner;
import io.everynode.pki.ParsedCsr;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The sync of one request name (upstream's csrsigning controllers, one for each kubernetes.io
 * signer): an approved request of {@link SignerRules#SIGNERS} that has no certificate and has not
 * failed gets one from the cluster CA, valid for its {@code expirationSeconds} (at least ten
 * minutes) but never longer than {@link SigningConfig#clusterSigningDuration()}; one that does not
 * meet its signer's rules gets a Failed condition with reason {@code SignerValidationFailure} and
 * upstream's message instead. Pending, denied, issued, failed requests and other signers are left
 * alone.
 *
 * <p>Threading: stateless between syncs; one worker calls {@link #sync}.
 */
public final class SigningController {
    public static final String VALIDATION_FAILURE = "SignerValidationFailure";
    static final Duration MIN_DURATION = Duration.ofMinutes(10);

    private final Lister<CertificateSigningRequest> csrs;
    private final SigningConfig config;
    private final CsrSigner signer;
    private final SigningActions actions;

    public SigningController(
            Lister<CertificateSigningRequest> csrs,
            SigningConfig config,
            SigningActions actions,
            Clock clock,
            java.security.SecureRandom random) {
        this.csrs = csrs;
        this.config = config;
        this.signer = new CsrSigner(config.ca(), config.caKey(), clock, random);
        this.actions = actions;
    }

    public void sync(String name) {
        Optional<CertificateSigningRequest> found = csrs.get(name);
        if (found.isEmpty()) return;
        CertificateSigningRequest csr = found.get();
        if (!CsrConditions.approved(csr) || CsrConditions.has(csr, CsrConditions.FAILED) || CsrConditions.issued(csr))
            return;
        String signerName = csr.getSpec().getSignerName();
        if (!SignerRules.SIGNERS.contains(signerName)) return;
        ParsedCsr parsed =
                CsrParser.parse(Base64.getMimeDecoder().decode(csr.getSpec().getRequest()));
        List<String> usages =
                csr.getSpec().getUsages() == null ? List.of() : csr.getSpec().getUsages();
        Optional<String> problem = SignerRules.problem(signerName, parsed, usages);
        if (problem.isPresent()) {
            actions.fail(csr, VALIDATION_FAILURE, problem.get());
            return;
        }
        X509Certificate cert =
                signer.sign(parsed, usages, duration(csr.getSpec().getExpirationSeconds()));
        actions.issue(
                csr,
                base64Pem(cert),
                "issued a certificate valid until " + cert.getNotAfter().toInstant());
    }

    /** The requested lifetime, between ten minutes and the cluster's maximum (upstream's signer.duration). */
    Duration duration(Integer expirationSeconds) {
        Duration max = config.clusterSigningDuration();
        if (expirationSeconds == null) return max;
        Duration asked = Duration.ofSeconds(expirationSeconds);
        if (asked.compareTo(max) > 0) return max;
        return asked.compareTo(MIN_DURATION) < 0 ? MIN_DURATION : asked;
    }

    static String base64Pem(X509Certificate cert) {
        try {
            String pem = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(cert.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
            return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
