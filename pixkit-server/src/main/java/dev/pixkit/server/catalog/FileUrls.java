package dev.pixkit.server.catalog;

import dev.pixkit.server.system.PixkitSettings;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;

/** Delivery URLs of catalogued files, under the configured URL endpoint. */
@Component
public class FileUrls {
    /** The named transformation ImageKit's media library uses for thumbnails. */
    public static final String THUMBNAIL_TRANSFORMATION = "n-ik_ml_thumbnail";

    /** The query parameter that selects a version of a file in a delivery URL. */
    public static final String VERSION_PARAMETER = "ik-obj-version";

    private final String endpoint;

    FileUrls(PixkitSettings settings) {
        this.endpoint = settings.urlEndpoint().toString();
    }

    public String url(FileRecord f) {
        return endpoint + encodePath(f.filePath());
    }

    public String thumbnail(FileRecord f) {
        return endpoint + "/tr:" + THUMBNAIL_TRANSFORMATION + encodePath(f.filePath());
    }

    /** The URL of one version of a file: ImageKit names it with the {@code ik-obj-version} query parameter. */
    public String versionUrl(FileRecord v) {
        return url(v) + "?" + VERSION_PARAMETER + "=" + v.versionId();
    }

    public String versionThumbnail(FileRecord v) {
        return thumbnail(v) + "?" + VERSION_PARAMETER + "=" + v.versionId();
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters and {@code /}. */
    static String encodePath(String path) {
        StringBuilder sb = new StringBuilder(path.length() + 16);
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }
}
