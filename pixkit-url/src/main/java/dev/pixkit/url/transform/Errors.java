package dev.pixkit.url.transform;

import dev.pixkit.url.transform.TransformationException.Kind;

/** The parser's error messages, one shape per {@link Kind}. */
final class Errors {
    private static final int SHOWN = 100;

    private Errors() {}

    /** {@code Invalid transformation parameter "w-abc": <reason>}. */
    static TransformationException invalid(Param p, String reason) {
        return new TransformationException(Kind.INVALID, p.raw(),
                "Invalid transformation parameter \"" + show(p.raw()) + "\": " + reason);
    }

    /** {@code Transformation parameter "vc-h264" is not supported by Pixkit (<what>)}. */
    static TransformationException unsupported(Param p, String what) {
        return new TransformationException(Kind.UNSUPPORTED, p.raw(),
                "Transformation parameter \"" + show(p.raw()) + "\" is not supported by Pixkit (" + what + ")");
    }

    /** {@code Transformation limit exceeded at "<param>": <reason>}; parameter may be empty (whole text). */
    static TransformationException limit(String parameter, String reason) {
        String where = parameter.isEmpty() ? "" : " at \"" + show(parameter) + "\"";
        return new TransformationException(Kind.LIMIT, parameter, "Transformation limit exceeded" + where + ": " + reason);
    }

    /** The parameter as shown in a message: control characters escaped, long values cut. */
    static String show(String s) {
        StringBuilder b = new StringBuilder();
        int end = Math.min(s.length(), SHOWN);
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '"' || c == '\\' || Character.isSurrogate(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (end < s.length()) {
            b.append("…");
        }
        return b.toString();
    }
}
