package dev.pixkit.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.pixkit.server.system.ApiDocument;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * ImageKit's OpenAPI spec (a copy of ../shared/imagekit/openapi.yaml in test resources) for checking responses:
 * types by JSON Schema, and names strictly — the spec's schemas allow extra properties, so a misspelt field would
 * pass schema validation; {@link #assertConforms} also requires every top-level field to be one the spec declares.
 */
public final class OpenApiSpec {
    private static final String SPEC = "https://pixkit.test/imagekit/openapi.json";
    private static final JsonNode IMAGEKIT = load();
    /** ImageKit's spec with Pixkit's declared schema additions: what responses are validated against. */
    private static final JsonNode TREE = withAdditions();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12, b -> b.schemas(Map.of(SPEC, TREE.toString())));

    private OpenApiSpec() {}

    /** {@code response} validates against {@code #/components/schemas/<schemaName>} and uses only declared names. */
    public static void assertConforms(JsonNode response, String schemaName) {
        List<Error> errors = schema(schemaName).validate(response);
        assertThat(errors).as(response.toString()).isEmpty();
        assertThat(undeclared(response, schemaName)).as("fields not in the spec's %s", schemaName).isEmpty();
    }

    /** ImageKit's spec as a JSON tree, unchanged (do not modify). */
    public static JsonNode tree() {
        return IMAGEKIT;
    }

    private static JsonNode withAdditions() {
        JsonNode copy = IMAGEKIT.deepCopy();
        ApiDocument.applySchemaAdditions(copy);
        return copy;
    }

    /** The compiled schema {@code #/components/schemas/<name>}. */
    public static Schema schema(String name) {
        return REGISTRY.getSchema(SchemaLocation.of(SPEC + "#/components/schemas/" + name));
    }

    /** Top-level fields of {@code response} that the schema does not declare. */
    public static Set<String> undeclared(JsonNode response, String schemaName) {
        JsonNode properties = TREE.get("components").get("schemas").get(schemaName).get("properties");
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
    private static JsonNode load() {
        try (InputStream in = OpenApiSpec.class.getResourceAsStream("/imagekit/openapi.yaml")) {
            JsonNode tree = new YAMLMapper().readTree(in);
            ApiDocument.restoreNullTypes(tree);
            return tree;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
