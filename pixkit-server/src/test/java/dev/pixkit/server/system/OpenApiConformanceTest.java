package dev.pixkit.server.system;

import static dev.pixkit.server.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import dev.pixkit.server.support.Http;
import dev.pixkit.server.support.Images;
import dev.pixkit.server.support.MetadataFields;
import dev.pixkit.server.support.Multipart;
import dev.pixkit.server.support.OpenApiSpec;
import dev.pixkit.server.support.TestServer;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Upload and details responses validated against ImageKit's OpenAPI spec ({@link OpenApiSpec}): types by JSON Schema,
 * and names strictly — every field we send must be one the spec declares.
 */
class OpenApiConformanceTest {
    private final TestServer server = TestServer.shared();
    private final Http http = server.http();

    @Test
    void upload_and_details_of_an_image_match_the_spec() {
        MetadataFields.ensure(http, "k", Map.of("type", "Text"));
        JsonNode upload = json(http.upload(new Multipart().file("file", "a.png", Images.png(40, 30, true))
                .field("fileName", "spec.png").field("folder", "/spec").field("tags", "a,b")
                .field("customCoordinates", "0,0,10,10").field("customMetadata", "{\"k\":\"v\"}")
                .field("description", "described")
                .field("responseFields", "tags,customCoordinates,isPrivateFile,isPublished,customMetadata")));
        assertConforms(upload, "Upload");
        JsonNode details = json(http.getAuthed("/v1/files/" + upload.get("fileId").asString() + "/details"));
        assertConforms(details, "FileDetails");
        assertThat(details.get("description").asString()).isEqualTo("described");
    }

    @Test
    void upload_and_details_of_a_plain_file_match_the_spec() {
        JsonNode upload = json(http.upload(new Multipart().file("file", "a.bin", new byte[] {1, 2, 3, 4})
                .field("fileName", "spec.bin").field("folder", "/spec")));
        assertConforms(upload, "Upload");
        assertConforms(json(http.getAuthed("/v1/files/" + upload.get("fileId").asString() + "/details")),
                "FileDetails");
    }

    @Test
    void a_misspelt_field_would_be_caught() {
        JsonNode bogus = Http.JSON.readTree("{\"fileId\":\"x\",\"aiTags\":null}");
        assertThat(undeclared(bogus, "Upload")).containsExactly("aiTags");
        JsonNode wrongType = Http.JSON.readTree("{\"fileId\":\"x\",\"tags\":\"a,b\"}");
        assertThat(schema("Upload").validate(wrongType)).isNotEmpty();
    }

    private static void assertConforms(JsonNode response, String schemaName) {
        OpenApiSpec.assertConforms(response, schemaName);
    }

    private static Schema schema(String name) {
        return OpenApiSpec.schema(name);
    }

    private static Set<String> undeclared(JsonNode response, String schemaName) {
        return OpenApiSpec.undeclared(response, schemaName);
    }
}
