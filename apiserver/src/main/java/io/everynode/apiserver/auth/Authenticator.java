package io.everynode.apiserver.auth;

import io.everynode.apiserver.ApiRequest;
import io.everynode.apiserver.errors.ApiException;
import java.util.Optional;

/**
 * One way of telling who sent a request (upstream's {@code authenticator.Request}): x509 client
 * certificates, bearer tokens of one kind or another.
 *
 * <p>Contract: empty when the request carries no credential of this kind (the next
 * authenticator is asked); a {@link UserInfo} when it carries a valid one; a 401
 * {@link ApiException} when it carries one of this kind that is invalid (expired, forged,
 * revoked): a request with a bad credential is refused, never treated as anonymous.
 */
@FunctionalInterface
public interface Authenticator {
    Optional<UserInfo> authenticate(ApiRequest request);
}
