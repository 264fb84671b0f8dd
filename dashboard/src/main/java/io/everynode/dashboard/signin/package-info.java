/**
 * Signing in with a client certificate (docs/dashboard.md, "Signing in"): the API server itself
 * authenticates the certificate ({@link io.everynode.dashboard.signin.CertificateSignIn}), and
 * the dashboard hands the browser a short-lived session token that the API's authenticator chain
 * accepts as that same user ({@link io.everynode.dashboard.signin.Sessions}).
 */
package io.everynode.dashboard.signin;
