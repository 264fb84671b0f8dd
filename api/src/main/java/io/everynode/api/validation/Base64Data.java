package io.everynode.api.validation;

/**
 * Values of {@code data} in Secrets and {@code binaryData} in ConfigMaps travel as standard,
 * padded base64 (Go's StdEncoding, which skips CR and LF). The JSON model holds them as strings,
 * so their syntax is checked here, with Go's message for the first bad byte.
 */
final class Base64Data {
    private Base64Data() {}

    /** Go's error text for a value that is not base64, or null when {@code value} decodes. */
    static String error(String value) {
        int bad = firstIllegalByte(value);
        return bad < 0 ? null : "illegal base64 data at input byte " + bad;
    }

    /** How many bytes {@code value} decodes to (assumes it is valid). */
    static long decodedLength(String value) {
        long chars = 0;
        long pad = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '=') pad++;
            else if (c != '\r' && c != '\n') chars++;
        }
        return (chars + pad) / 4 * 3 - pad;
    }

    /** The offset of the first byte Go's decoder refuses, or -1. */
    static int firstIllegalByte(String s) {
        int inQuantum = 0; // characters of the current 4-character quantum seen so far
        int quantumStart = 0;
        int padNeeded = -1; // once padding started: how many '=' must still follow
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n') continue;
            if (padNeeded == 0) return i; // data after the final quantum
            if (c == '=') {
                if (padNeeded < 0) {
                    if (inQuantum < 2) return i;
                    padNeeded = 4 - inQuantum;
                }
                padNeeded--;
                continue;
            }
            if (padNeeded > 0 || !alphabet(c)) return i;
            if (inQuantum == 0) quantumStart = i;
            inQuantum = (inQuantum + 1) % 4;
        }
        if (padNeeded > 0) return s.length();
        return padNeeded < 0 && inQuantum != 0 ? quantumStart : -1;
    }

    private static boolean alphabet(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    }
}
