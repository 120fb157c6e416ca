package dev.pixkit.url.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Canonical text, and the layer rules that decide it. */
class FormatterTest {

    static String canonical(String text) {
        return TransformationFormatter.format(TransformationParser.parse(text));
    }

    static Step first(String text) {
        return TransformationParser.parse(text).steps().getFirst();
    }

    @Test
    void parameters_are_written_in_the_fixed_order() {
        assertThat(canonical("q-80,f-webp,o-50,bg-red,rt-90,e-grayscale,bl-5,dpr-2,fo-face,c-at_max,h-200,w-300,n-x,di-d.png"))
                .isEqualTo("n-x,w-300,h-200,c-at_max,fo-face,dpr-2,bl-5,e-grayscale,o-50,rt-90,bg-FF0000,f-webp,q-80,di-d.png");
    }

    @ParameterizedTest
    @CsvSource({"w-300.50, w-300.5", "w-0.50, w-0.5", "w-007, w-7", "x-N0.0, x-N0", "rt-N90.0, rt-N90",
            "w-0.000001, w-0.000001", "w-123456789012345678901234567890, w-123456789012345680000000000000"})
    void numbers_are_normalised(String input, String expected) {
        assertThat(canonical(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"bg-ffffff, bg-FFFFFF", "bg-White, bg-FFFFFF", "bg-FF000050, bg-FF000050", "bg-FF000000, bg-FF000000",
            "bg-FF000099, bg-FF000099", "bg-FF000001, bg-FF000001"})
    void colours_are_upper_case_hex_with_an_opacity_percent(String input, String expected) {
        assertThat(canonical(input)).isEqualTo(expected);
    }

    @Test
    void opacity_percent_maps_to_alpha() {
        assertThat(first("bg-FF000050").decoration().background()).isEqualTo(new Color(255, 0, 0, 128));
        assertThat(first("bg-00FF0000").decoration().background()).isEqualTo(new Color(0, 255, 0, 0));
        assertThat(first("bg-0000FF99").decoration().background()).isEqualTo(new Color(0, 0, 255, 252));
        assertThat(first("bg-0000FF").decoration().background()).isEqualTo(new Color(0, 0, 255, 255));
    }

    @Test
    void every_alpha_is_written_as_its_nearest_percent() {
        Step s = Step.NONE.withDecoration(new Decoration(null, null, null, null, new Color(1, 2, 3, 127)));
        assertThat(TransformationFormatter.format(Transformation.of(s))).isEqualTo("bg-01020350");
        s = Step.NONE.withDecoration(new Decoration(null, null, null, null, new Color(1, 2, 3, 254)));
        assertThat(TransformationFormatter.format(Transformation.of(s))).isEqualTo("bg-01020399");
    }

    @Test
    void text_with_separators_is_written_as_base64() {
        Layer text = new Layer(new Layer.Source.Text("Hi, there: 50% off!"), Layer.Position.NONE,
                Layer.TextStyle.NONE, Transformation.of(Step.NONE));
        String written = TransformationFormatter.format(Transformation.of(Step.NONE.withLayers(List.of(text))));
        assertThat(written).isEqualTo("l-text,ie-SGksIHRoZXJlOiA1MCUgb2ZmIQ==,l-end");
        assertThat(TransformationParser.parse(written).steps().getFirst().layers()).containsExactly(text);
    }

    @Test
    void plain_text_is_written_as_is() {
        assertThat(canonical("l-text,ie-SGkgdGhlcmU=,l-end")).isEqualTo("l-text,i-Hi there,l-end");
    }

    @Test
    void unicode_text_round_trips_through_base64() {
        Layer.Source.Text source = (Layer.Source.Text) first("l-text,i-Grüße 😀,l-end").layers().getFirst().source();
        assertThat(source.text()).isEqualTo("Grüße 😀");
        assertThat(canonical("l-text,i-Grüße 😀,l-end")).startsWith("l-text,ie-");
    }

    @Test
    void base64_input_may_be_url_safe_unpadded_or_have_spaces_for_plus() {
        // "a>b?" is YT5iPw== in standard base64, YT5iPw in URL-safe without padding
        Layer.Source expected = new Layer.Source.Text("a>b?");
        assertThat(first("l-text,ie-YT5iPw==,l-end").layers().getFirst().source()).isEqualTo(expected);
        assertThat(first("l-text,ie-YT5iPw,l-end").layers().getFirst().source()).isEqualTo(expected);
        // "~~~" is fn5+ (standard) and fn5- (URL-safe); a query decoder may have turned + into a space
        Layer.Source tildes = new Layer.Source.Text("~~~");
        assertThat(first("l-text,ie-fn5+,l-end").layers().getFirst().source()).isEqualTo(tildes);
        assertThat(first("l-text,ie-fn5-,l-end").layers().getFirst().source()).isEqualTo(tildes);
        assertThat(first("l-text,ie-fn5 ,l-end").layers().getFirst().source()).isEqualTo(tildes);
    }

    @Test
    void encoded_input_wins_over_plain_input() {
        assertThat(first("l-image,i-a.png,ie-Yi5wbmc=,l-end").layers().getFirst().source())
                .isEqualTo(new Layer.Source.Image("b.png"));
    }

    @Test
    void image_path_with_at_signs_round_trips() {
        assertThat(first("l-image,i-logo@2x.png,l-end").layers().getFirst().source())
                .isEqualTo(new Layer.Source.Image("logo@2x.png"));
        assertThat(canonical("l-image,i-logo@2x.png,l-end")).isEqualTo("l-image,i-logo@2x.png,l-end");
        assertThat(first("l-image,i-a@@@b.png,l-end").layers().getFirst().source())
                .isEqualTo(new Layer.Source.Image("a/@b.png"));
        assertThat(canonical("l-image,i-a@@@b.png,l-end")).isEqualTo("l-image,i-a@@@b.png,l-end");
        // a path with "@@" of its own (only reachable through ie-) has no @@ spelling
        assertThat(canonical("l-image,ie-YUBAYi5wbmc=,l-end")).isEqualTo("l-image,ie-YUBAYi5wbmc=,l-end");
    }

    @Test
    void canvas_is_a_canvas_source() {
        assertThat(first("l-image,i-ik_canvas,bg-FF0000,w-10,h-5,l-end").layers().getFirst().source())
                .isEqualTo(new Layer.Source.Canvas());
        assertThat(first("l-image,ie-aWtfY2FudmFz,l-end").layers().getFirst().source())
                .isEqualTo(new Layer.Source.Canvas());
        assertThat(first("l-text,i-ik_canvas,l-end").layers().getFirst().source())
                .isEqualTo(new Layer.Source.Text("ik_canvas"));
    }

    @Test
    void layer_parameters_go_to_the_layer_and_image_parameters_to_its_own_steps() {
        Layer l = first("l-image,i-a.png,w-50:rt-90,lx-10,l-end").layers().getFirst();
        assertThat(l.position()).isEqualTo(new Layer.Position(new Expr.Num(10), null, null, null, null));
        assertThat(l.transformation().steps()).hasSize(2);
        assertThat(l.transformation().steps().get(1).decoration().rotation())
                .isEqualTo(new Decoration.Rotation.Degrees(90));
        assertThat(canonical("l-image,i-a.png,w-50:rt-90,lx-10,l-end")).isEqualTo("l-image,i-a.png,lx-10,w-50:rt-90,l-end");
    }

    @Test
    void text_layer_has_a_style_and_image_layer_has_none() {
        Layer text = first("l-text,i-Hello,fs-20,co-red,tg-b,pa-5,w-200,bg-000000,l-end").layers().getFirst();
        assertThat(text.style()).isEqualTo(new Layer.TextStyle(new Expr.Num(20), null, Color.rgb(0xFF0000), null,
                new Layer.Padding(5, 5, 5, 5), null, Layer.Typography.BOLD, null));
        assertThat(text.transformation().steps().getFirst().resize().width()).isEqualTo(Resize.Dimension.of(200));
        assertThat(first("l-text,i-Hello,l-end").layers().getFirst().style()).isEqualTo(Layer.TextStyle.NONE);
        assertThat(first("l-image,i-a,l-end").layers().getFirst().style()).isNull();
    }

    @Test
    void nested_layers_and_steps_after_a_layer() {
        Transformation t = TransformationParser.parse("w-300,l-image,i-a,l-text,i-b,l-end:rt-90,l-end,h-200:q-50");
        assertThat(t.steps()).hasSize(2);
        Step step = t.steps().getFirst();
        assertThat(step.resize().height()).isEqualTo(Resize.Dimension.of(200));
        Layer outer = step.layers().getFirst();
        assertThat(outer.transformation().steps()).hasSize(2);
        assertThat(outer.transformation().steps().getFirst().layers()).hasSize(1);
        assertThat(TransformationFormatter.format(t)).isEqualTo("w-300,h-200,l-image,i-a,l-text,i-b,l-end:rt-90,l-end:q-50");
    }

    @Test
    void empty_parameters_are_ignored_and_empty_steps_are_kept() {
        assertThat(TransformationParser.parse("")).isEqualTo(Transformation.of(Step.NONE));
        assertThat(TransformationParser.parse("w-1,,h-2,")).isEqualTo(TransformationParser.parse("w-1,h-2"));
        assertThat(TransformationParser.parse("w-1::h-2").steps()).hasSize(3);
        assertThat(canonical("w-1::h-2")).isEqualTo("w-1::h-2");
        assertThat(canonical("l-image,i-a,w-1:,l-end")).isEqualTo("l-image,i-a,w-1:,l-end");
    }

    @Test
    void trim_off_and_default_unsharp_mask_are_explicit_values() {
        assertThat(first("t-false").effects().trim()).isEqualTo(Effects.Trim.OFF);
        assertThat(first("t-false").effects().trim().isOff()).isTrue();
        assertThat(first("t-true").effects().trim().isOff()).isFalse();
        assertThat(first("e-usm").effects().unsharpMask()).isEqualTo(Effects.UnsharpMask.DEFAULT);
    }

    @Test
    void four_different_compound_corner_radii_cannot_be_written() {
        Expr half = new Expr.Binary(Expr.Op.DIV, new Expr.Var(Expr.Variable.IW), new Expr.Num(2));
        Step s = Step.NONE.withDecoration(new Decoration(null, null,
                new Decoration.Radius.Corners(half, new Expr.Num(1), new Expr.Num(2), new Expr.Num(3)), null, null));
        assertThatIllegalArgumentException().isThrownBy(() -> TransformationFormatter.format(Transformation.of(s)));
        Step same = Step.NONE.withDecoration(new Decoration(null, null, Decoration.Radius.Corners.all(half), null,
                null));
        assertThat(TransformationFormatter.format(Transformation.of(same))).isEqualTo("r-iw_div_2");
    }

    @Test
    void blurred_background_with_default_radius_and_a_brightness_uses_auto() {
        Step s = Step.NONE.withDecoration(new Decoration(null, null, null, null, new Background.Blurred(null, -20)));
        assertThat(TransformationFormatter.format(Transformation.of(s))).isEqualTo("bg-blurred_auto_N20");
    }

    @Test
    void named_and_default_image_keep_their_text() {
        Step s = first("n-My_Thumb.v2,di-folder@@sub@@fallback.png");
        assertThat(s.named()).isEqualTo("My_Thumb.v2");
        assertThat(s.defaultImage()).isEqualTo("folder/sub/fallback.png");
        assertThat(canonical("n-My_Thumb.v2,di-folder@@sub@@fallback.png"))
                .isEqualTo("n-My_Thumb.v2,di-folder@@sub@@fallback.png");
    }
}
