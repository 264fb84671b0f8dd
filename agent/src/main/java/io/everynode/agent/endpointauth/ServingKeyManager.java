package io.everynode.agent.endpointauth;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/** A server-side key manager with one identity, whatever {@link ServingCertificate} holds at the handshake. */
final class ServingKeyManager extends X509ExtendedKeyManager {
    private static final String ALIAS = "serving";
    private final ServingCertificate serving;

    ServingKeyManager(ServingCertificate serving) {
        this.serving = serving;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return matches(keyType) ? ALIAS : null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return matches(keyType) ? ALIAS : null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return matches(keyType) ? new String[] {ALIAS} : null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? new X509Certificate[] {serving.current().certificate()} : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? serving.current().key() : null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    /** The JDK asks per key type (EC, RSA, ...); only the current key's type is offered. */
    private boolean matches(String keyType) {
        String alg = serving.current().key().getAlgorithm();
        return keyType.equals(alg) || (keyType.startsWith("EC") && alg.equals("EC"));
    }
}
