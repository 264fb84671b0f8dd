/**
 * The ServiceAccount controller: every active namespace has a {@code default} ServiceAccount,
 * made again when deleted ({@code ServiceAccountsController}, writing through
 * {@code ServiceAccountActions}). The API server makes the first one with the namespace; this is
 * upstream's repair loop. No token Secrets.
 *
 * <p>Threading: {@code ServiceAccountsRunner} runs it on one worker thread, keyed by namespace.
 */
package io.everynode.controllers.serviceaccount;
