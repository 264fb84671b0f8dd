/**
 * Who calls and what they may do: {@link io.everynode.apiserver.auth.AccessControl} runs the
 * {@link io.everynode.apiserver.auth.Authenticator}s, then the
 * {@link io.everynode.apiserver.auth.Authorizer}s, on the
 * {@link io.everynode.apiserver.auth.RequestAttributes} of every request; the
 * {@link io.everynode.apiserver.auth.SecurityConfig} says which ones run. Admission checks that
 * need the caller ({@link io.everynode.apiserver.registry.Admission}) see it as a
 * {@link io.everynode.apiserver.registry.Caller}.
 */
package io.everynode.apiserver.auth;
