package dev.pixkit.url.transform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ImageKit parameters that Pixkit recognises but does not render: video and audio, vendor AI, and a few others. They
 * fail with {@link TransformationException.Kind#UNSUPPORTED} rather than as unknown parameters.
 */
final class Unsupported {
    /** Parameter keys, each with what it is. */
    private static final Map<String, String> KEYS = new LinkedHashMap<>();
    /** Values of supported keys that are not supported, for the documentation (checked where the key is parsed). */
    private static final List<String> VALUES = List.of("l-video", "l-subtitles", "f-mp4", "f-webm", "f-svg",
            "bg-genfill", "bg-gradient_dominant", "tg-strikethrough", "al (on l-image,i-ik_canvas)");

    static {
        String video = "video and audio";
        for (String k : List.of("vc", "ac", "so", "eo", "du", "sr", "lso", "leo", "ldu", "fol", "fsh")) {
            KEYS.put(k, video);
        }
        String ai = "AI transformations";
        for (String k : List.of("e-bgremove", "e-removedotbg", "e-upscale", "e-retouch", "e-genvar", "e-dropshadow",
                "e-changebg", "e-edit")) {
            KEYS.put(k, ai);
        }
        KEYS.put("cr", "colour replacement");
        KEYS.put("e-colorize", "colorize");
        KEYS.put("e-distort", "distortion");
        KEYS.put("lap", "layer anchor points");
        KEYS.put("lm", "layer modes");
        KEYS.put("pg", "pages of PDF, PSD and animated files");
        String legacy = "legacy overlay parameters, use l-image or l-text layers";
        for (String k : List.of("oi", "ot", "ote", "ox", "oy", "ofo", "ow", "oh", "oa", "obg", "oit", "oiw",
                "oih", "ots", "otf", "otc", "ott", "otw", "otbg", "otp", "otia")) {
            KEYS.put(k, legacy);
        }
    }

    private Unsupported() {}

    /** Throws UNSUPPORTED when {@code p}'s key is one of ImageKit's parameters that Pixkit does not render. */
    static void check(Param p) {
        String what = KEYS.get(p.key());
        if (what != null) {
            throw Errors.unsupported(p, what);
        }
    }

    static List<String> all() {
        return java.util.stream.Stream.concat(KEYS.keySet().stream(), VALUES.stream()).toList();
    }
}
