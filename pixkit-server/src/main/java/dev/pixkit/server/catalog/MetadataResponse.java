package dev.pixkit.server.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.pixkit.imaging.metadata.ImageMetadata;
import java.util.Map;

/** ImageKit's {@code Metadata} object; absent values are left out rather than written as null. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"height", "width", "size", "format", "hasColorProfile", "quality", "density",
    "hasTransparency", "pHash", "exif"})
public record MetadataResponse(
        int height,
        int width,
        long size,
        String format,
        boolean hasColorProfile,
        Integer quality,
        Integer density,
        boolean hasTransparency,
        @JsonProperty("pHash") String pHash,
        Map<String, Map<String, Object>> exif) {

    public static MetadataResponse of(ImageMetadata m) {
        return new MetadataResponse(m.height(), m.width(), m.size(), m.format(), m.hasColorProfile(),
                m.quality(), m.density(), m.hasTransparency(), m.pHash(), m.exif().groups());
    }
}
