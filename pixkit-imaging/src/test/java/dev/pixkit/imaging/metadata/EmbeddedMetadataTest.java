package dev.pixkit.imaging.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pixkit.imaging.UnsupportedImageException;
import dev.pixkit.imaging.vips.VipsImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMetadataTest {

    private static final String XMP = """
            <?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
            <x:xmpmeta xmlns:x="adobe:ns:meta/">
             <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
              <rdf:Description rdf:about=""
                xmlns:dc="http://purl.org/dc/elements/1.1/"
                xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
                xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/"
                xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
                Iptc4xmpCore:Location="Sublocation (Core)"
                photoshop:DateCreated="2019-10-16T21:01:03+02:00">
               <dc:title><rdf:Alt><rdf:li xml:lang="de">Der Titel</rdf:li>
                 <rdf:li xml:lang="x-default">The Title</rdf:li></rdf:Alt></dc:title>
               <dc:subject><rdf:Bag><rdf:li>Keyword1</rdf:li><rdf:li>Keyword2</rdf:li></rdf:Bag></dc:subject>
               <Iptc4xmpCore:Scene><rdf:Bag><rdf:li>IPTC-Scene-Code1</rdf:li></rdf:Bag></Iptc4xmpCore:Scene>
               <Iptc4xmpCore:CreatorContactInfo rdf:parseType="Resource">
                <Iptc4xmpCore:CiAdrCity>Creator's City</Iptc4xmpCore:CiAdrCity>
                <Iptc4xmpCore:CiEmailWork>a@example.com</Iptc4xmpCore:CiEmailWork>
               </Iptc4xmpCore:CreatorContactInfo>
               <Iptc4xmpExt:AboutCvTerm><rdf:Bag><rdf:li rdf:parseType="Resource">
                 <Iptc4xmpExt:CvId>http://example.com/cv/about</Iptc4xmpExt:CvId>
                 <Iptc4xmpExt:Name><rdf:Alt><rdf:li xml:lang="x-default">CV-Term Name 1</rdf:li></rdf:Alt></Iptc4xmpExt:Name>
               </rdf:li></rdf:Bag></Iptc4xmpExt:AboutCvTerm>
               <Iptc4xmpExt:ArtworkOrObject><rdf:Bag>
                <rdf:li rdf:parseType="Resource"><Iptc4xmpExt:AOSource>Source 1</Iptc4xmpExt:AOSource></rdf:li>
                <rdf:li rdf:parseType="Resource"><Iptc4xmpExt:AOSource>Source 2</Iptc4xmpExt:AOSource></rdf:li>
               </rdf:Bag></Iptc4xmpExt:ArtworkOrObject>
              </rdf:Description>
             </rdf:RDF>
            </x:xmpmeta>
            <?xpacket end="w"?>""";

    @TempDir
    Path dir;

    @Test
    void exifIptcAndXmpSideBySide() throws IOException {
        byte[] jpeg = withSegments(ExifFixtures.canon(ByteOrder.BIG_ENDIAN), iptc(), XMP);
        Map<String, Object> m = EmbeddedMetadata.read(jpeg);

        assertThat(m).containsEntry("Make", "Canon").containsEntry("Orientation", "Horizontal (normal)")
                .containsEntry("XResolution", 72L).containsEntry("ResolutionUnit", "inches")
                .containsEntry("ExifVersion", "0221").containsEntry("ColorSpace", "sRGB")
                .containsEntry("ComponentsConfiguration", "Y,Cb,Cr,-")
                .containsEntry("DateTimeOriginal", "2008-05-30T15:56:01.000Z")
                .containsEntry("ModifyDate", "2008-07-31T10:38:11.000Z")
                .containsEntry("GPSLatitudeRef", "N")
                .doesNotContainKeys("ExifOffset", "GPSInfo", "InteropOffset", "ThumbnailOffset");
        assertThat(m).containsEntry("ApplicationRecordVersion", 4L)
                .containsEntry("ObjectName", "The Title (IPTC)")
                .containsEntry("Keywords", List.of("Keyword1ref2019.1", "Keyword2ref2019.1"))
                .containsEntry("Byline", "Creator1").containsEntry("CaptionAbstract", "Caption ü")
                .containsEntry("DateCreated", "2019:10:16").containsEntry("TimeCreated", "19:01:03+00:00");
        assertThat(m).containsEntry("Title", "The Title").containsEntry("Subject", List.of("Keyword1", "Keyword2"))
                .containsEntry("Scene", List.of("IPTC-Scene-Code1"))
                .containsEntry("Location", "Sublocation (Core)")
                .containsEntry("CreatorCity", "Creator's City").containsEntry("CreatorWorkEmail", "a@example.com")
                .containsEntry("AboutCvTermCvId", List.of("http://example.com/cv/about"))
                .containsEntry("AboutCvTermName", List.of("CV-Term Name 1"))
                .containsEntry("ArtworkSource", List.of("Source 1", "Source 2"));
        // IPTC's DateCreated wins over XMP's photoshop:DateCreated.
        assertThat(m.get("DateCreated")).isEqualTo("2019:10:16");

        assertThat(EmbeddedMetadata.read(Files.write(dir.resolve("all.jpg"), jpeg))).isEqualTo(m);
    }

    @Test
    void dateTimesUseTheirOffsetTags() {
        TiffBuilder t = new TiffBuilder(ByteOrder.LITTLE_ENDIAN);
        t.ifd0().sub(0x8769).ascii(0x9003, "2019:10:16 19:01:03").ascii(0x9011, "+02:00");
        assertThat(EmbeddedMetadata.of(t.build(), null, null))
                .containsEntry("DateTimeOriginal", "2019-10-16T17:01:03.000Z");
    }

    @Test
    void nothingEmbeddedGivesAnEmptyMap() {
        assertThat(EmbeddedMetadata.of(null, null, null)).isEmpty();
        try (VipsImage scene = Pictures.scene(1, 32, 32)) {
            byte[] png = Pictures.saveWithoutMetadata(scene, "pngsave_buffer", 0);
            assertThat(EmbeddedMetadata.read(png)).isEmpty();
        }
    }

    @Test
    void hostileOrBrokenXmpIsIgnored() {
        String entities = """
                <?xml version="1.0"?>
                <!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
                <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                <rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>&e;</dc:title>
                </rdf:Description></rdf:RDF></x:xmpmeta>""";
        assertThat(EmbeddedMetadata.of(null, null, entities.getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(EmbeddedMetadata.of(null, null, "<x:xmpmeta".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(EmbeddedMetadata.of(null, new byte[] {0x1C, 2, 25, 0x7F, (byte) 0xFF}, null)).isEmpty();
    }

    @Test
    void unreadableImagesAreATypedFailure() {
        assertThatThrownBy(() -> EmbeddedMetadata.read(new byte[] {1, 2, 3}))
                .isInstanceOf(UnsupportedImageException.class);
    }

    /** IIM record 2 in a Photoshop APP13 block, like ImageKit's IPTC reference image. */
    private static byte[] iptc() {
        ByteArrayOutputStream iim = new ByteArrayOutputStream();
        dataset(iim, 0, new byte[] {0, 4});
        dataset(iim, 5, "The Title (IPTC)");
        dataset(iim, 25, "Keyword1ref2019.1");
        dataset(iim, 25, "Keyword2ref2019.1");
        dataset(iim, 80, "Creator1");
        dataset(iim, 120, "Caption ü");
        dataset(iim, 55, "20191016");
        dataset(iim, 60, "190103+0000");
        byte[] data = iim.toByteArray();
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        block.writeBytes("Photoshop 3.0\0".getBytes(StandardCharsets.US_ASCII));
        block.writeBytes("8BIM".getBytes(StandardCharsets.US_ASCII));
        block.writeBytes(new byte[] {0x04, 0x04, 0, 0});
        block.writeBytes(new byte[] {0, 0, (byte) (data.length >> 8), (byte) data.length});
        block.writeBytes(data);
        if (data.length % 2 == 1) {
            block.write(0);
        }
        return block.toByteArray();
    }

    private static void dataset(ByteArrayOutputStream out, int dataset, String text) {
        dataset(out, dataset, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void dataset(ByteArrayOutputStream out, int dataset, byte[] value) {
        out.writeBytes(new byte[] {0x1C, 2, (byte) dataset, (byte) (value.length >> 8), (byte) value.length});
        out.writeBytes(value);
    }

    /** A libvips JPEG with EXIF (APP1), IPTC (APP13) and XMP (APP1) segments. */
    private static byte[] withSegments(byte[] tiff, byte[] app13, String xmp) {
        byte[] plain;
        try (VipsImage scene = Pictures.scene(9, 48, 32)) {
            plain = Pictures.saveWithoutMetadata(scene, "jpegsave_buffer", 0);
        }
        byte[] withExif = TiffBuilder.withExif(plain, tiff);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(withExif, 0, 2);
        segment(out, 0xED, app13);
        ByteArrayOutputStream xmpPayload = new ByteArrayOutputStream();
        xmpPayload.writeBytes("http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.US_ASCII));
        xmpPayload.writeBytes(xmp.getBytes(StandardCharsets.UTF_8));
        segment(out, 0xE1, xmpPayload.toByteArray());
        out.write(withExif, 2, withExif.length - 2);
        return out.toByteArray();
    }

    private static void segment(ByteArrayOutputStream out, int marker, byte[] payload) {
        int length = payload.length + 2;
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) marker, (byte) (length >> 8), (byte) length});
        out.writeBytes(payload);
    }
}
