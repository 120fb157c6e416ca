package dev.pixkit.url.transform;

import java.util.List;
import java.util.Objects;

/**
 * Parses ImageKit's URL transformation language — the value of {@code tr:…} or {@code ?tr=…} after URL-decoding —
 * into a {@link Transformation}. {@link TransformationFormatter} writes it back; for every value this parser returns,
 * {@code parse(format(t)).equals(t)}.
 *
 * <h2>Syntax</h2>
 * <ul>
 *   <li>{@code ,} separates parameters, {@code :} chains steps ({@code w-300,h-200:rt-90}). A parameter's key and
 *       value split at the first {@code -}; for effects the key includes the effect name ({@code e-sharpen-10},
 *       {@code e-usm-2-2-0.8-0.024}). Keys are case-sensitive; keyword values (crop modes, formats, colour names,
 *       {@code auto}, {@code true} …) are not.</li>
 *   <li>Numbers are decimal ({@code 0.5}; {@code N} prefix for negatives where allowed). Where ImageKit allows it, a
 *       number may be an arithmetic expression: see {@link Expr}.</li>
 *   <li>Layers: {@code l-image|l-text,i-…,… ,l-end}; inside a layer {@code :} chains the layer's own steps, and
 *       layers nest.</li>
 *   <li>Empty parameters ({@code ,,}) are ignored; empty steps are kept as {@link Step#NONE}, so the empty string is
 *       one empty step.</li>
 * </ul>
 * The parameter groups document their values: {@code w h ar c cm fo z x y xc yc dpr} (resize), {@code bl e-grayscale
 * e-sharpen e-usm e-contrast e-shadow e-gradient t o} (effects), {@code rt fl r b bg} (decoration), {@code f q pr lo
 * md cp orig} (output), {@code n} (a name of letters, digits, {@code _ . -}) and {@code di} (a path, {@code @@} for
 * {@code /}); in layers also {@code i ie lx ly lfo lxc lyc} and, for text, {@code fs ff co ia pa al tg lh}.
 *
 * <h2>Decisions</h2>
 * <ul>
 *   <li><b>Duplicates are INVALID</b>: a key may appear once per step ({@code w-100,w-200}), and a layer-wide key
 *       ({@code lx}, {@code fs}, …) once per layer. Only {@code i} and {@code ie} may both be given ({@code ie} wins,
 *       as in ImageKit). Steps repeat keys freely.</li>
 *   <li>Aliases parse to the same value and are written in one canonical spelling: {@code f-jpeg}→{@code f-jpg},
 *       {@code fl-v_h}→{@code fl-h_v}, {@code tg-i_b}→{@code tg-b_i}, colour names→hex, four equal radii→one,
 *       {@code pa} in its shortest CSS form, {@code ld-90}→{@code ld-right}, {@code N0}→{@code 0},
 *       bare {@code e-usm}→{@link Effects.UnsharpMask#DEFAULT}.</li>
 *   <li>{@code RRGGBBAA}: as in ImageKit's spec, {@code AA} is the opacity in percent, {@code 00}–{@code 99}.</li>
 *   <li>Layer parameters ({@code lx}, {@code fs}, …) outside a layer, text parameters in an image layer, and
 *       {@code n}/{@code di} inside a layer are INVALID.</li>
 * </ul>
 *
 * <h2>Errors</h2>
 * Only {@link TransformationException}: INVALID (malformed, out of range, unknown key — the message names the
 * parameter as written, e.g. {@code Invalid transformation parameter "w-abc": …}), UNSUPPORTED (valid ImageKit that
 * Pixkit does not render, see {@link #unsupportedParameters()}), LIMIT (beyond {@link ParserLimits}). The first
 * problem from the left is reported.
 */
public final class TransformationParser {

    private TransformationParser() {}

    /** Parses with {@link ParserLimits#DEFAULTS}. */
    public static Transformation parse(String text) {
        return parse(text, ParserLimits.DEFAULTS);
    }

    /**
     * Parses {@code text}, the URL-decoded transformation (without {@code tr:} / {@code tr=}).
     *
     * @throws TransformationException if the text is not a transformation Pixkit can render
     */
    public static Transformation parse(String text, ParserLimits limits) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(limits, "limits");
        if (text.length() > limits.maxInputLength()) {
            throw Errors.limit("", "the transformation is " + text.length() + " characters long, at most "
                    + limits.maxInputLength() + " are accepted");
        }
        return new ChainParser(text, limits).parse();
    }

    /**
     * The ImageKit parameters Pixkit rejects as UNSUPPORTED: keys ({@code vc}, {@code e-bgremove}, …) and, written
     * {@code key-value}, the values of otherwise supported keys ({@code f-mp4}, {@code l-video}, {@code bg-genfill}…).
     */
    public static List<String> unsupportedParameters() {
        return Unsupported.all();
    }
}
