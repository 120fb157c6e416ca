package dev.pixkit.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A file version: {@code id} and a display {@code name} such as {@code "Version 1"}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VersionInfo(String id, String name) {}
