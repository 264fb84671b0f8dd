/**
 * ServiceAccount tokens, as upstream issues and checks them: {@link
 * io.everynode.apiserver.auth.tokens.TokenSigner} signs a {@link
 * io.everynode.apiserver.auth.tokens.TokenClaims} with the server's key (RS256 for RSA keys, ES256
 * for P-256 keys, {@code kid} derived from the public key), {@link
 * io.everynode.apiserver.auth.tokens.TokenVerifier} checks signature, issuer, audience and times,
 * {@link io.everynode.apiserver.auth.tokens.ServiceAccountTokenAuthenticator} turns a valid bearer
 * token whose ServiceAccount (and bound object) still exists into the account's user, and {@link
 * io.everynode.apiserver.auth.tokens.TokenRequests} serves the TokenRequest API
 * ({@code serviceaccounts/token}). The tokens are never stored: a token stays valid until it
 * expires or the objects it names are gone.
 */
package io.everynode.apiserver.auth.tokens;
