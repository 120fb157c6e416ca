package dev.pixkit.server.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The OpenAPI document Pixkit serves: ImageKit's spec (bundled verbatim as {@code imagekit/openapi.yaml}) with the
 * operations Pixkit does not offer removed and its own additions merged in, both declared with their reasons in
 * {@code imagekit/pixkit-differences.yaml}. Deriving it from the spec keeps field names, status codes and error
 * bodies identical to what ImageKit's SDKs were generated from; a test holds it to the server's actual routes.
 */
@Component
public class ApiDocument {
    static final String SPEC = "/imagekit/openapi.yaml";
    static final String DIFFERENCES = "/imagekit/pixkit-differences.yaml";

    /** One removed group of operations ({@code "GET /v1/x"}) and why. */
    public record Removal(List<String> operations, String reason) {}

    /** Properties Pixkit adds to one of the spec's schemas, and why (SDKs ignore fields they do not know). */
    public record SchemaAddition(String schema, List<String> properties, String reason) {}

    private final ObjectNode document;
    private final List<Removal> removals;
    private final List<SchemaAddition> schemaAdditions;
    private final List<String> addedPaths = new ArrayList<>();
    private final String webhooksReason;

    ApiDocument(PixkitSettings settings) {
        // the API is served on the URL endpoint's origin (ImageKit's three hosts are one origin here)
        String serverUrl = settings.urlEndpoint().resolve("/").toString().replaceAll("/$", "");
        ObjectNode spec = (ObjectNode) read(SPEC);
        restoreNullTypes(spec);
        JsonNode differences = read(DIFFERENCES);
        this.removals = new ArrayList<>();
        for (JsonNode r : differences.get("removed")) {
            List<String> ops = new ArrayList<>();
            r.get("operations").forEach(op -> ops.add(op.asString()));
            removals.add(new Removal(List.copyOf(ops), r.get("reason").asString()));
        }
        this.webhooksReason = differences.path("webhooksRemoved").path("reason").asString(null);
        this.schemaAdditions = new ArrayList<>();
        differences.path("schemaAdditions").properties().forEach(e -> schemaAdditions.add(new SchemaAddition(
                e.getKey(), List.copyOf(e.getValue().get("properties").propertyNames()),
                e.getValue().get("reason").asString())));
        this.document = build(spec, differences, serverUrl);
    }

    /** The served document as a JSON tree (do not modify). */
    public JsonNode tree() {
        return document;
    }

    public List<Removal> removals() {
        return removals;
    }

    public List<SchemaAddition> schemaAdditions() {
        return schemaAdditions;
    }

    /** Paths Pixkit adds to ImageKit's API (its extensions). */
    public List<String> addedPaths() {
        return List.copyOf(addedPaths);
    }

    /** Why ImageKit's webhooks section is left out, or null when it is kept. */
    public String webhooksReason() {
        return webhooksReason;
    }

    /** {@code "GET /v1/files"} for every operation of {@code paths}, in document order. */
    public static List<String> operations(JsonNode doc) {
        List<String> ops = new ArrayList<>();
        doc.get("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
            if (HTTP_METHODS.contains(method.getKey())) {
                ops.add(method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        return ops;
    }

    private static final List<String> HTTP_METHODS = List.of("get", "put", "post", "delete", "patch", "head",
            "options", "trace");

    private ObjectNode build(ObjectNode spec, JsonNode differences, String serverUrl) {
        ObjectNode paths = (ObjectNode) spec.get("paths");
        for (Removal r : removals) {
            for (String op : r.operations()) {
                String[] parts = op.split(" ", 2);
                JsonNode item = paths.get(parts[1]);
                String method = parts[0].toLowerCase(Locale.ROOT);
                if (!(item instanceof ObjectNode o) || !o.has(method)) {
                    throw new IllegalStateException(DIFFERENCES + " removes " + op + ", which the spec does not have");
                }
                o.remove(method);
                if (o.propertyNames().stream().noneMatch(HTTP_METHODS::contains)) {
                    paths.remove(parts[1]);
                }
            }
        }
        differences.path("added").properties().forEach(e -> {
            if (paths.has(e.getKey())) {
                throw new IllegalStateException(DIFFERENCES + " adds " + e.getKey() + ", which the spec has already");
            }
            paths.set(e.getKey(), e.getValue());
            addedPaths.add(e.getKey());
        });
        if (webhooksReason != null) {
            spec.remove("webhooks");
        }
        applySchemaAdditions(spec);
        ObjectNode info = (ObjectNode) spec.get("info");
        info.put("title", "Pixkit API (ImageKit-compatible)");
        info.put("description", "ImageKit's REST API as served by this Pixkit server. Differences from ImageKit's"
                + " specification are listed at /docs.");
        ArrayNode servers = spec.putArray("servers");
        servers.addObject().put("url", serverUrl);
        return spec;
    }

    /** Adds the properties declared under {@code schemaAdditions} to the spec's component schemas. */
    public static void applySchemaAdditions(JsonNode spec) {
        JsonNode schemas = spec.get("components").get("schemas");
        read(DIFFERENCES).path("schemaAdditions").properties().forEach(e -> {
            if (!(schemas.get(e.getKey()) instanceof ObjectNode schema)) {
                throw new IllegalStateException(DIFFERENCES + " extends " + e.getKey() + ", which the spec lacks");
            }
            ObjectNode properties = schema.has("properties") ? (ObjectNode) schema.get("properties")
                    : schema.putObject("properties");
            e.getValue().get("properties").properties().forEach(p -> {
                if (properties.has(p.getKey())) {
                    throw new IllegalStateException(DIFFERENCES + " adds " + e.getKey() + "." + p.getKey()
                            + ", which the spec has already");
                }
                properties.set(p.getKey(), p.getValue());
            });
        });
    }

    private static JsonNode read(String resource) {
        try (InputStream in = ApiDocument.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * OpenAPI 3.1's {@code type: [string, null]} reads, as YAML, as an array holding a YAML null rather than the
     * string {@code "null"}; that is what the authors meant, so it is restored.
     */
    public static void restoreNullTypes(JsonNode node) {
        if (node instanceof ObjectNode object && object.get("type") instanceof ArrayNode types) {
            for (int i = 0; i < types.size(); i++) {
                if (types.get(i).isNull()) {
                    types.set(i, "null");
                }
            }
        }
        node.values().forEach(ApiDocument::restoreNullTypes);
    }
}
