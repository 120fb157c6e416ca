package dev.pixkit.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pixkit.server.support.Http;
import dev.pixkit.server.support.OpenApiSpec;
import dev.pixkit.server.support.TestServer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * The served API document against ImageKit's spec and against the server's own routes. The differences from the
 * spec are printed; each must be one declared, with its reason, in {@code imagekit/pixkit-differences.yaml}.
 */
class ApiDocumentTest {
    private final TestServer server = TestServer.shared();
    private final Http http = server.http();

    @Test
    void the_served_document_differs_from_imagekits_spec_only_as_declared() throws Exception {
        var r = http.get("/openapi.json");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode served = Http.json(r);
        JsonNode spec = OpenApiSpec.tree();
        ApiDocument document = server.bean(ApiDocument.class);

        Set<String> specOps = new TreeSet<>(ApiDocument.operations(spec));
        Set<String> servedOps = new TreeSet<>(ApiDocument.operations(served));
        Set<String> missing = minus(specOps, servedOps);
        Set<String> extra = minus(servedOps, specOps);
        Set<String> declaredRemoved = document.removals().stream().flatMap(x -> x.operations().stream())
                .collect(Collectors.toCollection(TreeSet::new));
        List<String> schemaDifferences = schemaDifferences(spec, served);

        System.out.println("Pixkit API document vs ImageKit's spec:");
        System.out.println("  operations in the spec: " + specOps.size() + ", served: " + servedOps.size());
        missing.forEach(op -> System.out.println("  - not offered: " + op));
        extra.forEach(op -> System.out.println("  + Pixkit only: " + op));
        schemaDifferences.forEach(d -> System.out.println("  ~ schema: " + d));
        System.out.println("  webhooks section: " + (served.has("webhooks") ? "kept" : "left out"));

        assertThat(missing).as("operations left out").isEqualTo(declaredRemoved);
        assertThat(extra).as("operations added").isEqualTo(new TreeSet<>(served.get("paths").propertyNames().stream()
                .filter(p -> !spec.get("paths").has(p)).flatMap(p -> ApiDocument.operations(served).stream()
                        .filter(op -> op.endsWith(" " + p))).toList()));
        assertThat(schemaDifferences).as("schemas changed").containsExactlyInAnyOrderElementsOf(
                document.schemaAdditions().stream().map(a -> a.schema() + " changed: properties -[] +"
                        + new TreeSet<>(a.properties())).toList());
        assertThat(document.schemaAdditions()).allSatisfy(x -> assertThat(x.reason()).hasSizeGreaterThan(20));
        assertThat(document.removals()).allSatisfy(x -> assertThat(x.reason()).hasSizeGreaterThan(20));
        assertThat(served.get("servers").get(0).get("url").asString()).isEqualTo(server.base().toString());
    }

    @Test
    void every_documented_operation_is_routed_and_every_api_route_is_documented() {
        JsonNode served = Http.json(http.get("/openapi.json"));
        Set<String> documented = ApiDocument.operations(served).stream().map(ApiDocumentTest::normalize)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> routed = new TreeSet<>();
        server.bean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class).getHandlerMethods()
                .keySet().forEach(info -> info.getPatternValues().stream()
                        .filter(p -> p.startsWith("/v1/") || p.startsWith("/api/"))
                        .forEach(p -> info.getMethodsCondition().getMethods().forEach(m ->
                                routed.add(normalize(m.name() + " " + p)))));
        System.out.println("routes not documented: " + minus(routed, documented));
        System.out.println("documented but not routed: " + minus(documented, routed));
        assertThat(routed).isEqualTo(documented);
    }

    @Test
    void the_docs_page_lists_operations_and_what_is_not_offered() {
        var r = http.get("/docs");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        String page = new String(r.body());
        assertThat(page).contains("/v1/files/{fileId}/details", "/api/v1/files/upload", "Not offered, and why",
                "GET /v1/saved-extensions");
    }

    @Test
    void the_bundled_spec_is_the_shared_one() throws Exception {
        Path shared = Path.of("..", "..", "shared", "imagekit", "openapi.yaml");
        if (!Files.exists(shared)) {
            System.out.println("../shared/imagekit/openapi.yaml not found from " + Path.of("").toAbsolutePath()
                    + "; the bundled copy is used as is");
            return;
        }
        try (InputStream in = ApiDocument.class.getResourceAsStream(ApiDocument.SPEC)) {
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(shared));
        }
    }

    /** {@code GET /v1/files/{fileId}/details} → {@code GET /v1/files/{}/details}; no trailing slash. */
    private static String normalize(String op) {
        String n = op.toUpperCase(Locale.ROOT).replaceAll("\\{[^}]*}", "{}");
        return n.endsWith("/") ? n.substring(0, n.length() - 1) : n;
    }

    private static List<String> schemaDifferences(JsonNode spec, JsonNode served) {
        List<String> out = new ArrayList<>();
        JsonNode a = spec.get("components").get("schemas");
        JsonNode b = served.get("components").get("schemas");
        for (String name : new TreeSet<>(a.propertyNames())) {
            if (!b.has(name)) {
                out.add(name + " removed");
            } else if (!a.get(name).equals(b.get(name))) {
                Set<String> pa = new TreeSet<>(a.get(name).path("properties").propertyNames());
                Set<String> pb = new TreeSet<>(b.get(name).path("properties").propertyNames());
                out.add(name + " changed: properties -" + minus(pa, pb) + " +" + minus(pb, pa));
            }
        }
        minus(new TreeSet<>(b.propertyNames()), new TreeSet<>(a.propertyNames()))
                .forEach(n -> out.add(n + " added"));
        return out;
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }
}
