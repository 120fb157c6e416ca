package dev.pixkit.server.system;

import static dev.pixkit.server.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.pixkit.server.support.Http;
import dev.pixkit.server.support.Images;
import dev.pixkit.server.support.MetadataFields;
import dev.pixkit.server.support.Multipart;
import dev.pixkit.server.support.TestServer;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Upload and details responses validated against ImageKit's OpenAPI spec (a copy of ../shared/imagekit/openapi.yaml
 * in test resources): types by JSON Schema, and names strictly — the spec's schemas allow extra properties, so a
 * misspelt field would pass schema validation; here every field we send must be one the spec declares.
 */
class OpenApiConformanceTest {
    private static final String SPEC = "https://pixkit.test/imagekit/openapi.json";
    private static final JsonNode SPEC_TREE = spec();
    private final TestServer server = TestServer.shared();
    private final Http http = server.http();
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemas(Map.of(SPEC, SPEC_TREE.toString())));

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

    private void assertConforms(JsonNode response, String schemaName) {
        List<Error> errors = schema(schemaName).validate(response);
        assertThat(errors).as(response.toString()).isEmpty();
        assertThat(undeclared(response, schemaName)).as("fields not in the spec's %s", schemaName).isEmpty();
    }

    private Schema schema(String name) {
        return registry.getSchema(SchemaLocation.of(SPEC + "#/components/schemas/" + name));
    }

    private static Set<String> undeclared(JsonNode response, String schemaName) {
        JsonNode properties = SPEC_TREE.get("components").get("schemas").get(schemaName).get("properties");
        Set<String> extra = new HashSet<>();
        response.propertyNames().forEach(name -> {
            if (!properties.has(name)) {
                extra.add(name);
            }
        });
        return extra;
    }

    /**
     * The spec as JSON. Its OpenAPI 3.1 {@code type: [array, null]} is, read as YAML, an array holding a YAML null
     * rather than the string {@code "null"}; that is what the authors meant, so it is restored here.
     */
    private static JsonNode spec() {
        try (InputStream in = OpenApiConformanceTest.class.getResourceAsStream("/imagekit/openapi.yaml")) {
            JsonNode tree = new YAMLMapper().readTree(in);
            restoreNullTypes(tree);
            return tree;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void restoreNullTypes(JsonNode node) {
        if (node instanceof ObjectNode object && object.get("type") instanceof ArrayNode types) {
            for (int i = 0; i < types.size(); i++) {
                if (types.get(i).isNull()) {
                    types.set(i, "null");
                }
            }
        }
        node.values().forEach(OpenApiConformanceTest::restoreNullTypes);
    }
}
