package io.everynode.apiserver.strategy;

import io.everynode.api.defaults.SecretDefaults;
import io.everynode.api.validation.FieldError;
import io.everynode.api.validation.SecretValidation;
import io.everynode.apiserver.registry.WriteContext;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;

/**
 * Secrets: {@code stringData} folded into {@code data} on every write and type Opaque by default
 * ({@link SecretDefaults}), then {@link SecretValidation}: base64 data, config keys, the keys each
 * type requires, 1 MiB, type immutable, and an immutable Secret's data kept.
 */
final class SecretStrategy extends TypedStrategy<Secret> {
    SecretStrategy() {
        super(Secret.class);
    }

    @Override
    void applyDefaults(Secret obj, WriteContext ctx) {
        SecretDefaults.apply(obj);
    }

    @Override
    List<FieldError> validateCreate(Secret obj, WriteContext ctx) {
        return SecretValidation.validateCreate(obj);
    }

    @Override
    List<FieldError> validateUpdate(Secret obj, Secret old, WriteContext ctx) {
        return SecretValidation.validateUpdate(obj, old);
    }
}
