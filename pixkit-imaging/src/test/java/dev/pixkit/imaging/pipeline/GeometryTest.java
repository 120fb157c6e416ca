package dev.pixkit.imaging.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pixkit.imaging.pipeline.Geometry.Placement;
import dev.pixkit.url.transform.Expr;
import dev.pixkit.url.transform.TransformationException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The geometry rules of {@link Geometry}'s javadoc, one row per scenario: input size × parameters → output size, and
 * where relevant the crop region (in input pixels), the resize target and the padding (top,right,bottom,left).
 * {@code R<n>} cites the rule; [RC] rows reproduce ImageKit's own documented examples (plant.jpeg is 640×865, the
 * café image 600×600).
 */
class GeometryTest {

    /** Expected results; null crop = the whole input, null resize = the output less padding, null pad = none. */
    record Row(String name, String rule, int sw, int sh, String spec, String out, String crop, String resize,
            String pad, Placement placement, CustomCoordinates custom, Double hintWidth, Double hintDpr,
            Expr.Bindings bindings, String error) {

        Row custom(int x, int y, int w, int h) {
            return new Row(name, rule, sw, sh, spec, out, crop, resize, pad, placement,
                    new CustomCoordinates(x, y, w, h), hintWidth, hintDpr, bindings, error);
        }

        Row placement(Placement p) {
            return new Row(name, rule, sw, sh, spec, out, crop, resize, pad, p, custom, hintWidth, hintDpr, bindings,
                    error);
        }

        Row hints(Double width, Double dpr) {
            return new Row(name, rule, sw, sh, spec, out, crop, resize, pad, placement, custom, width, dpr, bindings,
                    error);
        }

        Row inputSize(int iw, int ih) {
            return new Row(name, rule, sw, sh, spec, out, crop, resize, pad, placement, custom, hintWidth, hintDpr,
                    new Expr.Bindings(iw, ih, sw, sh, iw, ih), error);
        }

        @Override
        public String toString() {
            return name + " [" + rule + "] " + sw + "x" + sh + " " + spec;
        }
    }

    static Row row(String name, String rule, int sw, int sh, String spec, String out) {
        return new Row(name, rule, sw, sh, spec, out, null, null, null, null, null, null, null, null, null);
    }

    static Row row(String name, String rule, int sw, int sh, String spec, String out, String crop, String resize,
            String pad) {
        return new Row(name, rule, sw, sh, spec, out, crop, resize, pad, null, null, null, null, null, null);
    }

    static Row error(String name, String rule, int sw, int sh, String spec, String parameter) {
        return new Row(name, rule, sw, sh, spec, null, null, null, null, null, null, null, null, null, parameter);
    }

