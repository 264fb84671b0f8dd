package io.everynode.api.validation;

import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * ConfigMap create/update validation (upstream ValidateConfigMap / ValidateConfigMapUpdate):
 * config keys in {@code data} and {@code binaryData}, no key in both, base64 binaryData, 1 MiB
 * in all, and an immutable ConfigMap keeps its data.
 */
public final class ConfigMapValidation {
    private ConfigMapValidation() {}

    public static List<FieldError> validateCreate(ConfigMap cm) {
        List<FieldError> errs =
                ObjectMetaValidation.validate(cm.getMetadata(), true, ObjectMetaValidation.NameRule.DNS_SUBDOMAIN);
        content(errs, cm);
        return errs;
    }

    public static List<FieldError> validateUpdate(ConfigMap cm, ConfigMap old) {
        List<FieldError> errs = ObjectMetaValidation.validateUpdate(cm.getMetadata(), old.getMetadata());
        if (Boolean.TRUE.equals(old.getImmutable())) {
            if (!Boolean.TRUE.equals(cm.getImmutable())) {
                errs.add(FieldError.forbidden("immutable", SecretValidation.IMMUTABLE_SET));
            }
            if (!Objects.equals(map(cm.getData()), map(old.getData()))) {
                errs.add(FieldError.forbidden("data", SecretValidation.IMMUTABLE_SET));
            }
            if (!Objects.equals(map(cm.getBinaryData()), map(old.getBinaryData()))) {
                errs.add(FieldError.forbidden("binaryData", SecretValidation.IMMUTABLE_SET));
            }
        }
        content(errs, cm);
        return errs;
    }

    private static void content(List<FieldError> errs, ConfigMap cm) {
        Map<String, String> data = map(cm.getData());
        Map<String, String> binary = map(cm.getBinaryData());
        long size = 0;
        ConfigKeys.validate(errs, data.keySet(), "data");
        for (Map.Entry<String, String> e : data.entrySet()) {
            if (binary.containsKey(e.getKey())) {
                errs.add(FieldError.invalid(
                        "data[" + e.getKey() + "]", e.getKey(), "duplicate of key present in binaryData"));
            }
            size += e.getValue() == null ? 0 : utf8Length(e.getValue());
        }
        ConfigKeys.validate(errs, binary.keySet(), "binaryData");
        for (Map.Entry<String, String> e : binary.entrySet()) {
            String value = e.getValue() == null ? "" : e.getValue();
            String bad = Base64Data.error(value);
            if (bad != null) errs.add(FieldError.invalid("binaryData[" + e.getKey() + "]", value, bad));
            else size += Base64Data.decodedLength(value);
        }
        // Upstream reports the size at the whole object's (empty) path; "data" says where to look.
        if (size > ConfigKeys.MAX_SIZE) errs.add(FieldError.tooLong("data", ConfigKeys.MAX_SIZE));
    }

    private static long utf8Length(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    private static Map<String, String> map(Map<String, String> m) {
        return m == null ? Map.of() : m;
    }
}
