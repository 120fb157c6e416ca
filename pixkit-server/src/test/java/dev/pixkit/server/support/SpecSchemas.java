package dev.pixkit.server.support;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The component schemas of ImageKit's OpenAPI spec (test resources copy) for validating responses, as
 * {@code OpenApiConformanceTest} does: types by JSON Schema, and names strictly (the spec's schemas allow extra
 * properties, so {@link #problems} also reports every field the schema does not declare).
 */
public final class SpecSchemas {
    private static final String SPEC = "https://pixkit.test/imagekit/openapi.json";
    private static final JsonNode TREE = load();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12, b -> b.schemas(Map.of(SPEC, TREE.toString())));

    private SpecSchemas() {}

    /** Schema violations and undeclared fields of {@code value} against {@code #/components/schemas/<name>}. */
    public static List<String> problems(JsonNode value, String schemaName) {
        Schema schema = REGISTRY.getSchema(SchemaLocation.of(SPEC + "#/components/schemas/" + schemaName));
        List<String> problems = new ArrayList<>(schema.validate(value).stream().map(Error::toString).toList());
        JsonNode properties = TREE.get("components").get("schemas").get(schemaName).get("properties");
        value.propertyNames().forEach(name -> {
            if (!properties.has(name)) {
                problems.add("field not declared by " + schemaName + ": " + name);
            }
        });
        return problems;
    }

    /** The spec as JSON, with OpenAPI 3.1's {@code type: [x, null]} read back as the string "null". */
    private static JsonNode load() {
        try (InputStream in = SpecSchemas.class.getResourceAsStream("/imagekit/openapi.yaml")) {
            JsonNode tree = new YAMLMapper().readTree(in);
            restoreNullTypes(tree);
            return tree;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
        node.values().forEach(SpecSchemas::restoreNullTypes);
    }
}
