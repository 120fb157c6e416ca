package dev.pixkit.server.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A custom metadata field definition; on the wire {@code {id, name, label, description?, schema}}. {@code name} is
 * the key in a file's {@code customMetadata}; {@code deleted} fields are kept (their names stay taken) but no longer
 * accept values.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CustomMetadataField(
        String id,
        String name,
        String label,
        String description,
        CustomMetadataSchema schema,
        @JsonIgnore boolean deleted) {}
