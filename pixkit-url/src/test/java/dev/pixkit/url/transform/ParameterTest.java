package dev.pixkit.url.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every parameter: valid examples with their canonical form, and invalid examples whose error names the parameter
 * as written. Layer parameters are checked inside a layer.
 */
class ParameterTest {

    /** Input, then its canonical text. */
    static Stream<Arguments> valid() {
        return Stream.of(
                // resize
                ok("w-300"), ok("w-0.5"), ok("w-auto"), ok("w-iw_div_2"), ok("w-300.0", "w-300"), ok("w-AUTO", "w-auto"),
                ok("h-200"), ok("h-ih_mul_0.5"), ok("h-0.25"),
                ok("ar-4-3"), ok("ar-16-9"), ok("ar-iw-ih"), ok("ar-1.5-1"), ok("ar-4_3", "ar-4-3"),
                ok("ar-iar_div_2", "ar-iar_div_2-1"), ok("ar-1.5", "ar-1.5-1"),
                ok("c-maintain_ratio"), ok("c-force"), ok("c-at_max"), ok("c-at_max_enlarge"), ok("c-at_least"),
                ok("c-maintain_ratio_no_enlarge"), ok("c-AT_MAX", "c-at_max"),
                ok("cm-pad_resize"), ok("cm-extract"), ok("cm-pad_extract"), ok("cm-pad_resize_no_enlarge"),
                ok("cm-pad_extract_no_shrink"),
                ok("fo-center"), ok("fo-top"), ok("fo-left"), ok("fo-bottom"), ok("fo-right"), ok("fo-top_left"),
                ok("fo-top_right"), ok("fo-bottom_left"), ok("fo-bottom_right"), ok("fo-auto"), ok("fo-face"),
                ok("fo-custom"), ok("fo-person"), ok("fo-traffic_light"), ok("fo-toothbrush"), ok("fo-Car", "fo-car"),
                ok("x-10"), ok("x-N10"), ok("y-20"), ok("xc-iw_div_2"), ok("yc-ih_mul_0.3"),
                ok("z-1.5"), ok("z-0.5"), ok("z-2"),
                ok("dpr-2"), ok("dpr-0.1"), ok("dpr-5"), ok("dpr-auto"),
                // output
                ok("q-1"), ok("q-100"), ok("q-080", "q-80"),
                ok("f-auto"), ok("f-jpg"), ok("f-jpeg", "f-jpg"), ok("f-png"), ok("f-webp"), ok("f-avif"), ok("f-gif"),
                ok("f-orig"), ok("f-WEBP", "f-webp"),
                ok("pr-true"), ok("pr-false"), ok("lo-true"), ok("lo-false"), ok("md-true"), ok("md-false"),
                ok("cp-true"), ok("cp-false"), ok("orig-true"), ok("orig-false"),
                // effects
                ok("bl-1"), ok("bl-100"), ok("bl-10"),
                ok("e-grayscale"), ok("e-contrast"), ok("e-sharpen"), ok("e-sharpen-10"),
                ok("e-usm-2-2-0.8-0.024"), ok("e-usm", "e-usm-2-2-0.8-0.024"), ok("e-usm-0-1-1-0"),
                ok("e-shadow"), ok("e-shadow-bl-15_st-40_x-10_y-N5"), ok("e-shadow-st-40"),
                ok("e-shadow-y-N5_bl-15", "e-shadow-bl-15_y-N5"),
                ok("e-gradient"), ok("e-gradient-ld-top_from-FFFFFF_to-00000080_sp-0.5"),
                ok("e-gradient-ld-45", "e-gradient-ld-top_right"), ok("e-gradient-ld-30"),
                ok("e-gradient-ld-bottom_left_sp-1"), ok("e-gradient-from-red", "e-gradient-from-FF0000"),
                ok("t-true"), ok("t-false"), ok("t-1"), ok("t-99"),
                ok("o-0"), ok("o-100"), ok("o-50"),
                // decoration
                ok("rt-90"), ok("rt-N45"), ok("rt-auto"), ok("rt-12.5"), ok("rt-N0"), ok("rt-360"),
                ok("fl-h"), ok("fl-v"), ok("fl-h_v"), ok("fl-v_h", "fl-h_v"),
                ok("r-20"), ok("r-0"), ok("r-max"), ok("r-10_20_30_40"), ok("r-5_5_5_5", "r-5"), ok("r-iw_div_10"),
                ok("r-10_iw_0_5"),
                ok("b-5_FFF000"), ok("b-ch_mod_5_yellow", "b-ch_mod_5_FFFF00"), ok("b-2_FF000050"),
                ok("bg-FF0000"), ok("bg-ff00aa", "bg-FF00AA"), ok("bg-red", "bg-FF0000"), ok("bg-FF000050"),
                ok("bg-AAFF0010"), ok("bg-rebeccapurple", "bg-663399"), ok("bg-blurred"), ok("bg-blurred_25"),
                ok("bg-blurred_25_N15"), ok("bg-blurred_auto_10"), ok("bg-blurred_auto", "bg-blurred"),
                ok("bg-dominant"), ok("bg-FF000000"),
                // step-level
                ok("n-ik_ml_thumbnail"), ok("n-my-named.v2"), ok("di-folder@@default.jpg"), ok("di-default.jpg"),
                // layers
                ok("l-image,i-logo.png,l-end"), ok("l-image,i-a@@b@@c.png,l-end"),
                ok("l-image,i-ik_canvas,bg-red,w-10,h-10,l-end", "l-image,i-ik_canvas,w-10,h-10,bg-FF0000,l-end"),
                ok("l-image,ie-bG9nby5wbmc=,l-end", "l-image,i-logo.png,l-end"),
                ok("l-text,i-Hi there,l-end"), ok("l-text,ie-SGksIHRoZXJlOg==,l-end"),
                ok("l-image,i-a.png,lx-10,ly-N20,l-end"), ok("l-image,i-a.png,lx-bw_mul_0.4,ly-bh_sub_ch,l-end"),
                ok("l-image,i-a.png,lfo-bottom_right,l-end"), ok("l-image,i-a.png,lxc-bw_div_2,lyc-100,l-end"),
                ok("l-text,i-a,fs-20,l-end"), ok("l-text,i-a,fs-bh_div_10,l-end"),
                ok("l-text,i-a,ff-Roboto,l-end"), ok("l-text,i-a,ff-fonts@@my font.ttf,l-end"),
                ok("l-text,i-a,co-FFFFFF,l-end"), ok("l-text,i-a,co-white,l-end", "l-text,i-a,co-FFFFFF,l-end"),
                ok("l-text,i-a,ia-left,l-end"), ok("l-text,i-a,ia-center,l-end"), ok("l-text,i-a,ia-right,l-end"),
                ok("l-text,i-a,pa-10,l-end"), ok("l-text,i-a,pa-10_20,l-end"), ok("l-text,i-a,pa-10_20_30,l-end"),
                ok("l-text,i-a,pa-10_20_30_40,l-end"), ok("l-text,i-a,pa-10_20_10_20,l-end", "l-text,i-a,pa-10_20,l-end"),
                ok("l-text,i-a,al-1,l-end"), ok("l-text,i-a,al-9,l-end"),
                ok("l-text,i-a,tg-b,l-end"), ok("l-text,i-a,tg-i,l-end"), ok("l-text,i-a,tg-b_i,l-end"),
                ok("l-text,i-a,tg-i_b,l-end", "l-text,i-a,tg-b_i,l-end"),
                ok("l-text,i-a,lh-20,l-end"), ok("l-text,i-a,lh-fs_mul_2,l-end".replace("fs", "ch")));
    }

