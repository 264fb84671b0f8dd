/**
 * Objects encrypted at rest, as upstream's {@code --encryption-provider-config} does it: an
 * {@link io.everynode.apiserver.encryption.EncryptionConfigReader} reads an
 * EncryptionConfiguration (apiserver.config.k8s.io/v1) into an
 * {@link io.everynode.apiserver.encryption.EncryptionConfig}, a
 * {@link io.everynode.apiserver.encryption.ValueTransformer} that the registry and the watch
 * cache apply where objects become stored bytes and back. So the store holds ciphertext, while
 * reads, lists, watches and the watch cache see plain objects.
 *
 * <p>Stored form, upstream's: {@code k8s:enc:aesgcm:v1:KEYNAME:} + 12-byte nonce + ciphertext
 * and tag (the store key is the authenticated data, so a value cannot be moved to another key as
 * it is: a move of the store's layout opens and seals it again, {@code ValueTransformer.moved});
 * {@code k8s:enc:aescbc:v1:KEYNAME:} + 16-byte IV + PKCS#7-padded ciphertext; identity stores the
 * plain bytes. The first provider writes; a read takes the provider whose prefix the value
 * carries, and reports the value stale when that is not the writer, so that an update that
 * changes nothing still rewrites it (how key rotation and first encryption are done).
 *
 * <p>Threading: everything here is immutable and thread-safe.
 */
package io.everynode.apiserver.encryption;
