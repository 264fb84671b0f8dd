package io.everynode.api.validation;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Base64;

/**
 * The check upstream makes of a CertificateSigningRequest's {@code status.certificate}: the
 * base64 of PEM text holding one or more {@code CERTIFICATE} blocks without headers, each an
 * X.509 certificate (parsed by the JDK).
 */
final class PemCertificates {
    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    private PemCertificates() {}

    /** What is wrong with {@code base64Pem}, or null when it holds only certificates. */
    static String problem(String base64Pem) {
        String base64Error = Base64Data.error(base64Pem);
        if (base64Error != null) return base64Error;
        String pem = new String(Base64.getMimeDecoder().decode(base64Pem), StandardCharsets.US_ASCII);
        int blocks = 0;
        int at = 0;
        while (true) {
            int begin = pem.indexOf(BEGIN, at);
            if (begin < 0) break;
            int typeEnd = pem.indexOf(DASHES, begin + BEGIN.length());
            if (typeEnd < 0) break;
            String type = pem.substring(begin + BEGIN.length(), typeEnd);
            String endMarker = END + type + DASHES;
            int end = pem.indexOf(endMarker, typeEnd);
            if (end < 0) break;
            String body = pem.substring(typeEnd + DASHES.length(), end);
            at = end + endMarker.length();
            if (!type.equals("CERTIFICATE")) return "only CERTIFICATE PEM blocks are allowed, found \"" + type + "\"";
            if (body.contains(":")) return "no PEM block headers are permitted";
            blocks++;
            try {
                byte[] der = Base64.getMimeDecoder().decode(body.strip());
                CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
            } catch (IllegalArgumentException | CertificateException e) {
                return "x509: malformed certificate";
            }
        }
        return blocks == 0 ? "must contain at least one CERTIFICATE PEM block" : null;
    }
}
