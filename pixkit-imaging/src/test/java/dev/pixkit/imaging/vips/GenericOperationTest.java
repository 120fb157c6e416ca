package dev.pixkit.imaging.vips;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GenericOperationTest {

    /** A Java enum passed by nickname. */
    enum Direction { HORIZONTAL, VERTICAL }

    private static VipsImage ramp(int width, int height) {
        // Band 0 of xyz is the x coordinate: handy to see flips and embeds.
        try (VipsImage xyz = Vips.op("xyz").in("width", width).in("height", height).callImage("out")) {
            return Vips.op("extract_band").in("in", xyz).in("band", 0).callImage("out");
        }
    }

    private static double[] pixel(VipsImage image, int x, int y) {
        try (Result r = Vips.op("getpoint").in("in", image).in("x", x).in("y", y).call()) {
            return r.doubles("out_array");
        }
    }

    @Test
    void embedWithEnumByNickDoubleArrayAndBooleanArguments() {
        try (VipsImage black = Vips.op("black").in("width", 10).in("height", 10).in("bands", 3).callImage("out");
             VipsImage embedded = Vips.op("embed").in("in", black).in("x", 5).in("y", 5)
                     .in("width", 20).in("height", 20)
                     .in("extend", "background")          // enum by nick
                     .in("background", 255.0, 0.0, 0.0)   // VipsArrayDouble
                     .callImage("out");
             VipsImage scaled = Vips.op("linear").in("in", embedded).in("a", 0.5).in("b", 1.0)
                     .in("uchar", true)                   // boolean
                     .callImage("out")) {
            assertThat(embedded.width()).isEqualTo(20);
            assertThat(embedded.height()).isEqualTo(20);
            assertThat(pixel(embedded, 0, 0)).containsExactly(255, 0, 0);
            assertThat(pixel(embedded, 10, 10)).containsExactly(0, 0, 0);
            assertThat(scaled.bandFormat()).isEqualTo("uchar");
            double[] scaledPixel = pixel(scaled, 0, 0);
            assertThat(scaledPixel[0]).isBetween(128.0, 129.0);
            assertThat(scaledPixel[1]).isEqualTo(1.0);
        }
    }

    @Test
    void flipWithNickStringJavaEnumAndRawInt() {
        try (VipsImage ramp = ramp(4, 1);
             VipsImage byNick = Vips.op("flip").in("in", ramp).in("direction", "horizontal").callImage("out");
             VipsImage byEnum = Vips.op("flip").in("in", ramp).in("direction", Direction.HORIZONTAL).callImage("out");
             VipsImage byInt = Vips.op("flip").in("in", ramp).in("direction", 0).callImage("out")) {
            assertThat(pixel(ramp, 0, 0)).containsExactly(0);
            assertThat(pixel(byNick, 0, 0)).containsExactly(3);
            assertThat(pixel(byEnum, 0, 0)).containsExactly(3);
            assertThat(pixel(byInt, 0, 0)).containsExactly(3);
        }
    }

    @Test
    void arrayOfImagesAndOptionalOutputs() {
        try (VipsImage ramp = ramp(5, 3);
             VipsImage joined = Vips.op("bandjoin").in("in", ramp, ramp, ramp).callImage("out");
             Result max = Vips.op("max").in("in", ramp).out("x").out("y").call()) {
            assertThat(joined.bands()).isEqualTo(3);
            assertThat(max.getDouble("out")).isEqualTo(4.0);
            assertThat(max.getInt("x")).isEqualTo(4);
            assertThat(max.names()).containsExactlyInAnyOrder("out", "x", "y");
        }
    }

    @Test
    void interpolatorByNameAndFlagsByNick() {
        try (VipsImage ramp = ramp(10, 10);
             VipsImage affine = Vips.op("affine").in("in", ramp).in("matrix", 2.0, 0.0, 0.0, 2.0)
                     .in("interpolate", "bicubic").callImage("out")) {
            assertThat(affine.width()).isEqualTo(20);
        }
        if (Vips.hasArgument("jpegsave_buffer", "keep")) { // VipsForeignKeep flags exist on 8.15+
            try (VipsImage ramp = ramp(8, 8)) {
                byte[] jpeg = Vips.op("jpegsave_buffer").in("in", ramp).in("keep", "exif|icc").callBytes("buffer");
                assertThat(jpeg).isNotEmpty();
            }
        }
    }

    @Test
    void unknownOperationGivesVipsException() {
        assertThatThrownBy(() -> Vips.op("no_such_operation").in("x", 1).call())
                .isInstanceOfSatisfying(VipsException.class, e -> {
                    assertThat(e.operation()).isEqualTo("no_such_operation");
                    assertThat(e.getMessage()).contains("unknown operation").contains("no_such_operation");
                });
        assertThatThrownBy(() -> Vips.op("VipsForeignLoad").call())
                .isInstanceOf(VipsException.class)
                .hasMessageContaining("VipsForeignLoad");
        assertThat(Vips.hasOperation("no_such_operation")).isFalse();
        assertThat(Vips.hasOperation("thumbnail_buffer")).isTrue();
    }

    @Test
    void unknownArgumentGivesVipsException() {
        try (VipsImage ramp = ramp(4, 4)) {
            assertThatThrownBy(() -> Vips.op("flip").in("in", ramp).in("sideways", true).callImage("out"))
                    .isInstanceOfSatisfying(VipsException.class, e -> {
                        assertThat(e.operation()).isEqualTo("flip");
                        assertThat(e.getMessage()).contains("unknown argument 'sideways'");
                        assertThat(e.vipsMessage()).contains("sideways");
                    });
        }
    }

    @Test
    void badValuesGiveVipsExceptionsWithLibvipsMessages() {
        try (VipsImage ramp = ramp(4, 4)) {
            assertThatThrownBy(() -> Vips.op("flip").in("in", ramp).in("direction", "diagonal").callImage("out"))
                    .isInstanceOf(VipsException.class)
                    .hasMessageContaining("diagonal")
                    .hasMessageContaining("horizontal");
            assertThatThrownBy(() -> Vips.op("flip").in("in", ramp).callImage("out"))
                    .isInstanceOf(VipsException.class)
                    .hasMessageContaining("direction");
            assertThatThrownBy(() -> Vips.op("embed").in("in", ramp).in("x", "zero").callImage("out"))
                    .isInstanceOf(VipsException.class)
                    .hasMessageContaining("'x'");
            assertThatThrownBy(() -> Vips.op("flip").in("in", ramp).in("out", ramp).callImage("out"))
                    .isInstanceOf(VipsException.class)
                    .hasMessageContaining("not an input");
        }
    }

    @Test
    void argumentIntrospection() {
        assertThat(Vips.arguments("thumbnail_buffer"))
                .anySatisfy(a -> {
                    assertThat(a.name()).isEqualTo("buffer");
                    assertThat(a.typeName()).isEqualTo("VipsBlob");
                    assertThat(a.isInput()).isTrue();
                    assertThat(a.isRequired()).isTrue();
                })
                .anySatisfy(a -> {
                    assertThat(a.name()).isEqualTo("out");
                    assertThat(a.isOutput()).isTrue();
                });
        assertThat(Vips.hasArgument("thumbnail_buffer", "crop")).isTrue();
        assertThat(Vips.hasArgument("thumbnail_buffer", "nonsense")).isFalse();
    }

    @Test
    void metadataEditsReturnNewImages() {
        try (VipsImage ramp = ramp(4, 4);
             VipsImage rotated = ramp.withInt(VipsImage.ORIENTATION, 6);
             VipsImage named = rotated.withString("pixkit-test", "hello");
             VipsImage plain = named.without(VipsImage.ORIENTATION)) {
            assertThat(ramp.orientation()).isEqualTo(1);
            assertThat(rotated.orientation()).isEqualTo(6);
            assertThat(named.getString("pixkit-test")).contains("hello");
            assertThat(plain.orientation()).isEqualTo(1);
            assertThat(plain.hasField("pixkit-test")).isTrue();
        }
    }

    @Test
    void scopeClosesEveryTrackedImageDeterministically() {
        VipsRuntime runtime = VipsRuntime.get();
        long before = runtime.liveObjects();
        VipsImage first;
        VipsImage last;
        byte[] png;
        try (VipsScope scope = new VipsScope()) {
            first = scope.track(ramp(32, 32));
            VipsImage current = first;
            for (int i = 0; i < 20; i++) {
                current = scope.image(Vips.op("flip").in("in", current).in("direction", "vertical"), "out");
            }
            last = current;
            png = Vips.op("pngsave_buffer").in("in", last).callBytes("buffer");
        }
        assertThat(png).isNotEmpty();
        assertThat(first.isClosed()).isTrue();
        assertThat(last.isClosed()).isTrue();
        assertThat(runtime.liveObjects()).isEqualTo(before);
    }

    @Test
    void scopeReleasesImagesWhenThePipelineThrows() {
        VipsRuntime runtime = VipsRuntime.get();
        long before = runtime.liveObjects();
        assertThatThrownBy(() -> {
            try (VipsScope scope = new VipsScope()) {
                VipsImage image = scope.track(ramp(16, 16));
                scope.image(Vips.op("flip").in("in", image).in("direction", "nowhere"), "out");
            }
        }).isInstanceOf(VipsException.class);
        assertThat(runtime.liveObjects()).isEqualTo(before);
    }

    @Test
    void blobsKeepLoaderInputAliveAfterTheJavaArrayIsGone() {
        byte[] png;
        try (VipsImage ramp = ramp(16, 16);
             VipsImage u8 = Vips.op("cast").in("in", ramp).in("format", "uchar").callImage("out")) {
            png = Vips.op("pngsave_buffer").in("in", u8).callBytes("buffer");
        }
        VipsImage lazy;
        try (VipsBlob blob = VipsBlob.copyOf(png)) {
            assertThat(blob.length()).isEqualTo(png.length);
            assertThat(blob.toByteArray()).isEqualTo(png);
            assertThat(Vips.findLoader(blob)).isEqualTo("pngload_buffer");
            lazy = Vips.op("pngload_buffer").in("buffer", blob).callImage("out");
        }
        java.util.Arrays.fill(png, (byte) 0); // the Java copy is irrelevant now
        try (lazy) {
            assertThat(pixel(lazy, 15, 0)).containsExactly(15); // pixels decoded only now
        }
    }
}
