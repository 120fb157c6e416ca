package dev.pixkit.server.storage;

import java.nio.file.Path;

/** A committed blob on local disk. */
public record StoredBlob(String sha256, Path file, long size) {}
