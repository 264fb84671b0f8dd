/**
 * A cluster's public-key infrastructure: its CA, serving and client certificates, certificate
 * signing requests, the CA hash joining nodes check, and the files all of them live in. Built on
 * BouncyCastle; no hand-written ASN.1. Every certificate, the CA's own and those signed for
 * requests, is built in one place ({@code CertificateMaker}).
 */
package io.everynode.pki;
