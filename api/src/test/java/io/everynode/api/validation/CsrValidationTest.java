package io.everynode.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.validation.CsrValidation.Write;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestBuilder;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestCondition;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestConditionBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CsrValidationTest {

    private static CertificateSigningRequest valid() {
        return new CertificateSigningRequestBuilder()
                .withNewMetadata()
                .withName("node-csr-1")
                .endMetadata()
                .withNewSpec()
                .withRequest("cmVxdWVzdA==")
                .withSignerName("kubernetes.io/kube-apiserver-client-kubelet")
                .withUsages("digital signature", "client auth")
                .endSpec()
                .build();
    }

    private static List<String> messages(List<FieldError> errs) {
        return errs.stream().map(FieldError::message).toList();
    }

    static List<Arguments> createCases() {
        return List.of(
                Arguments.of(
                        "no signer",
                        (UnaryOperator<CertificateSigningRequest>) c -> {
                            c.getSpec().setSignerName(null);
                            return c;
                        },
                        "spec.signerName: Required value"),
                Arguments.of(
                        "a signer without a path",
                        (UnaryOperator<CertificateSigningRequest>) c -> {
                            c.getSpec().setSignerName("example.com");
                            return c;
                        },
                        "spec.signerName: Invalid value: \"example.com\": must be a fully qualified domain and path of the"
                                + " form 'example.com/signer-name'"),
                Arguments.of(
                        "a signer whose domain has one label",
                        (UnaryOperator<CertificateSigningRequest>) c -> {
                            c.getSpec().setSignerName("local/signer");
                            return c;
                        },
                        "spec.signerName: Invalid value: \"local\": should be a domain with at least two segments"
                                + " separated by dots"),
                Arguments.of(
                        "the legacy signer",
                        (UnaryOperator<CertificateSigningRequest>) c -> {
                            c.getSpec().setSignerName("kubernetes.io/legacy-unknown");
                            return c;
                        },
                        "spec.signerName: Invalid value: \"kubernetes.io/legacy-unknown\": the legacy signerName is not"
                                + " allowed via this API version"),
                Arguments.of(
                        "no usages",
                        (UnaryOperator<CertificateSigningRequest>) c -> {
                            c.getSpec().setUsages(List.of());
                            return c;
                        },
                        "spec.usages: Required value"),
                Arguments.of(
                        "an unknown usage",
                        (UnaryOperator<CertificateSigningRequest>) c -> {
                            c.getSpec().setUsages(List.of("client auth", "flying"));
                            return c;
                        },
                        "spec.usages[1]: Unsupported value: \"flying\": supported values: \"any\", \"cert sign\","
                                + " \"client auth\", \"code signing\", \"content commitment\", \"crl sign\", \"data"
                                + " encipherment\", \"decipher only\", \"digital signature\", \"email protection\", \"encipher"
                                + " only\", \"ipsec end system\", \"ipsec tunnel\", \"ipsec user\", \"key agreement\", \"key"
                                + " encipherment\", \"microsoft sgc\", \"netscape sgc\", \"ocsp signing\", \"s/mime\", \"server"
                                + " auth\", \"signing\", \"timestamping\""),
                Arguments.of(
                        "a usage twice",
                        (UnaryOperator<CertificateSigningRequest>) c -> {
                            c.getSpec().setUsages(List.of("client auth", "client auth"));
                            return c;
                        },
                        "spec.usages[1]: Duplicate value: \"client auth\""),
                Arguments.of(
                        "under ten minutes",
                        (UnaryOperator<CertificateSigningRequest>) c -> {
                            c.getSpec().setExpirationSeconds(599);
                            return c;
                        },
                        "spec.expirationSeconds: Invalid value: 599: may not specify a duration less than 600 seconds (10"
                                + " minutes)"),
                Arguments.of(
                        "no name",
                        (UnaryOperator<CertificateSigningRequest>) c -> {
                            c.getMetadata().setName(null);
                            return c;
                        },
                        "metadata.name: Required value: name or generateName is required"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("createCases")
    void aCreateIsRefusedWithUpstreamsMessage(
            String what, UnaryOperator<CertificateSigningRequest> change, String message) {
        assertThat(messages(CsrValidation.validateCreate(change.apply(valid()), null)))
                .containsExactly(message);
    }

    @Test
    void aValidRequestPasses() {
        assertThat(CsrValidation.validateCreate(valid(), null)).isEmpty();
        CertificateSigningRequest custom = valid();
        custom.getSpec().setSignerName("example.com/my-signer");
        custom.getSpec().setExpirationSeconds(600);
        assertThat(CsrValidation.validateCreate(custom, null)).isEmpty();
    }

    @Test
    void whatTheParserFoundWrongWithTheRequestIsReportedOnSpecRequest() {
        List<FieldError> errs = CsrValidation.validateCreate(valid(), "PEM block type must be CERTIFICATE REQUEST");

        assertThat(messages(errs))
                .containsExactly(
                        "spec.request: Invalid value: \"cmVxdWVzdA==\": PEM block type must be CERTIFICATE REQUEST");
    }

    private static CertificateSigningRequestCondition condition(String type, String status) {
        return new CertificateSigningRequestConditionBuilder()
                .withType(type)
                .withStatus(status)
                .build();
    }

    private static CertificateSigningRequest with(CertificateSigningRequestCondition... conditions) {
        CertificateSigningRequest c = valid();
        c.setStatus(new io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestStatus());
        c.getStatus().setConditions(List.of(conditions));
        return c;
    }

    @Test
    void approvedAndDeniedExcludeEachOtherAndMayOnlyBeTrue() {
        CertificateSigningRequest both = with(condition("Approved", "True"), condition("Denied", "True"));
        assertThat(messages(CsrValidation.validateUpdate(both, valid(), Write.APPROVAL)))
                .containsExactly("status.conditions[1].type: Invalid value: \"Denied\": Approved and Denied"
                        + " conditions are mutually exclusive");

        CertificateSigningRequest notTrue = with(condition("Approved", "False"));
        assertThat(messages(CsrValidation.validateUpdate(notTrue, valid(), Write.APPROVAL)))
                .containsExactly(
                        "status.conditions[0].status: Unsupported value: \"False\": supported values: \"True\"");
    }

    @Test
    void onlyTheApprovalSubresourceAddsApprovalConditions() {
        CertificateSigningRequest approved = with(condition("Approved", "True"));

        assertThat(CsrValidation.validateUpdate(approved, valid(), Write.APPROVAL))
                .isEmpty();
        assertThat(messages(CsrValidation.validateUpdate(approved, valid(), Write.STATUS)))
                .containsExactly("status.conditions: Forbidden: updates may not add a condition of type \"Approved\"");
        assertThat(messages(CsrValidation.validateUpdate(approved, valid(), Write.MAIN)))
                .containsExactly("status.conditions: Forbidden: updates may not add a condition of type \"Approved\"");
    }

    @Test
    void noWriteRemovesAnApprovalOrAFailure() {
        CertificateSigningRequest approved = with(condition("Approved", "True"), condition("Failed", "True"));

        assertThat(messages(CsrValidation.validateUpdate(with(), approved, Write.APPROVAL)))
                .containsExactly(
                        "status.conditions: Forbidden: updates may not remove a condition of type \"Approved\"",
                        "status.conditions: Forbidden: updates may not remove a condition of type \"Failed\"");
    }

    private static String pemCertificate() {
        return Base64.getEncoder().encodeToString(CERT.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void onlyTheStatusSubresourceSetsTheCertificateAndOnlyOnce() {
        CertificateSigningRequest issued = with(condition("Approved", "True"));
        issued.getStatus().setCertificate(pemCertificate());
        CertificateSigningRequest approved = with(condition("Approved", "True"));

        assertThat(CsrValidation.validateUpdate(issued, approved, Write.STATUS)).isEmpty();
        assertThat(messages(CsrValidation.validateUpdate(issued, approved, Write.APPROVAL)))
                .containsExactly("status.certificate: Forbidden: updates may not set certificate content");
        CertificateSigningRequest other = with(condition("Approved", "True"));
        other.getStatus()
                .setCertificate(Base64.getEncoder().encodeToString((CERT + CERT).getBytes(StandardCharsets.US_ASCII)));
        assertThat(messages(CsrValidation.validateUpdate(other, issued, Write.STATUS)))
                .containsExactly("status.certificate: Forbidden: updates may not modify existing certificate content");
    }

    @Test
    void aCertificateMustBeCertificatePemBlocks() {
        CertificateSigningRequest approved = with(condition("Approved", "True"));
        CertificateSigningRequest garbage = with(condition("Approved", "True"));
        garbage.getStatus()
                .setCertificate(Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.US_ASCII)));

        assertThat(messages(CsrValidation.validateUpdate(garbage, approved, Write.STATUS)))
                .containsExactly("status.certificate: Invalid value: \"<certificate data>\": must contain at least one"
                        + " CERTIFICATE PEM block");
        CertificateSigningRequest key = with(condition("Approved", "True"));
        key.getStatus()
                .setCertificate(Base64.getEncoder()
                        .encodeToString("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"
                                .getBytes(StandardCharsets.US_ASCII)));
        assertThat(messages(CsrValidation.validateUpdate(key, approved, Write.STATUS)))
                .containsExactly("status.certificate: Invalid value: \"<certificate data>\": only CERTIFICATE PEM"
                        + " blocks are allowed, found \"PRIVATE KEY\"");
    }

    /** A self-signed certificate (CN=test, ECDSA P-256) made with openssl for this test. */
    static final String CERT = """
            -----BEGIN CERTIFICATE-----
            MIIBdTCCARugAwIBAgIULXkMn8W8LkVymzbPi9xZJBbdkFcwCgYIKoZIzj0EAwIw
            DzENMAsGA1UEAwwEdGVzdDAgFw0yNjEyMDQxNjQ4NDBaGA8yMTI2MTExMDE2NDg0
            MFowDzENMAsGA1UEAwwEdGVzdDBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABEU7
            WCbKIss1T4vaM8nDNaoQx1HhrdXCRMdLgtlyUe0Mekhoecl+lCLFaBcBgZxGoU0p
            uLOCbWvIfcP+yUDPIhGjUzBRMB0GA1UdDgQWBBRKt12U4Ky+ZkRroU5a9XRYqadD
            CDAfBgNVHSMEGDAWgBRKt12U4Ky+ZkRroU5a9XRYqadDCDAPBgNVHRMBAf8EBTAD
            AQH/MAoGCCqGSM49BAMCA0gAMEUCIQDgJySu2w3PEx+6nGW1ks9g5SwDaPoUs8Nw
            pH5fL5g+WQIgLsB23yj4DyrtNfqVjavXvztZQUkcGtxZinxuNcyE7Wg=
            -----END CERTIFICATE-----
            """;
}
