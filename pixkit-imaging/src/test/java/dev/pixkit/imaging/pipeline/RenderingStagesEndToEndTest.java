package dev.pixkit.imaging.pipeline;

import static dev.pixkit.imaging.pipeline.StageFixtures.alpha;
import static dev.pixkit.imaging.pipeline.StageFixtures.near;
import static dev.pixkit.imaging.pipeline.StageFixtures.px;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pixkit.imaging.vips.Vips;
import dev.pixkit.imaging.vips.VipsImage;
import dev.pixkit.imaging.vips.VipsScope;
import dev.pixkit.url.transform.Color;
import dev.pixkit.url.transform.TransformationParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rendering stages through the whole pipeline: URL transformation strings parsed by
 * {@link TransformationParser}, rendered by {@link Renderer} from PNG files, decoded and checked pixel by pixel.
 */
class RenderingStagesEndToEndTest {

    private static final Renderer RENDERER = new Renderer();
    private static final Color RED = new Color(255, 0, 0, 255);
    private static final Color GREEN = new Color(0, 255, 0, 255);
    private static final Color BLUE = new Color(0, 0, 255, 255);
    private static final Color WHITE = Color.WHITE;

    @TempDir
    static Path dir;
    static final Map<String, Path> FILES = new HashMap<>();

    @BeforeAll
    static void files() throws IOException {
        try (VipsScope s = new VipsScope()) {
            save(s, "white.png", StageFixtures.solid(s, 100, 100, WHITE));
            save(s, "red.png", StageFixtures.solid(s, 20, 20, RED));
            save(s, "dot.png", StageFixtures.solid(s, 10, 10, RED));
            save(s, "blue.png", StageFixtures.solid(s, 40, 20, BLUE));
            save(s, "logo.png", StageFixtures.disc(s, 60, 60, 40, BLUE));
        }
    }

