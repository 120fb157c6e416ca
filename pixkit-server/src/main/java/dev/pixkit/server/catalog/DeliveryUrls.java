package dev.pixkit.server.catalog;

import dev.pixkit.server.system.PixkitSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * Reads delivery URLs that API callers pass in (cache purge, metadata by URL): a URL under the URL endpoint (same
 * host and path prefix; a host-less URL counts as this server's) names a file path, optionally after a {@code tr:}
 * path segment or with a {@code tr} query parameter. Each caller words its own error from the {@link Problem}.
 */
@Component
public class DeliveryUrls {
    private final URI endpoint;

    DeliveryUrls(PixkitSettings settings) {
        this.endpoint = settings.urlEndpoint();
    }

    /**
     * What a delivery URL names.
     *
     * @param filePath       decoded file path, starting with {@code /} (for purges it may end in {@code *})
     * @param transformation the transformation text, path segment's steps then the query's (chained with
     *                       {@code :}, as delivery does), or null when the URL has none
     * @param versionId      the version the URL names with {@code ik-obj-version} (possibly empty), or null for
     *                       the current one
     */
    public record Target(String filePath, String transformation, String versionId) {}

    /** Why a URL is not a delivery URL of this server. */
    public enum Problem {
        /** Not a URI at all. */
        MALFORMED,
        /** Another host, or not below the endpoint's path. */
        FOREIGN,
        /** The endpoint itself, or only a transformation: no file. */
        NO_FILE
    }

    /** The URL cannot name a file of this server. */
    public static final class InvalidUrlException extends RuntimeException {
        private final Problem problem;

        InvalidUrlException(Problem problem, String detail) {
            super(detail, null, false, false);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    /** The URL endpoint, e.g. {@code https://img.example.com/media}. */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * Takes {@code url} apart.
     *
     * @throws InvalidUrlException when it is not a delivery URL under this server's endpoint
     */
    public Target parse(String url) {
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidUrlException(Problem.MALFORMED, e.getMessage());
        }
        String prefix = endpoint.getRawPath();
        String rawPath = u.getRawPath() == null ? "" : u.getRawPath();
        boolean sameOrigin = u.getHost() == null || u.getHost().equalsIgnoreCase(endpoint.getHost());
        if (!sameOrigin || !rawPath.startsWith(prefix + "/")) {
            throw new InvalidUrlException(Problem.FOREIGN, "it must be a URL under " + endpoint + ".");
        }
        String rest = rawPath.substring(prefix.length());
        String transformation = null;
        if (rest.startsWith("/tr:")) {
            int slash = rest.indexOf('/', 1);
            transformation = UriUtils.decode(slash < 0 ? rest.substring(4) : rest.substring(4, slash),
                    StandardCharsets.UTF_8);
            rest = slash < 0 ? "/" : rest.substring(slash);
        }
        String query = queryTransformation(u.getRawQuery());
        if (query != null) {
            transformation = transformation == null ? query : transformation + ":" + query;
        }
        String path = UriUtils.decode(rest, StandardCharsets.UTF_8);
        if (path.equals("/") || path.contains("\0")) {
            throw new InvalidUrlException(Problem.NO_FILE, "it names no file.");
        }
        return new Target(path, transformation == null || transformation.isEmpty() ? null : transformation,
                queryParameter(u.getRawQuery(), FileUrls.VERSION_PARAMETER));
    }

    /** The first value of the query parameter {@code name}, decoded; null when absent. */
    private static String queryParameter(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String param : rawQuery.split("&")) {
            if (param.equals(name) || param.startsWith(name + "=")) {
                return UriUtils.decode(param.substring(Math.min(param.length(), name.length() + 1)),
                        StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static String queryTransformation(String rawQuery) {
        if (rawQuery == null) {
            return null;
        }
        String found = null;
        for (String param : rawQuery.split("&")) {
            if (param.startsWith("tr=")) {
                String value = UriUtils.decode(param.substring(3), StandardCharsets.UTF_8);
                found = found == null ? value : found + ":" + value;
            }
        }
        return found;
    }
}
