package io.everynode.api.validation;

import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.List;
import java.util.regex.Pattern;

/**
 * maxUnavailable / maxSurge values: an int, or a percent string {@code [0-9]+%}. Validation
 * (R6.5) and scaling against a total (R5.2, percentages rounded up); controllers reuse
 * {@link #scaled}.
 */
public final class IntOrPercent {
    private static final Pattern PERCENT = Pattern.compile("^[0-9]+%$");
    static final String PERCENT_ERROR = io.everynode.api.selector.LabelSyntax.regexError(
            "a valid percent string must be a numeric string followed by an ending '%'", "[0-9]+%", "1%", "93%");

    private IntOrPercent() {}

    public static boolean isPercent(IntOrString v) {
        return v != null && v.getStrVal() != null;
    }

    /**
     * R5.2: the value scaled against {@code total}: ints as they are, percentages as
     * ceil(total × p / 100) when {@code roundUp}, else floor. Null is 0.
     *
     * @throws IllegalArgumentException for a malformed percentage or a non-numeric string
     */
    public static int scaled(IntOrString v, int total, boolean roundUp) {
        if (v == null) {
            return 0;
        }
        if (v.getIntVal() != null) {
            return v.getIntVal();
        }
        String s = v.getStrVal();
        if (s == null || !PERCENT.matcher(s).matches()) {
            throw new IllegalArgumentException(
                    "invalid value for IntOrString: invalid value \"" + s + "\": " + PERCENT_ERROR);
        }
        long pct = Long.parseLong(s.substring(0, s.length() - 1));
        long num = pct * total;
        return (int) (roundUp ? (num + 99) / 100 : num / 100);
    }

    /** Upstream getIntOrPercentValue: the int, or the number before '%'; malformed → 0. */
    static int rawValue(IntOrString v) {
        if (v == null) {
            return 0;
        }
        if (v.getIntVal() != null) {
            return v.getIntVal();
        }
        String s = v.getStrVal();
        if (s == null || !PERCENT.matcher(s).matches()) {
            return 0;
        }
        try {
            return Integer.parseInt(s.substring(0, s.length() - 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** R6.5: non-negative int or well-formed percentage not above 100%. */
    static void validate(List<FieldError> errs, IntOrString v, String path) {
        if (v == null) {
            return;
        }
        if (v.getIntVal() != null) {
            Common.nonNegative(errs, v.getIntVal(), path);
            return;
        }
        String s = v.getStrVal();
        if (s == null || !PERCENT.matcher(s).matches()) {
            errs.add(FieldError.invalid(path, v, PERCENT_ERROR));
            return;
        }
        if (rawValue(v) > 100) {
            errs.add(FieldError.invalid(path, v, "must not be greater than 100%"));
        }
    }
}
