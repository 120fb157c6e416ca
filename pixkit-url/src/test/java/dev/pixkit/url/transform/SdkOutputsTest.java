package dev.pixkit.url.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Transformation strings the ImageKit SDKs write (REFERENCE.md §2), after URL-decoding, parse to these values. */
class SdkOutputsTest {

    static Expr n(double v) {
        return new Expr.Num(v);
    }

    static Resize.Dimension px(double v) {
        return Resize.Dimension.of(v);
    }

    static Step step() {
        return Step.NONE;
    }

    static Step width(double w) {
        return Step.NONE.withResize(new Resize(px(w), null, null, null, null, null, null, null, null, null, null, null));
    }

    static Stream<Arguments> sdkOutputs() {
        Layer hiThere = new Layer(new Layer.Source.Text("Hi there"), Layer.Position.NONE,
                new Layer.TextStyle(n(20), null, null, null, null, null, null, null), Transformation.of(Step.NONE));
        Layer logo = new Layer(new Layer.Source.Image("logo/x.png"),
                new Layer.Position(n(10), n(10), null, null, null), null, Transformation.of(width(50)));
        return Stream.of(
                Arguments.of("w-300,q-80,f-webp,e-grayscale,l-text,i-Hi there,fs-20,l-end",
                        Transformation.of(width(300)
                                .withOutput(new Output(Output.Format.WEBP, 80, null, null, null, null, null))
                                .withEffects(new Effects(null, true, null, null, null, null, null, null, null))
                                .withLayers(List.of(hiThere)))),
                Arguments.of("w-300,h-300,c-at_max:rt-90",
                        Transformation.of(
                                step().withResize(new Resize(px(300), px(300), null, Resize.CropStrategy.AT_MAX, null,
                                        null, null, null, null, null, null, null)),
                                step().withDecoration(new Decoration(new Decoration.Rotation.Degrees(90), null, null,
                                        null, null)))),
                Arguments.of("w-300,l-image,i-logo@@x.png,lx-10,ly-10,w-50,l-end",
                        Transformation.of(width(300).withLayers(List.of(logo)))),
                Arguments.of("w-300,h-200:rt-90",
                        Transformation.of(
                                step().withResize(new Resize(px(300), px(200), null, null, null, null, null, null, null,
                                        null, null, null)),
                                step().withDecoration(new Decoration(new Decoration.Rotation.Degrees(90), null, null,
                                        null, null)))),
                Arguments.of("w-300", Transformation.of(width(300))),
                Arguments.of("n-ik_ml_thumbnail", Transformation.of(step().withNamed("ik_ml_thumbnail"))),
                Arguments.of("w-iw_div_2",
                        Transformation.of(step().withResize(new Resize(new Resize.Dimension.Of(
                                new Expr.Binary(Expr.Op.DIV, new Expr.Var(Expr.Variable.IW), n(2))), null, null, null,
                                null, null, null, null, null, null, null, null)))),
                Arguments.of("l-image,i-ik_canvas,bg-FF000050,w-300,h-100,l-end",
                        Transformation.of(step().withLayers(List.of(new Layer(new Layer.Source.Canvas(),
                                Layer.Position.NONE, null, Transformation.of(step()
                                        .withResize(new Resize(px(300), px(100), null, null, null, null, null, null,
                                                null, null, null, null))
                                        .withDecoration(new Decoration(null, null, null, null,
                                                new Color(255, 0, 0, 128))))))))),
                Arguments.of("e-shadow-bl-15_st-40_x-10_y-N5",
                        Transformation.of(step().withEffects(new Effects(null, null, null, null, null,
                                new Effects.Shadow(15, 40, n(10), n(-5)), null, null, null)))),
                Arguments.of("e-gradient-ld-top_from-FFFFFF_to-00000080_sp-0.5",
                        Transformation.of(step().withEffects(new Effects(null, null, null, null, null, null,
                                new Effects.Gradient(0, Color.WHITE, new Color(0, 0, 0, 204), 0.5), null, null)))),
                Arguments.of("e-usm-2-2-0.8-0.024",
                        Transformation.of(step().withEffects(new Effects(null, null, null,
                                new Effects.UnsharpMask(2, 2, 0.8, 0.024), null, null, null, null, null)))),
                Arguments.of("b-5_FFF000",
                        Transformation.of(step().withDecoration(new Decoration(null, null, null,
                                new Decoration.Border(n(5), Color.rgb(0xFFF000)), null)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sdkOutputs")
    void sdk_output_parses_to_the_expected_value(String text, Transformation expected) {
        assertThat(TransformationParser.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sdkOutputs")
    void sdk_output_survives_a_format_round_trip(String text, Transformation expected) {
        assertThat(TransformationParser.parse(TransformationFormatter.format(expected))).isEqualTo(expected);
    }
}
