package dev.pixkit.url.transform;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of parse and format (jqwik, run by the JUnit Platform with the Jupiter tests). */
class RoundTripPropertiesTest {
    /** Generated values may hold more layers and text than the defaults allow; the property is about the bijection. */
    private static final ParserLimits ROOMY = ParserLimits.DEFAULTS.withMaxInputLength(1 << 20).withMaxLayers(10_000);

    @Provide
    Arbitrary<Transformation> transformations() {
        return Generators.transformation(0);
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    void formatting_any_transformation_parses_back_to_the_same_value(@ForAll("transformations") Transformation t) {
        String text = TransformationFormatter.format(t);
        Transformation parsed = TransformationParser.parse(text, ROOMY);
        assertThat(parsed).as(text).isEqualTo(t);
        assertThat(TransformationFormatter.format(parsed)).isEqualTo(text);
    }

    @Property(tries = 1000)
    void any_string_parses_or_fails_with_a_transformation_exception(@ForAll String s) {
        checkString(s);
    }

    @Provide
    Arbitrary<String> almostTransformations() {
        Arbitrary<String> fragment = Arbitraries.oneOf(
                Arbitraries.of("w-", "h-", "ar-", "c-", "cm-", "fo-", "x-", "y-", "xc-", "yc-", "z-", "dpr-", "q-",
                        "f-", "bl-", "e-grayscale", "e-sharpen", "e-usm-", "e-contrast", "e-shadow", "e-gradient",
                        "-bl-", "_st-", "_x-", "_y-", "-ld-", "_from-", "_to-", "_sp-", "r-", "rt-", "fl-", "bg-", "b-",
                        "o-", "dpr-", "n-", "pr-", "lo-", "md-", "cp-", "orig-", "t-", "di-", "l-image", "l-text",
                        "l-end", "i-", "ie-", "lx-", "ly-", "lfo-", "lxc-", "lyc-", "fs-", "ff-", "co-", "ia-", "pa-",
                        "al-", "tg-", "lh-", "ik_canvas", "vc-", "e-bgremove"),
                Arbitraries.of(",", ",", ",", ":", "-", "_", "@@", "N", "."),
                Arbitraries.of("iw", "ih", "iar", "cw", "ch", "car", "bw", "bh", "bar", "_add_", "_sub_", "_mul_",
                        "_div_", "_mod_", "_pow_", "auto", "max", "true", "false", "blurred", "dominant", "red",
                        "FF000050", "at_max", "pad_resize", "top_left", "person", "jpeg", "h_v", "b_i", "center"),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(4),
                Arbitraries.strings().all().ofMaxLength(3));
        return fragment.list().ofMaxSize(25).map(l -> String.join("", l));
    }

    @Property(tries = 2000)
    void near_miss_strings_parse_or_fail_with_a_transformation_exception(
            @ForAll("almostTransformations") String s) {
        checkString(s);
    }

    /** Either a TransformationException, or a value that formats and parses back to itself. */
    static void checkString(String s) {
        Transformation t;
        try {
            t = TransformationParser.parse(s);
        } catch (TransformationException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        String text = TransformationFormatter.format(t);
        assertThat(TransformationParser.parse(text, ROOMY)).as("%s -> %s", s, text).isEqualTo(t);
    }
}