    static Stream<Row> rows() {
        return Stream.of(
                // ---- R1 values, R2 rounding, R3 one side ----
                row("width only keeps the aspect ratio", "R3 [RC]", 640, 865, "w-300", "300x405"),
                row("height only keeps the aspect ratio", "R3 [RC]", 640, 865, "h-200", "148x200"),
                row("width fraction of the current image, half-up rounding", "R1 R2 [RC]", 640, 865, "w-0.5",
                        "320x433"),
                row("height fraction", "R1 [RC]", 640, 865, "h-0.4", "256x346"),
                row("width expression iw_div_2", "R1", 640, 865, "w-iw_div_2", "320x433"),
                row("expression evaluating to a fraction is a fraction", "R1", 640, 865, "w-iw_div_1280", "320x433"),
                row("expression uses the input size, fraction the current one", "R1", 640, 865, "w-iw_div_4",
                        "320x433").inputSize(1280, 1730),
                row("cw is the current width", "R1", 640, 865, "w-cw_div_2", "320x433").inputSize(4000, 3000),
                row("w-1 is one pixel and the height never rounds to 0", "R1 R2", 640, 865, "w-1", "1x1"),
                row("a non-integer width rounds half-up", "R2", 640, 865, "w-300.5", "301x407"),
                row("width only enlarges by default", "R3", 640, 865, "w-1280", "1280x1730"),
                error("zero width is invalid", "R1", 640, 865, "w-0", "w"),
                error("a negative expression is invalid", "R1", 640, 865, "w-iw_sub_700", "w"),
                error("division by zero is invalid", "R1", 640, 865, "h-ih_div_0", "h"),
                row("at_max with one side never enlarges", "R3 R8", 640, 865, "w-1000,c-at_max", "640x865"),
                row("at_max with one side shrinks", "R3 R8", 640, 865, "w-320,c-at_max", "320x433"),
                row("at_max_enlarge with one side enlarges", "R3 R9", 640, 865, "w-1280,c-at_max_enlarge",
                        "1280x1730"),
                row("maintain_ratio_no_enlarge with one side never enlarges", "R3 R11", 640, 865,
                        "w-1000,c-maintain_ratio_no_enlarge", "640x865"),
                row("pad_resize with one side only resizes", "R3 R12", 640, 865, "w-300,cm-pad_resize", "300x405"),
                row("pad_resize_no_enlarge with one side never enlarges", "R3 R13", 640, 865,
                        "w-1000,cm-pad_resize_no_enlarge", "640x865"),
                row("force with one side keeps the ratio", "R3 R7", 640, 865, "h-200,c-force", "148x200"),
                row("at_least with one side keeps the ratio", "R3 R10", 640, 865, "h-200,c-at_least", "148x200"),
                // ---- R4 aspect ratio ----
                row("w with ar gives h, then the default crop", "R4 R6 [RC]", 1000, 500, "w-400,ar-4-3", "400x300",
                        "166,0,667,500", "400x300", null),
                row("h with ar gives w", "R4 R6", 4000, 3000, "h-300,ar-16-9", "533x300", "0,374,4000,2251",
                        "533x300", null),
                row("ar is ignored when w and h are both given", "R4 [RC]", 600, 600, "w-300,h-300,ar-4-3",
                        "300x300"),
                error("ar without w or h is invalid", "R4 [RC]", 640, 865, "ar-4-3", "ar"),
                row("ar with a fractional width", "R1 R4", 1000, 500, "w-0.5,ar-1-1", "500x500", "250,0,500,500",
                        "500x500", null),
                // ---- R5 dpr ----
                row("dpr multiplies the width", "R5 [RC]", 640, 865, "w-300,dpr-2", "600x811"),
                row("dpr multiplies both sides before cropping", "R5 R6", 640, 865, "w-300,h-200,dpr-2", "600x400",
                        "0,219,640,427", "600x400", null),
                row("dpr beyond the largest output side is ignored", "R5 [RC]", 4000, 3000, "w-5000,dpr-2",
                        "5000x3750"),
                row("dpr without w or h does nothing", "R5 [RC]", 640, 865, "dpr-2", "640x865"),
                row("dpr below 1 shrinks", "R5", 640, 865, "w-300,dpr-0.5", "150x203"),
                row("dpr after ar", "R4 R5", 1000, 500, "h-100,ar-2-1,dpr-3", "600x300"),
                row("dpr-auto uses the DPR hint", "R5", 640, 865, "w-100,dpr-auto", "200x270").hints(null, 2.0),
                row("dpr-auto without a hint is 1", "R5", 640, 865, "w-100,dpr-auto", "100x135"),
                row("w-auto uses the width hint", "R1", 640, 865, "w-auto", "400x541").hints(400.0, null),
                row("w-auto without a hint is ignored", "R1 R19", 640, 865, "w-auto", "640x865"),
                // ---- R6 maintain_ratio ----
                row("default crop is centred cover [plant 300x200]", "R6 [RC]", 640, 865, "w-300,h-200", "300x200",
                        "0,219,640,427", "300x200", null),
                row("explicit c-maintain_ratio equals the default", "R6 [RC]", 640, 865,
                        "w-300,h-200,c-maintain_ratio", "300x200", "0,219,640,427", "300x200", null),
                row("fo-top keeps the top", "R6 R18", 640, 865, "w-300,h-200,fo-top", "300x200", "0,0,640,427",
                        "300x200", null),
                row("fo-bottom keeps the bottom", "R6 R18", 640, 865, "w-300,h-200,fo-bottom", "300x200",
                        "0,438,640,427", "300x200", null),
                row("fo-left on a wide image", "R6 R18", 1000, 500, "w-200,h-200,fo-left", "200x200",
                        "0,0,500,500", "200x200", null),
                row("fo-right on a wide image", "R6 R18", 1000, 500, "w-200,h-200,fo-right", "200x200",
                        "500,0,500,500", "200x200", null),
                row("fo-bottom_right on a wide image", "R6 R18", 1000, 500, "w-200,h-200,fo-bottom_right",
                        "200x200", "500,0,500,500", "200x200", null),
                row("maintain_ratio enlarges", "R6", 100, 50, "w-400,h-400", "400x400", "25,0,50,50", "400x400",
                        null),
                row("odd centring remainder goes right", "R2 R6", 101, 100, "w-100,h-100", "100x100",
                        "0,0,100,100", "100x100", null),
                row("fo-auto is content-aware", "R6 R18", 1000, 500, "w-200,h-200,fo-auto", "200x200",
                        "250,0,500,500", "200x200", null).placement(Placement.ATTENTION),
                row("object focus is content-aware", "R18", 1000, 500, "w-200,h-200,fo-person", "200x200",
                        "250,0,500,500", "200x200", null).placement(Placement.ATTENTION),
                row("fo-face is content-aware (attention)", "R6 R18", 1000, 500, "w-200,h-200,fo-face", "200x200",
                        "250,0,500,500", "200x200", null).placement(Placement.FACE),
                row("fo-custom centres on the custom area, clamped", "R6 R18 [RC]", 1000, 500,
                        "w-200,h-200,fo-custom", "200x200", "500,0,500,500", "200x200", null)
                        .custom(700, 100, 200, 200).placement(Placement.CUSTOM),
                row("fo-custom centres on the custom area", "R6 R18", 1000, 500, "w-200,h-200,fo-custom",
                        "200x200", "100,0,500,500", "200x200", null).custom(300, 0, 100, 100)
                        .placement(Placement.CUSTOM),
                row("fo-custom without coordinates centres", "R18", 1000, 500, "w-200,h-200,fo-custom", "200x200",
                        "250,0,500,500", "200x200", null),
                row("x and y do nothing without extract", "R14", 1000, 500, "w-200,h-200,x-0,y-0", "200x200",
                        "250,0,500,500", "200x200", null),
                // ---- R7 force, R8 at_max, R9 at_max_enlarge, R10 at_least ----
                row("force squeezes to the box [plant]", "R7 [RC]", 640, 865, "w-300,h-200,c-force", "300x200"),
                row("force enlarges", "R7", 100, 50, "w-300,h-300,c-force", "300x300"),
                row("at_max fits inside [plant 148x200]", "R8 [RC]", 640, 865, "w-300,h-200,c-at_max", "148x200"),
                row("at_max never enlarges", "R8 [RC]", 640, 865, "w-1000,h-1000,c-at_max", "640x865"),
                row("at_max with one box side larger", "R8", 640, 865, "w-1000,h-500,c-at_max", "370x500"),
                row("at_max_enlarge fits inside, enlarging [plant 740x1000]", "R9 [RC]", 640, 865,
                        "w-850,h-1000,c-at_max_enlarge", "740x1000"),
                row("at_max_enlarge shrinks like at_max", "R9", 640, 865, "w-300,h-200,c-at_max_enlarge",
                        "148x200"),
                row("at_least covers without cropping [plant 300x405]", "R10 [RC]", 640, 865,
                        "w-300,h-200,c-at_least", "300x405"),
                row("at_least enlarges", "R10", 100, 50, "w-300,h-300,c-at_least", "600x300"),
                // ---- R11 maintain_ratio_no_enlarge ----
                row("no_enlarge shrinking is maintain_ratio", "R11", 640, 865,
                        "w-300,h-200,c-maintain_ratio_no_enlarge", "300x200", "0,219,640,427", "300x200", null),
                row("no_enlarge cuts the largest w:h region unscaled", "R11", 640, 865,
                        "w-800,h-400,c-maintain_ratio_no_enlarge", "640x320", "0,272,640,320", "640x320", null),
                row("no_enlarge with one box side larger", "R11", 640, 865,
                        "w-301,h-1000,c-maintain_ratio_no_enlarge", "260x865", "190,0,260,865", "260x865", null),
                // ---- R12 pad_resize ----
                row("pad_resize pads evenly [plant 300x200]", "R12 [RC]", 640, 865, "w-300,h-200,cm-pad_resize",
                        "300x200", null, "148x200", "0,76,0,76"),
                row("pad_resize fo-left puts the padding right", "R12 [RC]", 640, 865,
                        "w-300,h-200,cm-pad_resize,fo-left", "300x200", null, "148x200", "0,152,0,0"),
                row("pad_resize fo-top puts the padding at the bottom", "R12 [RC]", 640, 865,
                        "w-100,h-200,cm-pad_resize,fo-top", "100x200", null, "100x135", "0,0,65,0"),
                row("pad_resize fo-bottom puts the padding on top", "R12", 640, 865,
                        "w-100,h-200,cm-pad_resize,fo-bottom", "100x200", null, "100x135", "65,0,0,0"),
                row("pad_resize fo-top_right", "R12", 640, 865, "w-300,h-200,cm-pad_resize,fo-top_right",
                        "300x200", null, "148x200", "0,0,0,152"),
                row("pad_resize enlarges", "R12", 100, 50, "w-400,h-400,cm-pad_resize", "400x400", null, "400x200",
                        "100,0,100,0"),
                row("pad_resize odd padding: extra pixel at the bottom", "R2 R12", 100, 50,
                        "w-100,h-101,cm-pad_resize", "100x101", null, "100x50", "25,0,26,0"),
                row("pad_resize with fo-auto centres", "R12", 640, 865, "w-300,h-200,cm-pad_resize,fo-auto",
                        "300x200", null, "148x200", "0,76,0,76"),
                row("crop mode wins over c", "R17", 640, 865, "w-300,h-200,c-at_max,cm-pad_resize", "300x200",
                        null, "148x200", "0,76,0,76"),
                // ---- R13 pad_resize_no_enlarge ----
                row("pad_resize_no_enlarge pads a small image unscaled", "R13", 100, 50,
                        "w-400,h-400,cm-pad_resize_no_enlarge", "400x400", null, "100x50", "175,150,175,150"),
                row("pad_resize_no_enlarge shrinks like pad_resize", "R13", 640, 865,
                        "w-300,h-200,cm-pad_resize_no_enlarge", "300x200", null, "148x200", "0,76,0,76"),
                // ---- R14 extract ----
                row("extract cuts the centre unscaled [plant 200x200]", "R14 [RC]", 640, 865,
                        "w-200,h-200,cm-extract", "200x200", "220,332,200,200", null, null),
                row("extract at fo-bottom_right [RC]", "R14 [RC]", 640, 865, "w-300,h-300,cm-extract,fo-bottom_right",
                        "300x300", "340,565,300,300", null, null),
                row("extract at x,y [RC]", "R14 [RC]", 640, 865, "w-300,h-300,cm-extract,x-100,y-300", "300x300",
                        "100,300,300,300", null, null),
                row("extract centred at xc,yc [RC]", "R14 [RC]", 640, 865, "w-300,h-300,cm-extract,xc-300,yc-500",
                        "300x300", "150,350,300,300", null, null),
                error("extract at xc beyond the image fails [RC]", "R14 [RC]", 640, 865,
                        "w-300,h-300,cm-extract,xc-100,yc-500", "xc"),
                error("extract at x beyond the image fails", "R14", 640, 865, "w-300,h-300,cm-extract,x-400,y-0",
                        "x"),
                error("x and xc together are invalid", "R14", 640, 865, "w-300,h-300,cm-extract,x-10,xc-300", "xc"),
                row("extract larger than the image is clamped", "R14", 640, 865, "w-1000,h-1000,cm-extract",
                        "640x865"),
                row("extract with only w cuts a full-height strip", "R3 R14", 640, 865, "w-200,cm-extract",
                        "200x865", "220,0,200,865", null, null),
                row("extract with x only centres vertically", "R14", 640, 865, "w-200,h-200,cm-extract,x-10",
                        "200x200", "10,332,200,200", null, null),
                row("extract fo-custom centres on the custom area", "R14 R18 [RC]", 640, 865,
                        "w-200,h-200,cm-extract,fo-custom", "200x200", "25,25,200,200", null, null)
                        .custom(100, 100, 50, 50).placement(Placement.CUSTOM),
                row("extract fo-auto is content-aware", "R14 R18", 640, 865, "w-200,h-200,cm-extract,fo-auto",
                        "200x200", "220,332,200,200", null, null).placement(Placement.ATTENTION),
                row("extract with fractions", "R1 R14", 640, 865, "w-0.5,h-0.5,cm-extract", "320x433",
                        "160,216,320,433", null, null),
                row("extract at expression coordinates", "R14", 640, 865, "w-100,h-100,cm-extract,x-iw_div_4,y-0",
                        "100x100", "160,0,100,100", null, null),
                // ---- R15 pad_extract, R16 pad_extract_no_shrink ----
                row("pad_extract pads a smaller image [café 700x700]", "R15 [RC]", 600, 600,
                        "w-700,h-700,cm-pad_extract", "700x700", null, "600x600", "50,50,50,50"),
                row("pad_extract pads one axis and cuts the other", "R15", 600, 600, "w-700,h-300,cm-pad_extract",
                        "700x300", "0,150,600,300", "600x300", "0,50,0,50"),
                row("pad_extract fo-left puts the image left", "R15", 600, 600, "w-700,h-700,cm-pad_extract,fo-left",
                        "700x700", null, "600x600", "50,100,50,0"),
                row("pad_extract of a larger image is extract", "R15", 600, 600, "w-200,h-200,cm-pad_extract",
                        "200x200", "200,200,200,200", null, null),
                row("pad_extract ignores x on a padded axis", "R15", 600, 600,
                        "w-700,h-300,cm-pad_extract,x-10,y-20", "700x300", "0,20,600,300", "600x300", "0,50,0,50"),
                row("pad_extract_no_shrink never cuts", "R16", 600, 600, "w-700,h-300,cm-pad_extract_no_shrink",
                        "700x600", null, "600x600", "0,50,0,50"),
                row("pad_extract_no_shrink of a larger image is the image", "R16", 600, 600,
                        "w-200,h-200,cm-pad_extract_no_shrink", "600x600"),
                // ---- R19 nothing to do ----
                row("no parameters is the identity", "R19", 640, 865, "", "640x865"),
                row("fo alone does nothing", "R19", 640, 865, "fo-left", "640x865"),
                row("extract coordinates without a size do nothing", "R19", 640, 865, "cm-extract,x-10,y-10",
                        "640x865"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void geometry(Row row) {
        Expr.Bindings bindings = row.bindings() != null ? row.bindings()
                : Expr.Bindings.of(row.sw(), row.sh(), row.sw(), row.sh());
        Geometry.Options options = new Geometry.Options(RenderLimits.DEFAULT_MAX_OUTPUT_SIDE, row.custom(),
                row.hintWidth(), row.hintDpr());
        if (row.error() != null) {
            assertThatThrownBy(() -> Geometry.compute(row.sw(), row.sh(), ResizeSpec.parse(row.spec()), bindings,
                    options))
                    .isInstanceOfSatisfying(TransformationException.class, e -> {
                        assertThat(e.kind()).isEqualTo(TransformationException.Kind.INVALID);
                        assertThat(e.parameter()).isEqualTo(row.error());
                    });
            return;
        }
        Geometry g = Geometry.compute(row.sw(), row.sh(), ResizeSpec.parse(row.spec()), bindings, options);
        assertThat(g.outputWidth() + "x" + g.outputHeight()).as("output").isEqualTo(row.out());
        Geometry.Region crop = g.crop();
        String expectedCrop = row.crop() != null ? row.crop() : "0,0," + row.sw() + "," + row.sh();
        assertThat(crop.left() + "," + crop.top() + "," + crop.width() + "," + crop.height()).as("crop")
                .isEqualTo(expectedCrop);
        Geometry.Padding p = g.padding();
        String pad = p.top() + "," + p.right() + "," + p.bottom() + "," + p.left();
        assertThat(pad).as("padding").isEqualTo(row.pad() != null ? row.pad() : "0,0,0,0");
        String resize = row.resize() != null ? row.resize() : row.out();
        assertThat(g.resizeWidth() + "x" + g.resizeHeight()).as("resize").isEqualTo(resize);
        assertThat(crop.placement()).as("placement")
                .isEqualTo(row.placement() != null ? row.placement() : Placement.FIXED);
    }
}
