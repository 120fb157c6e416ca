package dev.pixkit.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pixkit.imaging.vips.Result;
import dev.pixkit.imaging.vips.Vips;
import dev.pixkit.imaging.vips.VipsImage;
import dev.pixkit.imaging.vips.VipsRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FormatRoundTripTest {

    @ParameterizedTest
    @EnumSource(value = ImageFormat.class, names = {"JPEG", "PNG", "WEBP", "AVIF", "GIF"})
    void encodeProbeAndDecodeRoundTrip(ImageFormat format) {
        SaveSupport support = ImageEncoder.saveSupport(format);
        System.out.println("[pixkit-imaging] " + VipsRuntime.get().describe() + ": save " + format + " -> " + support);
        assumeTrue(support.supported() || format != ImageFormat.AVIF,
                () -> "AVIF encoding unavailable in this libvips: " + support.detail());
        assertThat(support.supported()).as("%s must be writable: %s", format, support.detail()).isTrue();

        boolean alpha = format != ImageFormat.JPEG;
        byte[] encoded;
        try (VipsImage source = alpha ? TestImages.rgba(120, 80) : TestImages.rgb(120, 80)) {
            encoded = ImageEncoder.encode(source, EncodeOptions.of(format).withQuality(80));
        }
        assertThat(encoded).isNotEmpty();

        ImageHeader header = ImageProbe.probe(encoded);
        assertThat(header.format()).isEqualTo(format);
        assertThat(header.width()).isEqualTo(120);
        assertThat(header.height()).isEqualTo(80);
        assertThat(header.hasAlpha()).isEqualTo(alpha);
        assertThat(header.orientation()).isEqualTo(1);
        assertThat(header.pages()).isEqualTo(1);

        try (VipsImage thumb = Thumbnails.thumbnail(encoded, ThumbnailOptions.width(60))) {
            assertThat(thumb.width()).isEqualTo(60);
            assertThat(thumb.height()).isEqualTo(40);
            assertThat(thumb.hasAlpha()).isEqualTo(alpha);
            // Force a full decode of every pixel.
            byte[] png = ImageEncoder.encode(thumb, ImageFormat.PNG);
            assertThat(ImageProbe.probe(png)).isEqualTo(new ImageHeader(60, 40, ImageFormat.PNG, alpha, 1, 1));
        }
    }

    @Test
    void everyWritableFormatReportsSaveSupport() {
        for (ImageFormat format : ImageFormat.values()) {
            SaveSupport support = ImageEncoder.saveSupport(format);
            System.out.println("[pixkit-imaging] doctor: " + format + " saver " + format.saver().orElse("-") + ": "
                    + (support.supported() ? "ok" : "unavailable (" + support.detail() + ")"));
            if (!format.isWritable()) {
                assertThat(support.supported()).isFalse();
            }
        }
        assertThat(ImageEncoder.canSave(ImageFormat.JPEG)).isTrue();
        assertThat(ImageEncoder.canSave(ImageFormat.PNG)).isTrue();
        assertThat(ImageEncoder.canSave(ImageFormat.WEBP)).isTrue();
    }

    @Test
    void losslessWebpPreservesEveryPixel() {
        try (VipsImage source = TestImages.rgba(64, 48)) {
            byte[] webp = ImageEncoder.encode(source, EncodeOptions.of(ImageFormat.WEBP).withLossless(true));
            try (VipsImage decoded = Vips.op("webpload_buffer").in("buffer", webp).callImage("out");
                 VipsImage diff = Vips.op("subtract").in("left", source).in("right", decoded).callImage("out");
                 VipsImage abs = Vips.op("abs").in("in", diff).callImage("out");
                 Result max = Vips.op("max").in("in", abs).call()) {
                assertThat(max.getDouble("out")).isZero();
            }
        }
    }

    @Test
    void stripRemovesMetadataAndQualityChangesSize() {
        try (VipsImage source = TestImages.rgb(200, 100);
             VipsImage rotated = source.withInt(VipsImage.ORIENTATION, 6)) {
            byte[] kept = ImageEncoder.encode(rotated, EncodeOptions.of(ImageFormat.JPEG).withQuality(90));
            byte[] stripped = ImageEncoder.encode(rotated, EncodeOptions.of(ImageFormat.JPEG).withQuality(90).withStrip(true));
            byte[] low = ImageEncoder.encode(rotated, EncodeOptions.of(ImageFormat.JPEG).withQuality(20).withStrip(true));
            assertThat(ImageProbe.probe(kept).orientation()).isEqualTo(6);
            assertThat(ImageProbe.probe(stripped).orientation()).isEqualTo(1);
            assertThat(low.length).isLessThan(stripped.length);
        }
    }

    @Test
    void detectionOnlyFormatsAreRecognised() {
        try (VipsImage source = TestImages.rgb(30, 20)) {
            byte[] tiff = Vips.op("tiffsave_buffer").in("in", source).callBytes("buffer");
            assertThat(ImageProbe.probe(tiff)).isEqualTo(new ImageHeader(30, 20, ImageFormat.TIFF, false, 1, 1));
        }
        assumeTrue(Vips.hasOperation("svgload_buffer"), "this libvips has no SVG loader");
        byte[] svg = """
                <svg xmlns="http://www.w3.org/2000/svg" width="30" height="20">
                  <rect width="30" height="20" fill="red"/>
                </svg>""".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(ImageProbe.probe(svg)).isEqualTo(new ImageHeader(30, 20, ImageFormat.SVG, true, 1, 1));
    }

    @Test
    void formatNamesAndMimeTypes() {
        assertThat(ImageFormat.fromName("JPG")).contains(ImageFormat.JPEG);
        assertThat(ImageFormat.fromName("avif")).contains(ImageFormat.AVIF);
        assertThat(ImageFormat.fromName("exe")).isEmpty();
        assertThat(ImageFormat.fromMimeType("image/webp")).contains(ImageFormat.WEBP);
        assertThat(ImageFormat.AVIF.saver()).contains("heifsave_buffer");
        assertThat(ImageFormat.TIFF.isWritable()).isFalse();
    }
}
