package dev.pixkit.imaging.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pixkit.imaging.pipeline.LimitExceededException.Limit;
import dev.pixkit.imaging.vips.Vips;
import dev.pixkit.imaging.vips.VipsException;
import dev.pixkit.imaging.vips.VipsImage;
import dev.pixkit.url.transform.Layer;
import dev.pixkit.url.transform.Step;
import dev.pixkit.url.transform.Transformation;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RenderLimits} validation and the {@link LimitsChecker}: each limit, and always before decoding. */
class LimitsTest {

    private final Renderer renderer = new Renderer();

    @TempDir
    Path dir;

    // ---- validate() ----

    @Test
    void defaultsAreValid() {
        assertThat(RenderLimits.defaults().validate()).isEqualTo(new RenderLimits(100_000_000L, 8192, 20, 3));
    }

    @Test
    void validateNamesTheOffendingSetting() {
        RenderLimits d = RenderLimits.defaults();
        assertThatThrownBy(() -> d.withMaxSourcePixels(0).validate()).hasMessageStartingWith("maxSourcePixels");
        assertThatThrownBy(() -> d.withMaxOutputSide(0).validate()).hasMessageStartingWith("maxOutputSide");
        assertThatThrownBy(() -> d.withMaxOutputSide(20_000_000).validate()).hasMessageStartingWith("maxOutputSide");
        assertThatThrownBy(() -> d.withMaxChainLength(0).validate()).hasMessageStartingWith("maxChainLength");
        assertThatThrownBy(() -> d.withMaxLayerDepth(-1).validate()).hasMessageStartingWith("maxLayerDepth");
        assertThatThrownBy(() -> renderer.render(RenderRequest.of(dir.resolve("x.png")).withLimits(d.withMaxChainLength(0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxChainLength");
    }

    // ---- source pixels: from the header probe, never a decode ----

    @Test
    void hugeHeaderIsRejectedByTheProbeWithoutDecoding() {
        Path huge = Fixtures.write(dir, "huge.png", png(12_000, 12_000));
        assertThatThrownBy(() -> renderer.render(RenderRequest.of(huge, transformation("w-300"))))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.limit()).isEqualTo(Limit.SOURCE_PIXELS);
                    assertThat(e.value()).isEqualTo(144_000_000L);
                    assertThat(e.max()).isEqualTo(100_000_000L);
                    assertThat(e.httpStatus()).isEqualTo(413);
                    assertThat(e.getMessage()).contains("maxSourcePixels");
                    // Raised by the probe path: the check ran, no loader stage ever did.
                    assertThat(Arrays.stream(e.getStackTrace()).map(StackTraceElement::getMethodName))
                            .contains("checkSource");
                    assertThat(Arrays.stream(e.getStackTrace()).map(StackTraceElement::getClassName))
                            .noneMatch(c -> c.endsWith("LoadStep") || c.endsWith("Pipeline"));
                });
    }

    @Test
    void theSameConstructionFailsDifferentlyWhenDecoded() {
        // The construction's pixels cannot be decoded: a strict decode of a small one fails inside libvips. So had the
        // huge file been decoded, the failure would have been a VipsException, not a LimitExceededException.
        Path small = Fixtures.write(dir, "small.png", png(100, 100));
        assertThatThrownBy(() -> {
            try (VipsImage image = Vips.op("pngload").in("filename", small.toString()).in("fail_on", "error")
                    .callImage("out")) {
                Vips.op("avg").in("in", image).call().close();
            }
        }).isInstanceOf(VipsException.class).isNotInstanceOf(LimitExceededException.class);
    }

    @Test
    void animationsAreLimitedPerFrame() {
        Path gif;
        try (VipsImage anim = Fixtures.animation(100, 100, 3)) {
            gif = Fixtures.save(dir, "anim.gif", anim, "gif");
        }
        RenderLimits perFrame = RenderLimits.defaults().withMaxSourcePixels(15_000);
        assertThat(renderer.render(RenderRequest.of(gif, transformation("w-50")).withLimits(perFrame)).width())
                .isEqualTo(50);
        assertThatThrownBy(() -> renderer.render(RenderRequest.of(gif, transformation("w-50"))
                .withLimits(perFrame.withMaxSourcePixels(9_999))))
                .isInstanceOfSatisfying(LimitExceededException.class,
                        e -> assertThat(e.value()).isEqualTo(10_000L));
    }

    // ---- output side ----

    @Test
    void createdSidesAreLimited() {
        Path jpg = jpeg(300, 200);
        RenderLimits limits = RenderLimits.defaults().withMaxOutputSide(400);
        assertThat(renderer.render(RenderRequest.of(jpg, transformation("w-400")).withLimits(limits)).width())
                .isEqualTo(400);
        assertThatThrownBy(() -> renderer.render(RenderRequest.of(jpg, transformation("w-401")).withLimits(limits)))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.limit()).isEqualTo(Limit.OUTPUT_SIDE);
                    assertThat(e.value()).isEqualTo(401L);
                    assertThat(e.httpStatus()).isEqualTo(400);
                });
        assertThatThrownBy(() -> renderer.render(RenderRequest.of(jpg, transformation("w-100,h-500,cm-pad_resize"))
                .withLimits(limits)))
                .isInstanceOfSatisfying(LimitExceededException.class,
                        e -> assertThat(e.limit()).isEqualTo(Limit.OUTPUT_SIDE));
    }

    @Test
    void aLargeSourcePassesThroughUnscaled() {
        Path jpg = jpeg(300, 200);
        RenderLimits limits = RenderLimits.defaults().withMaxOutputSide(100);
        assertThat(renderer.render(RenderRequest.of(jpg, transformation("h-200")).withLimits(limits)).width())
                .isEqualTo(300);
    }

    @Test
    void outputSideIsCheckedInLaterChainSteps() {
        Path jpg = jpeg(300, 200);
        RenderLimits limits = RenderLimits.defaults().withMaxOutputSide(500);
        Transformation t = new Transformation(List.of(step("w-100"), step("w-600")));
        assertThatThrownBy(() -> renderer.render(RenderRequest.of(jpg, t).withLimits(limits)))
                .isInstanceOfSatisfying(LimitExceededException.class,
                        e -> assertThat(e.limit()).isEqualTo(Limit.OUTPUT_SIDE));
    }

    // ---- chain length and layer depth: checked before the source is even opened ----

    @Test
    void chainLengthIsCheckedBeforeTheSourceIsRead() {
        Transformation t = new Transformation(List.of(step("w-10"), step("w-10"), step("w-10")));
        RenderLimits limits = RenderLimits.defaults().withMaxChainLength(2);
        assertThatThrownBy(() -> renderer.render(RenderRequest.of(dir.resolve("missing.jpg"), t).withLimits(limits)))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.limit()).isEqualTo(Limit.CHAIN_LENGTH);
                    assertThat(e.value()).isEqualTo(3L);
                    assertThat(e.max()).isEqualTo(2L);
                });
    }

    @Test
    void chainLengthInsideALayerCounts() {
        Layer layer = imageLayer("logo.png", new Transformation(List.of(step("w-10"), step("w-10"), step("w-10"))));
        Transformation t = Transformation.of(Step.NONE.withLayers(List.of(layer)));
        assertThatThrownBy(() -> renderer.render(RenderRequest.of(dir.resolve("missing.jpg"), t)
                .withLimits(RenderLimits.defaults().withMaxChainLength(2))))
                .isInstanceOfSatisfying(LimitExceededException.class,
                        e -> assertThat(e.limit()).isEqualTo(Limit.CHAIN_LENGTH));
    }

    @Test
    void layerDepthIsCheckedBeforeTheSourceIsRead() {
        Layer inner = imageLayer("b.png", transformation("w-5"));
        Layer outer = imageLayer("a.png", Transformation.of(step("w-10").withLayers(List.of(inner))));
        Transformation t = Transformation.of(Step.NONE.withLayers(List.of(outer)));
        RenderLimits depth1 = RenderLimits.defaults().withMaxLayerDepth(1);
        assertThatThrownBy(() -> renderer.render(RenderRequest.of(dir.resolve("missing.jpg"), t).withLimits(depth1)))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.limit()).isEqualTo(Limit.LAYER_DEPTH);
                    assertThat(e.value()).isEqualTo(2L);
                    assertThat(e.max()).isEqualTo(1L);
                });
    }

    @Test
    void layerImagesPassTheSourcePixelLimitToo() {
        Path base = jpeg(100, 100);
        Path huge = Fixtures.write(dir, "huge.png", png(12_000, 12_000));
        Layer layer = imageLayer("huge.png", transformation("w-10"));
        Transformation t = Transformation.of(Step.NONE.withLayers(List.of(layer)));
        RenderRequest request = RenderRequest.of(base, t)
                .withLayerResolver(p -> p.equals("huge.png") ? Optional.of(huge) : Optional.empty());
        assertThatThrownBy(() -> renderer.render(request))
                .isInstanceOfSatisfying(LimitExceededException.class,
                        e -> assertThat(e.limit()).isEqualTo(Limit.SOURCE_PIXELS));
    }

    // ---- helpers ----

    static Step step(String resize) {
        return Step.NONE.withResize(ResizeSpec.parse(resize));
    }

    static Transformation transformation(String resize) {
        return Transformation.of(step(resize));
    }

    static Layer imageLayer(String path, Transformation t) {
        return new Layer(new Layer.Source.Image(path), Layer.Position.NONE, null, t);
    }

    private Path jpeg(int w, int h) {
        try (VipsImage image = Fixtures.rgb(w, h)) {
            return Fixtures.save(dir, "src-" + w + "x" + h + ".jpg", image, "jpeg");
        }
    }

    /**
     * A PNG whose header says {@code width × height} RGB, followed by an IDAT chunk of garbage (valid CRC, not a
     * zlib stream) and IEND: the header reads fine, any attempt to decode pixels fails.
     */
    static byte[] png(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        byte[] garbage = new byte[256];
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = (byte) (i * 37 + 11);
        }
        chunk(out, "IDAT", garbage);
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