    /** Input, then the parameter the error must name. */
    static Stream<Arguments> invalid() {
        return Stream.of(
                bad("w-abc"), bad("w-0"), bad("w-N5"), bad("w-"), bad("w"), bad("w-iw_div"), bad("w-iw_foo_2"),
                bad("w-1e5"), bad("w-.5"), bad("w-5."), bad("w-" + "9".repeat(400)),
                bad("h-auto"), bad("h-abc"), bad("h-0"),
                bad("ar-0"), bad("ar-4_0"), bad("ar-4_x"), bad("ar-4-0"), bad("ar-a-b"), bad("ar-4-3-2"),
                bad("c-fit"), bad("c-"), bad("cm-pad"), bad("fo-middle"), bad("fo-unicorn"),
                bad("x-abc"), bad("y-1_add"), bad("xc-"), bad("yc-@"),
                bad("z-0"), bad("z-N1"), bad("z-big"),
                bad("dpr-0"), bad("dpr-6"), bad("dpr-0.05"), bad("dpr-x"),
                bad("q-0"), bad("q-101"), bad("q-80.5"), bad("q-abc"), bad("q-99999999999999999999"),
                bad("f-bmp"), bad("f-"),
                bad("pr-yes"), bad("lo-1"), bad("md-"), bad("cp-no"), bad("orig-maybe"),
                bad("bl-0"), bad("bl-101"), bad("bl-N5"), bad("bl-1.5"),
                bad("e-grayscale-true"), bad("e-contrast-5"), bad("e-sharpen-0"), bad("e-sharpen-x"),
                bad("e-usm-1-2-3"), bad("e-usm-1-0-1-1"), bad("e-usm-a-b-c-d"), bad("e-usm-1-1-1-1-1"),
                bad("e-shadow-bl-16"), bad("e-shadow-st-101"), bad("e-shadow-x-101"), bad("e-shadow-foo-1"),
                bad("e-shadow-bl-1_bl-2"), bad("e-shadow-"), bad("e-shadow-bl-"),
                bad("e-gradient-ld-360"), bad("e-gradient-ld-up"), bad("e-gradient-from-nope"),
                bad("e-gradient-sp-2"), bad("e-gradient-x-1"),
                bad("t-0"), bad("t-100"), bad("t-yes"),
                bad("o-101"), bad("o-N1"), bad("o-x"),
                bad("rt-x"), bad("rt-"), bad("rt-N"),
                bad("fl-x"), bad("fl-hv"),
                bad("r-x"), bad("r-N5"), bad("r-1_2"), bad("r-1_2_3_N4"), bad("r-1_2_3_4_5"),
                bad("b-5"), bad("b-5_nocolour"), bad("b-0_FFF000"), bad("b-_FFF000"), bad("b-5_FFF0"),
                bad("bg-FF00"), bad("bg-GG0000"), bad("bg-FF0000FF"), bad("bg-notacolour"),
                bad("bg-blurred_0"), bad("bg-blurred_101"), bad("bg-blurred_10_256"), bad("bg-blurred_10_10_10"),
                bad("bg-blurred_x"),
                bad("n-"), bad("n-bad name"), bad("n-" + "a".repeat(101)),
                bad("di-"), bad("di-a@/b.png"),
                bad("foo-1"), bad("W-300"), bad("e-unknown"), bad("e-"),
                // layer parameters
                bad("lx-10"), bad("fs-20"), bad("i-logo.png"),
                bad("l-image,i-,l-end", "i-"), bad("l-image,ie-!!!,l-end", "ie-!!!"),
                bad("l-image,ie-/w==,l-end", "ie-/w=="), bad("l-image,lx-10,l-end", "l-image"),
                bad("l-image,i-a,lx-abc,l-end", "lx-abc"), bad("l-image,i-a,ly-,l-end", "ly-"),
                bad("l-image,i-a,lfo-middle,l-end", "lfo-middle"), bad("l-image,i-a,lxc-x,l-end", "lxc-x"),
                bad("l-image,i-a,lyc-1_,l-end", "lyc-1_"), bad("l-image,i-a,lx-1,lxc-2,l-end", "lxc-2"),
                bad("l-image,i-a,ly-1,lyc-2,l-end", "lyc-2"), bad("l-image,i-a,lx-1,lx-2,l-end", "lx-2"),
                bad("l-image,i-a,fs-20,l-end", "fs-20"), bad("l-text,i-a,fs-0,l-end", "fs-0"),
                bad("l-text,i-a,ff-,l-end", "ff-"), bad("l-text,i-a,co-nope,l-end", "co-nope"),
                bad("l-text,i-a,ia-justify,l-end", "ia-justify"), bad("l-text,i-a,pa-1_2_3_4_5,l-end", "pa-1_2_3_4_5"),
                bad("l-text,i-a,pa-N1,l-end", "pa-N1"), bad("l-text,i-a,al-0,l-end", "al-0"),
                bad("l-text,i-a,al-10,l-end", "al-10"), bad("l-image,i-a.png,al-5,l-end", "al-5"), bad("l-text,i-a,tg-u,l-end", "tg-u"),
                bad("l-text,i-a,lh-0,l-end", "lh-0"), bad("l-text,i-a,n-x,l-end", "n-x"),
                bad("l-text,i-a,di-x,l-end", "di-x"), bad("l-text,l-end", "l-text"),
                bad("l-image,i-a", "l-image"), bad("l-image", "l-image"), bad("l-end"), bad("l-foo,i-a,l-end", "l-foo"),
                bad("w-1,w-2", "w-2"), bad("w-1,h-2,c-force,c-at_max", "c-at_max"));
    }

    static Arguments ok(String input) {
        return ok(input, input);
    }

    static Arguments ok(String input, String canonical) {
        return Arguments.of(input, canonical);
    }

    static Arguments bad(String input) {
        return bad(input, input);
    }

    static Arguments bad(String input, String parameter) {
        return Arguments.of(input, parameter);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("valid")
    void valid_parameter_parses_and_formats_canonically(String input, String canonical) {
        Transformation t = TransformationParser.parse(input);
        assertThat(TransformationFormatter.format(t)).isEqualTo(canonical);
        assertThat(TransformationParser.parse(canonical)).isEqualTo(t);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalid_parameter_is_rejected_naming_the_parameter(String input, String parameter) {
        TransformationException e = catchThrowableOfType(TransformationException.class,
                () -> TransformationParser.parse(input));
        assertThat(e).as(input).isNotNull();
        assertThat(e.kind()).as(e.getMessage()).isEqualTo(TransformationException.Kind.INVALID);
        assertThat(e.parameter()).isEqualTo(parameter);
        assertThat(e.getMessage()).startsWith("Invalid transformation parameter \"" + Errors.show(parameter) + "\": ");
    }
}
