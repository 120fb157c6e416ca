package dev.pixkit.url.transform;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code f q pr lo md cp orig} of one step (in that canonical order). {@code f-jpeg} is read as {@code jpg};
 * {@code f-svg}, {@code f-mp4} and {@code f-webm} are UNSUPPORTED. {@code q}: 1–100. The rest: {@code true} or
 * {@code false}.
 */
final class OutputParams {
    static final Set<String> KEYS = Set.of("f", "q", "pr", "lo", "md", "cp", "orig");
    private static final Map<String, Output.Format> FORMATS;

    static {
        Map<String, Output.Format> f = new java.util.HashMap<>(Stream.of(Output.Format.values())
                .collect(Collectors.toMap(Output.Format::token, Function.identity())));
        f.put("jpeg", Output.Format.JPG);
        FORMATS = Map.copyOf(f);
    }

    private Output.Format format;
    private Integer quality;
    private Boolean progressive;
    private Boolean lossless;
    private Boolean metadata;
    private Boolean colorProfile;
    private Boolean original;

    void accept(Param p) {
        String v = Values.required(p);
        switch (p.key()) {
            case "f" -> {
                String lower = v.toLowerCase(Locale.ROOT);
                if (lower.equals("svg") || lower.equals("mp4") || lower.equals("webm")) {
                    throw Errors.unsupported(p, lower + " output");
                }
                format = Values.keyword(p, v, FORMATS, "format");
            }
            case "q" -> quality = Values.integer(p, v, "quality", 1, 100);
            case "pr" -> progressive = Values.bool(p, v);
            case "lo" -> lossless = Values.bool(p, v);
            case "md" -> metadata = Values.bool(p, v);
            case "cp" -> colorProfile = Values.bool(p, v);
            case "orig" -> original = Values.bool(p, v);
            default -> throw new IllegalStateException(p.key());
        }
    }

    Output build() {
        return new Output(format, quality, progressive, lossless, metadata, colorProfile, original);
    }

    static void format(Output o, List<String> out) {
        if (o.format() != null) {
            out.add("f-" + o.format().token());
        }
        if (o.quality() != null) {
            out.add("q-" + o.quality());
        }
        flag(out, "pr", o.progressive());
        flag(out, "lo", o.lossless());
        flag(out, "md", o.metadata());
        flag(out, "cp", o.colorProfile());
        flag(out, "orig", o.original());
    }

    private static void flag(List<String> out, String key, Boolean b) {
        if (b != null) {
            out.add(key + "-" + b);
        }
    }
}
