package dev.pixkit.server.catalog;

import static dev.pixkit.server.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pixkit.server.support.Http;
import dev.pixkit.server.support.Images;
import dev.pixkit.server.support.MetadataFields;
import dev.pixkit.server.support.Multipart;
import dev.pixkit.server.support.OpenApiSpec;
import dev.pixkit.server.support.TestServer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The metadata API against a real server: uploads through the upload API, answers checked against the spec. */
class MetadataApiTest {
    private static final String HELP = "For support kindly contact us at support@imagekit.io.";
    private static final TestServer server = TestServer.shared();
    private static final Http http = server.http();
    private static byte[] camera;
    private static JsonNode cameraUpload;

    @BeforeAll
    static void uploadCameraJpeg() {
        camera = ExifJpegs.camera(100, 68);
        cameraUpload = upload("camera.jpg", camera, "/metadata");
    }

    @Test
    void fileMetadataOfACameraJpeg() {
        HttpResponse<byte[]> response = http.getAuthed("/v1/files/" + cameraUpload.get("fileId").asString()
                + "/metadata");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode m = json(response);
        OpenApiSpec.assertConforms(m, "Metadata");

        assertThat(m.get("width").asInt()).isEqualTo(100);
        assertThat(m.get("height").asInt()).isEqualTo(68);
        assertThat(m.get("size").asLong()).isEqualTo(camera.length);
        assertThat(m.get("format").asString()).isEqualTo("jpg");
        assertThat(m.get("quality").asInt()).isEqualTo(75); // the JDK's default JPEG quality
        assertThat(m.get("density").asInt()).isEqualTo(72);
        assertThat(m.get("hasColorProfile").asBoolean()).isFalse();
        assertThat(m.get("hasTransparency").asBoolean()).isFalse();
        assertThat(m.get("pHash").asString()).matches("[0-9a-f]{16}");

        JsonNode exif = m.get("exif");
        assertThat(names(exif)).containsExactly("image", "thumbnail", "exif", "gps", "interoperability",
                "makernote");
        assertThat(exif.get("image").get("Make").asString()).isEqualTo("Canon");
        assertThat(exif.get("image").get("Model").asString()).isEqualTo("Canon EOS 40D");
        assertThat(exif.get("image").get("Orientation").isIntegralNumber()).isTrue();
        assertThat(exif.get("image").get("XResolution").asInt()).isEqualTo(72);
        assertThat(exif.get("image").get("ExifOffset").isIntegralNumber()).isTrue();
        assertThat(exif.get("exif").get("ExposureTime").asDouble()).isEqualTo(0.00625);
        assertThat(exif.get("exif").get("ISO").asInt()).isEqualTo(100);
        assertThat(exif.get("exif").get("ExifVersion").asString()).isEqualTo("0221");
        assertThat(exif.get("exif").get("DateTimeOriginal").asString()).isEqualTo("2008:05:30 15:56:01");
        assertThat(exif.get("gps").get("GPSVersionID").toString()).isEqualTo("[2,2,0,0]");
        assertThat(exif.get("gps").get("GPSLatitude").toString()).isEqualTo("[52,31,12.34]");
        assertThat(exif.get("thumbnail").isEmpty()).isTrue();
        assertThat(exif.get("makernote").isEmpty()).isTrue();
    }

    @Test
    void urlMetadataOfTheOriginalEqualsTheFileMetadata() {
        JsonNode byFile = json(http.getAuthed("/v1/files/" + cameraUpload.get("fileId").asString() + "/metadata"));
        HttpResponse<byte[]> response = http.getAuthed("/v1/metadata?url="
                + encode(cameraUpload.get("url").asString()));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode byUrl = json(response);
        OpenApiSpec.assertConforms(byUrl, "Metadata");
        assertThat(byUrl).isEqualTo(byFile);
    }

    @Test
    void urlMetadataOfATransformationDescribesTheRendition() {
        String url = cameraUpload.get("url").asString();
        String endpoint = server.endpoint();
        String inPath = endpoint + "/tr:w-50" + url.substring(endpoint.length());
        JsonNode resized = json(http.getAuthed("/v1/metadata?url=" + encode(inPath)));
        OpenApiSpec.assertConforms(resized, "Metadata");
        assertThat(resized.get("width").asInt()).isEqualTo(50);
        assertThat(resized.get("height").asInt()).isEqualTo(34);
        assertThat(resized.get("format").asString()).isEqualTo("jpg");

        HttpResponse<byte[]> delivered = http.get(Http.pathOf(inPath));
        assertThat(resized.get("size").asLong()).isEqualTo(delivered.body().length);

        JsonNode png = json(http.getAuthed("/v1/metadata?url=" + encode(url + "?tr=w-40,f-png")));
        OpenApiSpec.assertConforms(png, "Metadata");
        assertThat(png.get("width").asInt()).isEqualTo(40);
        assertThat(png.get("format").asString()).isEqualTo("png");
        assertThat(png.has("quality")).isFalse();

        JsonNode original = json(http.getAuthed("/v1/metadata?url=" + encode(url + "?tr=orig-true")));
        assertThat(original.get("width").asInt()).isEqualTo(100);
    }

