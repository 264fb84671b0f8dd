package io.everynode.api.json;

import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;

/**
 * String escaping as Go's {@code encoding/json} does it by default: besides the JSON escapes,
 * {@code <}, {@code >} and {@code &} become {@code \u003c}, {@code \u003e}, {@code \u0026}, and
 * U+2028 and U+2029 become {@code \u2028} and {@code \u2029} (hex in lower case, see
 * {@link Json#MAPPER}). Immutable.
 */
final class GoEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private static final int[] ASCII = asciiEscapes();
    private static final SerializedString LINE_SEPARATOR = new SerializedString("\\u2028");
    private static final SerializedString PARAGRAPH_SEPARATOR = new SerializedString("\\u2029");

    private static int[] asciiEscapes() {
        int[] codes = standardAsciiEscapesForJSON();
        codes['<'] = ESCAPE_STANDARD;
        codes['>'] = ESCAPE_STANDARD;
        codes['&'] = ESCAPE_STANDARD;
        return codes;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return ASCII.clone();
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        if (ch == 0x2028) return LINE_SEPARATOR;
        if (ch == 0x2029) return PARAGRAPH_SEPARATOR;
        return null;
    }
}
