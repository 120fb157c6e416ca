package dev.pixkit.url.transform;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a {@link Transformation} as canonical ImageKit text, the inverse of {@link TransformationParser}: for every
 * value {@code t} the parser returns, {@code parse(format(t)).equals(t)}. Two transformations that parse to the same
 * value format to the same text, so the result can serve as a cache key.
 *
 * <h2>Canonical form</h2>
 * <ul>
 *   <li>Steps joined by {@code :}, parameters by {@code ,}, in a fixed order per step: {@code n}; {@code w h ar c cm
 *       fo z x y xc yc dpr}; {@code bl e-grayscale e-sharpen e-usm e-contrast e-shadow e-gradient t o}; {@code rt fl
 *       r b bg}; {@code f q pr lo md cp orig}; {@code di}; then the layers in order. A parameter that is null is not
 *       written.</li>
 *   <li>Numbers: integers without {@code .0}, others in plain decimal (never exponent notation), negatives as
 *       {@code N5}. Expressions as {@code iw_div_2}.</li>
 *   <li>Colours: upper-case hex {@code RRGGBB} when opaque, else {@code RRGGBBAA} with {@code AA} the opacity percent
 *       {@code 00}–{@code 99} (ImageKit's convention).</li>
 *   <li>Keywords lower-case ({@code c-at_max}, {@code f-jpg}, {@code fl-h_v}).</li>
 *   <li>Layers: {@code l-image|l-text}, then in the first step {@code i-…} (or {@code ie-…}), {@code lx ly lfo lxc
 *       lyc}, {@code fs ff co ia pa al tg lh}, the step's parameters; further steps after {@code :}; then
 *       {@code l-end}. Text and paths outside the plain alphabet ({@code A–Z a–z 0–9 . _ - space}; paths also
 *       {@code /}, written {@code @@}) are written {@code ie-} with standard base64 of their UTF-8 bytes.</li>
 * </ul>
 * The text is the decoded {@code tr} value: a URL builder percent-encodes it as the SDKs do (base64 may contain
 * {@code + / =}).
 */
public final class TransformationFormatter {

    private TransformationFormatter() {}

    /**
     * The canonical text of {@code t}.
     *
     * <p>Values outside what the parser accepts (a quality of 500, say) are written as they are and will not parse
     * back. Values with no spelling at all throw.
     *
     * @throws IllegalArgumentException if {@code t} holds an expression that would need parentheses, or four
     *                                  different corner radii that are not plain numbers or variables
     */
    public static String format(Transformation t) {
        List<String> steps = new ArrayList<>();
        for (Step s : t.steps()) {
            steps.add(StepParams.format(s, List.of()));
        }
        return String.join(":", steps);
    }

    /** An expression as written in a URL, e.g. {@code iw_div_2}; throws IllegalArgumentException as {@link #format}. */
    public static String format(Expr e) {
        return Expressions.format(e);
    }
}
