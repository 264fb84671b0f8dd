/**
 * Tests that a server closed and reopened on the same SQLite directory finds every object as it
 * was, and that watches resume from the old resourceVersions.
 *
 * <p>Threading: JUnit's thread.
 */
package io.everynode.apiserver.persistence;
