package io.everynode.apiserver.strategy;

import io.everynode.api.validation.ConfigMapValidation;
import io.everynode.api.validation.FieldError;
import io.everynode.apiserver.registry.WriteContext;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.List;

/** ConfigMaps: {@link ConfigMapValidation} (keys, binaryData, 1 MiB, immutability); no defaults. */
final class ConfigMapStrategy extends TypedStrategy<ConfigMap> {
    ConfigMapStrategy() {
        super(ConfigMap.class);
    }

    @Override
    List<FieldError> validateCreate(ConfigMap obj, WriteContext ctx) {
        return ConfigMapValidation.validateCreate(obj);
    }

    @Override
    List<FieldError> validateUpdate(ConfigMap obj, ConfigMap old, WriteContext ctx) {
        return ConfigMapValidation.validateUpdate(obj, old);
    }
}
