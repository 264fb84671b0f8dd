package io.everynode.apiserver.table;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A quantity's canonical text, as apimachinery's {@code Quantity.String()} prints it in tables.
 *
 * <p>The value keeps the notation it was written in: binary suffixes (Ki … Ei), decimal SI
 * suffixes (n, u, m, k … E, or none) or a decimal exponent ({@code e3}). It is rounded up to
 * nano units, then written with the largest suffix that keeps the number whole: {@code 1024Mi}
 * is {@code 1Gi}, {@code 1000m} is {@code 1}, {@code 1000} is {@code 1k}, {@code 0.5} is
 * {@code 500m}. A binary value below 1024 in magnitude or with a fraction is written in decimal
 * SI instead ({@code 0.5Ki} is {@code 512}). Zero is {@code 0}; an absent quantity is Go's zero
 * quantity, {@code 0}; text that is not a quantity is returned as written.
 */
final class QuantityText {
    private QuantityText() {}

    private static final Pattern QUANTITY = Pattern.compile("([+-]?(?:\\d+\\.?\\d*|\\.\\d+))(.*)");
    private static final List<String> BINARY = List.of("", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei");
    private static final Map<String, Integer> DECIMAL = Map.ofEntries(
            Map.entry("n", -9),
            Map.entry("u", -6),
            Map.entry("m", -3),
            Map.entry("", 0),
            Map.entry("k", 3),
            Map.entry("M", 6),
            Map.entry("G", 9),
            Map.entry("T", 12),
            Map.entry("P", 15),
            Map.entry("E", 18));
    private static final BigInteger KI = BigInteger.valueOf(1024);

    private enum Notation {
        BINARY,
        DECIMAL_SI,
        EXPONENT
    }

    static String of(Quantity q) {
        if (q == null || q.getAmount() == null || q.getAmount().isEmpty()) {
            return "0";
        }
        return of(q.getAmount() + Columns.str(q.getFormat()));
    }

    static String of(String text) {
        try {
            return canonical(text);
        } catch (ArithmeticException | NumberFormatException outOfRange) {
            // An exponent beyond what BigDecimal holds: print it as written rather than fail the list.
            return text;
        }
    }

    private static String canonical(String text) {
        Matcher m = QUANTITY.matcher(text.trim());
        if (!m.matches()) {
            return text;
        }
        BigDecimal number = new BigDecimal(m.group(1).endsWith(".") ? m.group(1) + "0" : m.group(1));
        String suffix = m.group(2);
        Notation notation;
        BigDecimal value;
        if (BINARY.contains(suffix) && !suffix.isEmpty()) {
            notation = Notation.BINARY;
            value = number.multiply(new BigDecimal(KI.pow(BINARY.indexOf(suffix))));
        } else if (DECIMAL.containsKey(suffix)) {
            notation = Notation.DECIMAL_SI;
            value = number.scaleByPowerOfTen(DECIMAL.get(suffix));
        } else if (suffix.matches("[eE][+-]?\\d+")) {
            notation = Notation.EXPONENT;
            value = number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)));
        } else {
            return text;
        }
        value = value.setScale(9, value.signum() < 0 ? RoundingMode.FLOOR : RoundingMode.CEILING);
        if (value.signum() == 0) {
            return "0";
        }
        if (notation == Notation.BINARY) {
            boolean whole = value.stripTrailingZeros().scale() <= 0;
            if (whole && value.abs().compareTo(new BigDecimal(KI)) >= 0) {
                return binary(value.toBigIntegerExact());
            }
            notation = Notation.DECIMAL_SI;
        }
        return decimal(value, notation);
    }

    private static String binary(BigInteger value) {
        int power = 0;
        while (power < BINARY.size() - 1 && value.mod(KI).signum() == 0) {
            value = value.divide(KI);
            power++;
        }
        return value + BINARY.get(power);
    }

    /** The mantissa for the largest exponent (a multiple of 3, from -9 to 18) that keeps it whole. */
    private static String decimal(BigDecimal value, Notation notation) {
        BigDecimal stripped = value.stripTrailingZeros();
        int exponent = Math.floorDiv(-stripped.scale(), 3) * 3;
        exponent = Math.max(-9, Math.min(18, exponent));
        BigInteger mantissa = stripped.scaleByPowerOfTen(-exponent).toBigIntegerExact();
        if (notation == Notation.EXPONENT) {
            return exponent == 0 ? mantissa.toString() : mantissa + "e" + exponent;
        }
        int e = exponent;
        String suffix = DECIMAL.entrySet().stream()
                .filter(x -> x.getValue() == e)
                .findFirst()
                .orElseThrow()
                .getKey();
        return mantissa + suffix;
    }
}
