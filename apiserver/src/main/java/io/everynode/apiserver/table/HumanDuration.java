package io.everynode.apiserver.table;

import java.time.Duration;

/**
 * kubectl's AGE text: apimachinery {@code duration.HumanDuration}, about 2-3 significant figures.
 *
 * <p>Rules, in order (seconds are truncated toward zero, as Go's {@code int(d.Seconds())}):
 * below -1s {@code <invalid>} (clock skew of up to 2s is tolerated as "now"); below 0 {@code 0s};
 * below 2m {@code Ns}; below 10m {@code NmSs} (or {@code Nm} on a whole minute); below 3h
 * {@code Nm}; below 8h {@code NhMm} (or {@code Nh}); below 48h {@code Nh}; below 8d {@code NdHh}
 * (or {@code Nd}); below 2y {@code Nd}; below 8y {@code NyDd} (or {@code Ny}); else {@code Ny}.
 * A year is 365 days. A missing duration (a timestamp never set) is {@code <unknown>}.
 */
public final class HumanDuration {
    private HumanDuration() {}

    public static String of(Duration d) {
        if (d == null) {
            return "<unknown>";
        }
        long seconds = truncatedSeconds(d);
        if (seconds < -1) {
            return "<invalid>";
        } else if (seconds < 0) {
            return "0s";
        } else if (seconds < 60 * 2) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 10) {
            long s = seconds % 60;
            return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
        } else if (minutes < 60 * 3) {
            return minutes + "m";
        }
        long hours = seconds / 3600;
        if (hours < 8) {
            long m = minutes % 60;
            return m == 0 ? hours + "h" : hours + "h" + m + "m";
        } else if (hours < 48) {
            return hours + "h";
        } else if (hours < 24 * 8) {
            long h = hours % 24;
            return h == 0 ? (hours / 24) + "d" : (hours / 24) + "d" + h + "h";
        } else if (hours < 24 * 365 * 2) {
            return (hours / 24) + "d";
        } else if (hours < 24 * 365 * 8) {
            long dy = (hours / 24) % 365;
            return dy == 0 ? (hours / 24 / 365) + "y" : (hours / 24 / 365) + "y" + dy + "d";
        }
        return (hours / 24 / 365) + "y";
    }

    /** Whole seconds rounded toward zero; {@link Duration#getSeconds()} floors negatives. */
    private static long truncatedSeconds(Duration d) {
        long s = d.getSeconds();
        if (s < 0 && d.getNano() > 0) {
            s += 1;
        }
        return s;
    }
}