    private static void save(VipsScope s, String name, VipsImage image) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, Vips.op("pngsave_buffer").in("in", image).callBytes("buffer"));
        FILES.put(name, file);
    }

    /** Renders {@code tr} on {@code source} and decodes the result (tracked by {@code s}). */
    private static VipsImage render(VipsScope s, String source, String tr) {
        RenderRequest request = RenderRequest.of(FILES.get(source), TransformationParser.parse(tr))
                .withLayerResolver(name -> Optional.ofNullable(FILES.get(name)));
        RenderResult result = RENDERER.render(request);
        return s.image(Vips.op("pngload_buffer").in("buffer", result.bytes()), "out");
    }

    @Test
    void imageLayerAtLxLy() {
        try (VipsScope s = new VipsScope()) {
            VipsImage out = render(s, "white.png", "l-image,i-red.png,lx-10,ly-20,l-end,f-png");
            assertThat(out.width()).isEqualTo(100);
            assertThat(near(px(out, 15, 25), RED, 0)).isTrue();
            assertThat(near(px(out, 5, 5), WHITE, 0)).isTrue();
        }
    }

    @Test
    void imageLayerWithNegativeOffsetsAndAnchors() {
        try (VipsScope s = new VipsScope()) {
            VipsImage negative = render(s, "white.png", "l-image,i-red.png,lx-N10,ly-N10,l-end,f-png");
            assertThat(near(px(negative, 85, 85), RED, 0)).isTrue();
            assertThat(near(px(negative, 95, 95), WHITE, 0)).isTrue();
            assertThat(near(px(negative, 65, 65), WHITE, 0)).isTrue();
            // N0 is -0: flush with the right/bottom edge, where 0 is flush with the left/top.
            VipsImage flush = render(s, "white.png", "l-image,i-red.png,lx-N0,ly-N0,l-end,f-png");
            assertThat(near(px(flush, 99, 99), RED, 0)).isTrue();
            assertThat(near(px(flush, 5, 5), WHITE, 0)).isTrue();
            VipsImage centred = render(s, "white.png", "l-image,i-red.png,l-end,f-png");
            assertThat(near(px(centred, 40, 40), RED, 0)).isTrue();
            assertThat(near(px(centred, 39, 39), WHITE, 0)).isTrue();
            VipsImage corner = render(s, "white.png", "l-image,i-red.png,lfo-bottom_right,l-end,f-png");
            assertThat(near(px(corner, 99, 99), RED, 0)).isTrue();
            assertThat(near(px(corner, 79, 79), WHITE, 0)).isTrue();
        }
    }

    @Test
    void textLayerInItsColour() {
        try (VipsScope s = new VipsScope()) {
            VipsImage out = render(s, "white.png", "l-text,i-Hello,fs-20,co-FF0000,lx-5,ly-5,l-end,f-png");
            try (VipsScope t = new VipsScope()) {
                VipsImage g = t.image(Vips.op("extract_band").in("in", out).in("band", 1), "out");
                VipsImage inked = t.image(Vips.op("relational_const").in("in", g).in("relational", "less")
                        .in("c", 128.0), "out");
                int[] box = StageFixtures.bounds(inked, 128);
                assertThat(box).isNotNull();
                assertThat(box[0]).isGreaterThanOrEqualTo(5);
                assertThat(box[1]).isGreaterThanOrEqualTo(5);
                assertThat(box[3]).isLessThan(40);
                // Ink pixels are red (green and blue low, red high).
                double[] p = px(out, (box[0] + box[2]) / 2, (box[1] + box[3]) / 2);
                assertThat(p[0]).isGreaterThan(p[1]);
            }
        }
    }

    @Test
    void canvasLayerIsAnExactBlock() {
        try (VipsScope s = new VipsScope()) {
            VipsImage out = render(s, "white.png", "l-image,i-ik_canvas,bg-00FF00,w-30,h-12,lx-5,ly-7,l-end,f-png");
            assertThat(near(px(out, 5, 7), GREEN, 0)).isTrue();
            assertThat(near(px(out, 34, 18), GREEN, 0)).isTrue();
            assertThat(near(px(out, 35, 18), WHITE, 0)).isTrue();
            assertThat(near(px(out, 34, 19), WHITE, 0)).isTrue();
        }
    }

    @Test
    void nestedLayerWithARotatedChain() {
        try (VipsScope s = new VipsScope()) {
            VipsImage out = render(s, "white.png",
                    "l-image,i-blue.png,lx-0,ly-0,l-image,i-dot.png,lx-0,ly-0,l-end:rt-90,l-end,f-png");
            // blue 40×20 with the red dot at its top-left, then rotated: 20×40 at (0,0), the dot top-right.
            assertThat(near(px(out, 15, 5), RED, 0)).isTrue();
            assertThat(near(px(out, 5, 5), BLUE, 0)).isTrue();
            assertThat(near(px(out, 5, 35), BLUE, 0)).isTrue();
            assertThat(near(px(out, 25, 5), WHITE, 0)).isTrue();
            assertThat(near(px(out, 5, 45), WHITE, 0)).isTrue();
        }
    }

    @Test
    void roundedBorderedAndRotatedRenders() {
        try (VipsScope s = new VipsScope()) {
            VipsImage round = render(s, "white.png", "r-max,b-5_FF0000,f-png");
            assertThat(round.width()).isEqualTo(110);
            assertThat(round.hasAlpha()).isTrue();
            assertThat(alpha(round, 0, 0)).isZero();
            assertThat(near(px(round, 55, 2), RED, 0)).isTrue();
            assertThat(near(px(round, 55, 55), WHITE, 0)).isTrue();
            VipsImage turned = render(s, "white.png", "rt-45,bg-FF0000,f-png");
            assertThat((double) turned.width()).isCloseTo(141.4, within(2.0));
            assertThat(near(px(turned, 0, 0), RED, 0)).isTrue();
            assertThat(near(px(turned, 70, 70), WHITE, 0)).isTrue();
        }
    }

    @Test
    void effectsThroughThePipeline() {
        try (VipsScope s = new VipsScope()) {
            VipsImage shadow = render(s, "logo.png", "e-shadow,f-png");
            assertThat(shadow.width()).isGreaterThan(60);
            assertThat(shadow.hasAlpha()).isTrue();
            VipsImage faded = render(s, "white.png", "o-50,f-png");
            assertThat(alpha(faded, 50, 50)).isCloseTo(127, within(1.0));
            VipsImage grey = render(s, "blue.png", "e-grayscale,f-png");
            double[] p = px(grey, 20, 10);
            assertThat(p.length == 1 || p[0] == p[1] && p[1] == p[2]).isTrue();
        }
    }
}
