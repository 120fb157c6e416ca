package dev.pixkit.server.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;

/**
 * {@code /openapi.json}, the API document, and {@code /docs}, a self-contained page that lists every operation by
 * tag and the differences from ImageKit's API with their reasons. Both are public: they describe the API, not data.
 */
@RestController
class ApiDocsController {
    private final ApiDocument document;
    private final String page;

    ApiDocsController(ApiDocument document) {
        this.document = document;
        this.page = render(document);
    }

    @GetMapping(path = "/openapi.json", produces = MediaType.APPLICATION_JSON_VALUE)
    JsonNode openapi() {
        return document.tree();
    }

    @GetMapping(path = "/docs", produces = MediaType.TEXT_HTML_VALUE)
    String docs() {
        return page;
    }

    private static String render(ApiDocument document) {
        JsonNode doc = document.tree();
        Map<String, List<String>> byTag = new TreeMap<>();
        doc.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            JsonNode o = op.getValue();
            if (!o.isObject() || !o.has("responses")) {
                return;
            }
            String tag = o.path("tags").path(0).asString("Other");
            String row = "<tr><td><code>" + op.getKey().toUpperCase(Locale.ROOT) + "</code></td><td><code>"
                    + esc(path.getKey()) + "</code></td><td>" + esc(o.path("summary").asString("")) + "</td></tr>";
            byTag.computeIfAbsent(tag, t -> new ArrayList<>()).add(row);
        }));
        StringBuilder html = new StringBuilder("""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pixkit API</title>
                <style>body{font:15px/1.5 system-ui,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em}
                table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:4px 8px;
                text-align:left;vertical-align:top}code{font-size:13px}h2{margin-top:1.6em}</style></head><body>
                <h1>Pixkit API</h1>
                <p>Pixkit speaks ImageKit's REST API: point an ImageKit SDK's base URL at this server. The machine-readable
                document is <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1, derived from ImageKit's
                specification). Management calls take the private key as HTTP Basic user name.</p>
                """);
        byTag.forEach((tag, rows) -> {
            html.append("<h2>").append(esc(tag)).append("</h2><table>");
            rows.forEach(html::append);
            html.append("</table>\n");
        });
        html.append("<h2 id=\"differences\">Not offered, and why</h2><table><tr><th>Operations</th><th>Reason</th></tr>");
        for (ApiDocument.Removal r : document.removals()) {
            html.append("<tr><td>");
            r.operations().forEach(op -> html.append("<code>").append(esc(op)).append("</code><br>"));
            html.append("</td><td>").append(esc(r.reason())).append("</td></tr>");
        }
        if (document.webhooksReason() != null) {
            html.append("<tr><td>ImageKit's outgoing webhooks</td><td>").append(esc(document.webhooksReason()))
                    .append("</td></tr>");
        }
        html.append("</table>\n<h2 id=\"additions\">Added by Pixkit</h2><table><tr><th>What</th><th>Why</th></tr>");
        JsonNode paths = doc.get("paths");
        for (String path : document.addedPaths()) {
            paths.get(path).properties().forEach(op -> html.append("<tr><td><code>")
                    .append(op.getKey().toUpperCase(Locale.ROOT)).append(' ').append(esc(path)).append("</code></td><td>")
                    .append(esc(op.getValue().path("description").asString(op.getValue().path("summary")
                            .asString("")))).append("</td></tr>"));
        }
        for (ApiDocument.SchemaAddition a : document.schemaAdditions()) {
            html.append("<tr><td><code>").append(esc(a.schema())).append('.').append(esc(String.join(", ",
                    a.properties()))).append("</code></td><td>").append(esc(a.reason())).append("</td></tr>");
        }
        return html.append("</table></body></html>\n").toString();
    }

    private static String esc(String s) {
        return HtmlUtils.htmlEscape(s);
    }
}
