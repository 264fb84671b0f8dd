package io.everynode.api.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Keys of ConfigMap and Secret data (upstream IsConfigMapKey): each key becomes a file name in a
 * volume, so it is limited to {@code [-._a-zA-Z0-9]+}, at most 253 characters, and may not be
 * {@code .}, {@code ..} or start with {@code ..}. Also the size cap both kinds share.
 */
final class ConfigKeys {
    /** Upstream's MaxSecretSize, which caps ConfigMaps too: 1 MiB. */
    static final int MAX_SIZE = 1024 * 1024;

    private static final int MAX_LENGTH = 253;
    private static final Pattern KEY = Pattern.compile("^[-._a-zA-Z0-9]+$");
    private static final String KEY_ERROR = io.everynode.api.selector.LabelSyntax.regexError(
            "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
            "[-._a-zA-Z0-9]+",
            "key.name",
            "KEY_NAME",
            "key-name");

    private ConfigKeys() {}

    /** The reasons {@code key} is not a valid config key; empty when it is. */
    static List<String> check(String key) {
        List<String> msgs = new ArrayList<>();
        String k = key == null ? "" : key;
        if (k.length() > MAX_LENGTH) msgs.add("must be no more than " + MAX_LENGTH + " characters");
        if (!KEY.matcher(k).matches()) msgs.add(KEY_ERROR);
        if (k.equals(".")) msgs.add("must not be '.'");
        else if (k.equals("..")) msgs.add("must not be '..'");
        else if (k.startsWith("..")) msgs.add("must not start with '..'");
        return msgs;
    }

    /** Adds one Invalid error at {@code path[key]} per problem with each key. */
    static void validate(List<FieldError> errs, Iterable<String> keys, String path) {
        for (String key : keys) {
            for (String msg : check(key)) errs.add(FieldError.invalid(path + "[" + key + "]", key, msg));
        }
    }
}
