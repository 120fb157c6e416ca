package dev.pixkit.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A tag assigned by an auto-tagging extension. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AITag(String name, Double confidence, String source) {}
