package dev.pixkit.server.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pixkit.server.support.Images;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ContentSnifferTest {

    @Test
    void images_made_by_an_encoder_are_recognised() {
        assertThat(ContentSniffer.sniff(head(Images.jpeg(4, 4)))).isEqualTo("image/jpeg");
        assertThat(ContentSniffer.sniff(head(Images.png(4, 4, true)))).isEqualTo("image/png");
    }

    static Stream<Arguments> signatures() {
        return Stream.of(
                Arguments.of("GIF89a\u0001\u0000", "image/gif"),
                Arguments.of("RIFF\u0000\u0000\u0000\u0000WEBPVP8 ", "image/webp"),
                Arguments.of("\u0000\u0000\u0000\u001cftypavif\u0000\u0000", "image/avif"),
                Arguments.of("\u0000\u0000\u0000\u0018ftypheic\u0000\u0000", "image/heif"),
                Arguments.of("\u0000\u0000\u0000\u0018ftypisom\u0000\u0000", "video/mp4"),
                Arguments.of("%PDF-1.7", "application/pdf"),
                Arguments.of("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
                        + "<!-- a comment that pushes the root element past 64 bytes -->\n"
                        + "<svg xmlns=\"http://www.w3.org/2000/svg\"/>", "image/svg+xml"),
                Arguments.of("<?xml version=\"1.0\"?><feed/>", "text/plain"),
                Arguments.of("{\"a\":1}", "application/json"),
                Arguments.of("hello", "text/plain"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("signatures")
    void signatures_decide_the_type(String content, String expected) {
        assertThat(ContentSniffer.sniff(content.getBytes(StandardCharsets.ISO_8859_1))).isEqualTo(expected);
    }

    @Test
    void unknown_binary_is_octet_stream() {
        assertThat(ContentSniffer.sniff(new byte[] {0, 1, 2, 3, (byte) 0xfe})).isEqualTo("application/octet-stream");
    }

    private static byte[] head(byte[] b) {
        return java.util.Arrays.copyOf(b, Math.min(b.length, 512));
    }
}
