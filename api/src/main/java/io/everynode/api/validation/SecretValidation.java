package io.everynode.api.validation;

import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Secret create/update validation (upstream ValidateSecret / ValidateSecretUpdate). Call after
 * {@code SecretDefaults.apply}, which folds {@code stringData} into {@code data}. Data values are
 * base64 strings in the model; one that is not is an Invalid error at {@code data[key]} (the value
 * itself is never echoed back).
 */
public final class SecretValidation {
    public static final String OPAQUE = "Opaque";
    public static final String SERVICE_ACCOUNT_TOKEN = "kubernetes.io/service-account-token";
    public static final String SERVICE_ACCOUNT_NAME = "kubernetes.io/service-account.name";
    static final String REDACTED = "<secret contents redacted>";
    static final String IMMUTABLE_SET = "field is immutable when `immutable` is set";

    /** The keys each built-in type requires (all of them; basic-auth is special-cased). */
    private static final Map<String, List<String>> REQUIRED_KEYS = Map.of(
            "kubernetes.io/dockercfg", List.of(".dockercfg"),
            "kubernetes.io/dockerconfigjson", List.of(".dockerconfigjson"),
            "kubernetes.io/ssh-auth", List.of("ssh-privatekey"),
            "kubernetes.io/tls", List.of("tls.crt", "tls.key"));

    private SecretValidation() {}

    public static List<FieldError> validateCreate(Secret secret) {
        List<FieldError> errs =
                ObjectMetaValidation.validate(secret.getMetadata(), true, ObjectMetaValidation.NameRule.DNS_SUBDOMAIN);
        content(errs, secret);
        return errs;
    }

    /** Type never changes; an immutable Secret keeps its data and stays immutable. */
    public static List<FieldError> validateUpdate(Secret secret, Secret old) {
        List<FieldError> errs = ObjectMetaValidation.validateUpdate(secret.getMetadata(), old.getMetadata());
        if (!Objects.equals(secret.getType(), old.getType())) {
            errs.add(FieldError.invalid("type", secret.getType(), Common.IMMUTABLE));
        }
        if (Boolean.TRUE.equals(old.getImmutable())) {
            if (!Boolean.TRUE.equals(secret.getImmutable())) {
                errs.add(FieldError.forbidden("immutable", IMMUTABLE_SET));
            }
            if (!Objects.equals(map(secret.getData()), map(old.getData()))) {
                errs.add(FieldError.forbidden("data", IMMUTABLE_SET));
            }
        }
        content(errs, secret);
        return errs;
    }

    private static void content(List<FieldError> errs, Secret secret) {
        Map<String, String> data = map(secret.getData());
        ConfigKeys.validate(errs, data.keySet(), "data");
        long size = 0;
        for (Map.Entry<String, String> e : data.entrySet()) {
            String value = e.getValue() == null ? "" : e.getValue();
            String bad = Base64Data.error(value);
            if (bad != null) errs.add(FieldError.invalid("data[" + e.getKey() + "]", REDACTED, bad));
            else size += Base64Data.decodedLength(value);
        }
        if (size > ConfigKeys.MAX_SIZE) errs.add(FieldError.tooLong("data", ConfigKeys.MAX_SIZE));
        String type = secret.getType() == null ? "" : secret.getType();
        if (type.equals(SERVICE_ACCOUNT_TOKEN)) {
            Map<String, String> ann =
                    secret.getMetadata() == null ? null : secret.getMetadata().getAnnotations();
            if (ann == null || Common.empty(ann.get(SERVICE_ACCOUNT_NAME))) {
                errs.add(FieldError.required("metadata.annotations[" + SERVICE_ACCOUNT_NAME + "]", ""));
            }
        } else if (type.equals("kubernetes.io/basic-auth")) {
            if (!data.containsKey("username") && !data.containsKey("password")) {
                errs.add(FieldError.required("data[username]", ""));
                errs.add(FieldError.required("data[password]", ""));
            }
        }
        for (String key : REQUIRED_KEYS.getOrDefault(type, List.of())) {
            if (!data.containsKey(key)) errs.add(FieldError.required("data[" + key + "]", ""));
        }
    }

    private static Map<String, String> map(Map<String, String> m) {
        return m == null ? Map.of() : m;
    }
}
