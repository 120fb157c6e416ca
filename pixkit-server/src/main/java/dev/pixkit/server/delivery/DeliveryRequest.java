package dev.pixkit.server.delivery;

import dev.pixkit.server.system.ApiException;
import java.nio.charset.StandardCharsets;
import org.springframework.web.util.UriUtils;

/**
 * A delivery URL taken apart: the transformation (from a leading {@code tr:} path segment or the {@code tr} query
 * parameter), the decoded file path, the version asked for ({@code ik-obj-version}, null for the current one), and
 * the raw target that signatures are computed over.
 */
record DeliveryRequest(String filePath, String transformation, String rawTarget, boolean attachment, String version) {

    /**
     * @param rawPath  the raw request path after the endpoint prefix, starting with {@code /}
     * @param rawQuery the raw query string or null
     */
    static DeliveryRequest parse(String rawPath, String rawQuery) {
        String path = rawPath;
        String transformation = null;
        if (path.startsWith("/tr:")) {
            int slash = path.indexOf('/', 1);
            if (slash < 0) {
                throw ApiException.notFound("The requested file does not exist.");
            }
            transformation = UriUtils.decode(path.substring(4, slash), StandardCharsets.UTF_8);
            path = path.substring(slash);
        }
        boolean attachment = false;
        String version = null;
        if (rawQuery != null) {
            for (String param : rawQuery.split("&")) {
                int eq = param.indexOf('=');
                String key = eq < 0 ? param : param.substring(0, eq);
                String value = eq < 0 ? "" : UriUtils.decode(param.substring(eq + 1), StandardCharsets.UTF_8);
                if (key.equals("tr")) {
                    // Path and query transformations chain: the path's steps first, then the query's.
                    transformation = transformation == null ? value : transformation + ":" + value;
                } else if (key.equals("ik-attachment")) {
                    attachment = value.equals("true");
                } else if (key.equals("ik-obj-version")) {
                    version = value;
                }
            }
        }
        String filePath = UriUtils.decode(path, StandardCharsets.UTF_8);
        if (filePath.length() <= 1 || filePath.contains("\0")) {
            throw ApiException.fileNotFound();
        }
        String rawTarget = rawPath.substring(1) + (rawQuery == null ? "" : "?" + rawQuery);
        return new DeliveryRequest(filePath, transformation, rawTarget, attachment, version);
    }
}