    @Test
    void aPngWithAlphaAndNoExif() {
        JsonNode upload = upload("alpha.png", Images.png(30, 20, true), "/metadata");
        JsonNode m = json(http.getAuthed("/v1/files/" + upload.get("fileId").asString() + "/metadata"));
        OpenApiSpec.assertConforms(m, "Metadata");
        assertThat(m.get("format").asString()).isEqualTo("png");
        assertThat(m.get("hasTransparency").asBoolean()).isTrue();
        assertThat(m.has("quality")).isFalse();
        assertThat(m.get("exif").isObject()).isTrue();
        assertThat(m.get("exif").isEmpty()).isTrue();
    }

    @Test
    void unknownFilesAre404() {
        assertError(http.getAuthed("/v1/files/no-such-file/metadata"), 404,
                "The requested file does not exist or is inaccessible at this time.");
        assertError(http.getAuthed("/v1/metadata?url=" + encode(server.endpoint() + "/metadata/missing.jpg")), 404,
                "The requested file does not exist or is inaccessible at this time.");
    }

    @Test
    void urlsElsewhereAre400() {
        String foreign = "The url should be accessible using your ImageKit.io account.";
        assertError(http.getAuthed("/v1/metadata?url=" + encode("https://ik.imagekit.io/demo/camera.jpg")), 400,
                foreign);
        assertError(http.getAuthed("/v1/metadata?url=" + encode(server.base() + "/elsewhere/camera.jpg")), 400,
                foreign);
        assertError(http.getAuthed("/v1/metadata?url=" + encode("http://[bad")), 400, foreign);
        assertError(http.getAuthed("/v1/metadata"), 400, "Your request is missing the url parameter.");
    }

    @Test
    void nonImagesAndBadTransformationsAre400() {
        JsonNode text = upload("notes.txt", "just text".getBytes(StandardCharsets.UTF_8), "/metadata");
        assertError(http.getAuthed("/v1/files/" + text.get("fileId").asString() + "/metadata"), 400,
                "The requested file is corrupt or invalid.");
        HttpResponse<byte[]> bad = http.getAuthed("/v1/metadata?url="
                + encode(cameraUpload.get("url").asString() + "?tr=w-abc"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("help").asString()).isEqualTo(HELP);
    }

    @Test
    void bothEndpointsNeedThePrivateKey() {
        assertThat(http.get("/v1/files/" + cameraUpload.get("fileId").asString() + "/metadata").statusCode())
                .isEqualTo(401);
        assertThat(http.get("/v1/metadata?url=" + encode(cameraUpload.get("url").asString())).statusCode())
                .isEqualTo(401);
        HttpResponse<byte[]> wrongKey = http.send(http.request("/v1/metadata?url=x")
                .header("Authorization", Http.basic("wrong_key")).GET().build());
        assertThat(wrongKey.statusCode()).isIn(401, 403);
    }

    @Test
    void uploadResponseCarriesMetadataEmbeddedMetadataAndFieldSchemasWhenAskedFor() {
        MetadataFields.ensure(http, "lens", Map.of("type", "Text", "maxLength", 40));
        HttpResponse<byte[]> response = http.upload(new Multipart().file("file", "cam.jpg", camera)
                .field("fileName", "cam.jpg").field("folder", "/metadata/upload")
                .field("responseFields", "metadata,embeddedMetadata,selectedFieldsSchema"));
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        JsonNode up = json(response);
        OpenApiSpec.assertConforms(up, "Upload");
        assertThat(up.get("metadata").get("width").asInt()).isEqualTo(100);
        assertThat(up.get("metadata").get("exif").get("image").get("Make").asString()).isEqualTo("Canon");
        assertThat(up.get("metadata").get("pHash").asString()).isEqualTo(json(http.getAuthed("/v1/files/"
                + cameraUpload.get("fileId").asString() + "/metadata")).get("pHash").asString());
        assertThat(up.get("embeddedMetadata").get("Make").asString()).isEqualTo("Canon");
        assertThat(up.get("selectedFieldsSchema").get("lens").get("type").asString()).isEqualTo("Text");
        assertThat(up.get("selectedFieldsSchema").get("lens").get("maxLength").asInt()).isEqualTo(40);

        JsonNode plain = json(http.upload(new Multipart().file("file", "cam.jpg", camera)
                .field("fileName", "cam.jpg").field("folder", "/metadata/upload")));
        assertThat(plain.has("metadata")).isFalse();
        assertThat(plain.has("embeddedMetadata")).isFalse();
        assertThat(plain.has("selectedFieldsSchema")).isFalse();
    }

    private static JsonNode upload(String name, byte[] content, String folder) {
        HttpResponse<byte[]> response = http.upload(new Multipart().file("file", name, content)
                .field("fileName", name).field("folder", folder).field("useUniqueFileName", "true"));
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return json(response);
    }

    private static void assertError(HttpResponse<byte[]> response, int status, String message) {
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(status);
        JsonNode body = json(response);
        assertThat(body.get("message").asString()).isEqualTo(message);
        assertThat(body.get("help").asString()).isEqualTo(HELP);
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.propertyNames().forEach(names::add);
        return names;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
