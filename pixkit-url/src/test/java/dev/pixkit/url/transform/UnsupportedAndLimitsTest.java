package dev.pixkit.url.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pixkit.url.transform.TransformationException.Kind;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class UnsupportedAndLimitsTest {

    static TransformationException failure(String text, ParserLimits limits) {
        TransformationException e = catchThrowableOfType(TransformationException.class,
                () -> TransformationParser.parse(text, limits));
        assertThat(e).as(text).isNotNull();
        return e;
    }

    static Stream<String> unsupportedExamples() {
        return Stream.of("vc-h264", "ac-none", "so-5", "eo-10.5", "du-5", "sr-240_360", "e-bgremove", "e-removedotbg",
                "e-upscale", "e-retouch", "e-genvar", "e-dropshadow", "e-dropshadow-az-45", "e-changebg-prompt-snow road",
                "e-edit-prompt-add a hat", "cr-FF0022", "e-colorize-co-red", "e-distort-a-30", "pg-2", "f-mp4", "f-webm",
                "f-svg", "bg-genfill", "bg-gradient_dominant_2", "oi-logo.png", "ot-Hello");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsupportedExamples")
    void imagekit_parameter_pixkit_does_not_render_is_unsupported(String text) {
        TransformationException e = failure("w-100," + text, ParserLimits.DEFAULTS);
        assertThat(e.kind()).isEqualTo(Kind.UNSUPPORTED);
        assertThat(e.parameter()).isEqualTo(text);
        assertThat(e.getMessage()).contains("\"" + text + "\"").contains("is not supported by Pixkit");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"l-video,i-clip.mp4,l-end", "l-subtitles,i-subs.srt,l-end",
            "l-image,i-a.png,lap-top_left,lx-10,l-end", "l-image,i-a.png,lm-multiply,l-end",
            "l-image,i-a.png,lso-5,l-end", "l-image,i-a.png,leo-5,l-end", "l-image,i-a.png,ldu-5,l-end",
            "l-text,i-a,tg-b_strikethrough,l-end", "l-image,i-ik_canvas,bg-FF0000,al-5,l-end"})
    void unsupported_layer_kinds_and_layer_parameters_are_unsupported(String text) {
        TransformationException e = failure(text, ParserLimits.DEFAULTS);
        assertThat(e.kind()).isEqualTo(Kind.UNSUPPORTED);
        assertThat(e.getMessage()).contains("is not supported by Pixkit");
    }

    @Test
    void unsupported_parameters_are_listed_for_the_documentation() {
        assertThat(TransformationParser.unsupportedParameters())
                .contains("vc", "ac", "so", "eo", "du", "sr", "lso", "leo", "ldu", "l-video", "l-subtitles",
                        "e-bgremove", "e-removedotbg", "e-upscale", "e-retouch", "e-genvar", "e-dropshadow",
                        "e-changebg", "e-edit", "cr", "e-colorize", "e-distort", "lap", "lm", "pg", "f-mp4",
                        "bg-genfill")
                .doesNotHaveDuplicates();
    }

    @Test
    void every_listed_unsupported_key_is_rejected_as_unsupported() {
        for (String p : TransformationParser.unsupportedParameters()) {
            String text = p.startsWith("l-") ? p + ",i-x,l-end" : p.contains("-") && !p.startsWith("e-") ? p : p + "-1";
            if (p.equals("tg-strikethrough")) {
                text = "l-text,i-a,tg-strikethrough,l-end";
            } else if (p.startsWith("al ")) {
                text = "l-image,al-5,i-ik_canvas,l-end";
            }
            assertThat(failure(text, ParserLimits.DEFAULTS).kind()).as(text).isEqualTo(Kind.UNSUPPORTED);
        }
    }

    @Test
    void chain_of_twenty_steps_is_accepted_and_twenty_one_is_a_limit() {
        String twenty = String.join(":", java.util.Collections.nCopies(20, "rt-90"));
        assertThat(TransformationParser.parse(twenty).steps()).hasSize(20);
        TransformationException e = failure(twenty + ":rt-90", ParserLimits.DEFAULTS);
        assertThat(e.kind()).isEqualTo(Kind.LIMIT);
        assertThat(e.getMessage()).contains("20 steps");
    }

    @Test
    void chain_limit_applies_inside_layers_too() {
        String steps = String.join(":", java.util.Collections.nCopies(3, "rt-90"));
        ParserLimits two = ParserLimits.DEFAULTS.withMaxSteps(2);
        assertThat(failure("l-image,i-a," + steps + ",l-end", two).kind()).isEqualTo(Kind.LIMIT);
    }

    @Test
    void layers_nest_three_deep_and_a_fourth_level_is_a_limit() {
        String three = "l-image,i-a,l-image,i-b,l-text,i-c,l-end,l-end,l-end";
        assertThatNoException().isThrownBy(() -> TransformationParser.parse(three));
        TransformationException e = failure("l-image,i-a,l-image,i-b,l-text,i-c,l-image,i-d,l-end,l-end,l-end,l-end",
                ParserLimits.DEFAULTS);
        assertThat(e.kind()).isEqualTo(Kind.LIMIT);
        assertThat(e.parameter()).isEqualTo("l-image");
        assertThat(failure(three, ParserLimits.DEFAULTS.withMaxLayerDepth(2)).kind()).isEqualTo(Kind.LIMIT);
    }

    @Test
    void input_longer_than_the_limit_is_a_limit() {
        String long4096 = "n-" + "a".repeat(98) + ",w-1" + ",".repeat(4096 - 104);
        assertThat(long4096).hasSize(4096);
        assertThatNoException().isThrownBy(() -> TransformationParser.parse(long4096));
        TransformationException e = failure(long4096 + ",", ParserLimits.DEFAULTS);
        assertThat(e.kind()).isEqualTo(Kind.LIMIT);
        assertThat(e.getMessage()).contains("4097").contains("4096");
        assertThat(failure("w-100", ParserLimits.DEFAULTS.withMaxInputLength(4)).kind()).isEqualTo(Kind.LIMIT);
    }

    @Test
    void too_many_layers_is_a_limit() {
        String layer = "l-image,i-a,l-end";
        String fifty = String.join(",", java.util.Collections.nCopies(50, layer));
        assertThat(TransformationParser.parse(fifty).steps().getFirst().layers()).hasSize(50);
        assertThat(failure(fifty + "," + layer, ParserLimits.DEFAULTS).kind()).isEqualTo(Kind.LIMIT);
    }

    @Test
    void too_many_expression_operands_is_a_limit() {
        String operands32 = "1" + "_add_1".repeat(31);
        assertThat(TransformationParser.parse("w-" + operands32)).isNotNull();
        TransformationException e = failure("w-" + operands32 + "_add_1", ParserLimits.DEFAULTS);
        assertThat(e.kind()).isEqualTo(Kind.LIMIT);
        assertThat(e.parameter()).startsWith("w-");
    }
}
