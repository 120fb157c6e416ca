package dev.pixkit.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What deleting one delivery URL did ({@link PixkitClient#deleteByUrl}, a Pixkit extension).
 *
 * @param url       the URL as sent
 * @param deleted   false when nothing was at the URL (deleted before, or never stored): the call is idempotent
 * @param fileId    the deleted file's id, or null when nothing was deleted
 * @param versionId for a URL with {@code ik-obj-version}, the deleted version's id; else null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeleteByUrlResult(String url, boolean deleted, String fileId, String versionId) {}
