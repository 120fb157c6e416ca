package dev.pixkit.url.transform;

import java.util.ArrayList;
import java.util.List;

/**
 * One parameter as written between separators, e.g. {@code w-300}, with its key ({@code w}; for effects the key
 * includes the effect name, {@code e-sharpen}), its value (text after the key's {@code -}; null when there is none)
 * and the separator that follows it.
 */
record Param(String raw, String key, String value, Separator after) {

    /** What follows a parameter: {@code ,} (same step), {@code :} (next step) or the end of the text. */
    enum Separator { COMMA, COLON, END }

    static Param of(String raw, Separator after) {
        int dash = raw.indexOf('-');
        if (dash < 0) {
            return new Param(raw, raw, null, after);
        }
        if (dash == 1 && raw.charAt(0) == 'e') {
            int second = raw.indexOf('-', 2);
            return second < 0
                    ? new Param(raw, raw, null, after)
                    : new Param(raw, raw.substring(0, second), raw.substring(second + 1), after);
        }
        return new Param(raw, raw.substring(0, dash), raw.substring(dash + 1), after);
    }

    /** Splits a transformation at {@code ,} and {@code :}; never empty (the empty text is one empty parameter). */
    static List<Param> split(String text) {
        List<Param> params = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == ':') {
                params.add(of(text.substring(start, i), c == ',' ? Separator.COMMA : Separator.COLON));
                start = i + 1;
            }
        }
        params.add(of(text.substring(start), Separator.END));
        return params;
    }

    boolean isLayerEnd() {
        return raw.equals("l-end");
    }

    boolean isLayerStart() {
        return key.equals("l") && !isLayerEnd();
    }
}
