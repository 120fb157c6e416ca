package dev.pixkit.url.transform;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the parser with Jazzer. Any exception other than {@link TransformationException} is a
 * finding, and so is a successfully parsed text whose canonical form does not parse back to the same value.
 *
 * <p>In a normal build ({@code ./mvnw test}) this runs in regression mode: only the inputs under
 * {@code src/test/resources/dev/pixkit/url/transform/TransformationParserFuzzTestInputs/parse_any_text/} (seeds and
 * past findings) are replayed, which takes a moment. To fuzz, set {@code JAZZER_FUZZ}; the default budget is the
 * annotation's {@code maxDuration}, and {@code JAZZER_MAX_DURATION} overrides it:
 *
 * <pre>
 * JAZZER_FUZZ=1 JAZZER_MAX_DURATION=5m ./mvnw -pl pixkit-url test -Dtest=TransformationParserFuzzTest
 * </pre>
 *
 * A finding is written as a new input file in the directory above (commit it once fixed: it becomes a regression
 * test); the growing corpus goes to {@code pixkit-url/.cifuzz-corpus/} (ignored by git). See the module README.
 */
class TransformationParserFuzzTest {
    private static final ParserLimits ROOMY = ParserLimits.DEFAULTS.withMaxInputLength(1 << 20).withMaxLayers(10_000);

    @FuzzTest(maxDuration = "60s")
    @DictionaryEntries({"w-", "h-", "ar-", "c-", "cm-", "fo-", "x-", "y-", "xc-", "yc-", "z-", "dpr-", "q-", "f-",
            "bl-", "e-grayscale", "e-sharpen", "e-usm-", "e-contrast", "e-shadow", "e-gradient", "bl-", "st-", "ld-",
            "from-", "to-", "sp-", "r-", "rt-", "fl-", "bg-", "b-", "o-", "n-", "pr-", "lo-", "md-", "cp-", "orig-",
            "t-", "di-", "l-image", "l-text", "l-end", "i-", "ie-", "lx-", "ly-", "lfo-", "lxc-", "lyc-", "fs-", "ff-",
            "co-", "ia-", "pa-", "al-", "tg-", "lh-", "ik_canvas", "@@", "iw", "ih", "iar", "cw", "ch", "car", "bw",
            "bh", "bar", "_add_", "_sub_", "_mul_", "_div_", "_mod_", "_pow_", "auto", "max", "true", "false",
            "blurred_", "dominant", "at_max", "pad_resize", "top_left", "face", "person", "jpeg", "h_v", "b_i",
            "FF000050", "red"})
    void parse_any_text(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        Transformation parsed;
        try {
            parsed = TransformationParser.parse(text);
        } catch (TransformationException expected) {
            return;
        }
        String canonical = TransformationFormatter.format(parsed);
        Transformation again = TransformationParser.parse(canonical, ROOMY);
        if (!again.equals(parsed)) {
            throw new AssertionError("format/parse mismatch for \"" + text + "\": canonical \"" + canonical
                    + "\" parses to " + again + " instead of " + parsed);
        }
    }
}
