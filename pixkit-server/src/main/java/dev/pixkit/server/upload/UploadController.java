package dev.pixkit.server.upload;

import dev.pixkit.server.auth.ApiKeyAuthenticator;
import dev.pixkit.server.auth.ApiKeyAuthenticator.ClientSignature;
import dev.pixkit.server.catalog.CustomMetadataValidator;
import dev.pixkit.server.catalog.FileMetadata;
import dev.pixkit.server.catalog.FileRecord;
import dev.pixkit.server.catalog.FileUrls;
import dev.pixkit.server.storage.BlobStore;
import dev.pixkit.server.storage.StoredBlob;
import dev.pixkit.server.system.ApiException;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * ImageKit's upload API (multipart/form-data): {@code POST /api/v1/files/upload} (Basic auth or a client-side
 * signature) and {@code POST /api/v2/files/upload} (Basic auth or a JWT covering every field). Both take the same
 * fields and answer the same way.
 */
@RestController
class UploadController {
    private final UploadService uploads;
    private final BlobStore blobs;
    private final FileMetadata metadata;
    private final CustomMetadataValidator metadataFields;
    private final ApiKeyAuthenticator auth;
    private final FileUrls urls;
    private final JsonMapper json;
    private final RemoteFetcher fetcher;

    UploadController(UploadService uploads, ApiKeyAuthenticator auth, FileUrls urls, JsonMapper json,
            RemoteFetcher fetcher, BlobStore blobs, FileMetadata metadata, CustomMetadataValidator metadataFields) {
        this.metadataFields = metadataFields;
        this.blobs = blobs;
        this.metadata = metadata;
        this.uploads = uploads;
        this.auth = auth;
        this.urls = urls;
        this.json = json;
        this.fetcher = fetcher;
    }

    @PostMapping(path = "/api/v1/files/upload", produces = MediaType.APPLICATION_JSON_VALUE)
    UploadResponse upload(HttpServletRequest request) throws IOException, ServletException {
        requireMultipart(request);
        auth.authorizeUpload(request, new ClientSignature(request.getParameter("publicKey"),
                request.getParameter("signature"), request.getParameter("expire"), request.getParameter("token")));
        return store(request);
    }

    @PostMapping(path = "/api/v2/files/upload", produces = MediaType.APPLICATION_JSON_VALUE)
    UploadResponse uploadV2(HttpServletRequest request) throws IOException, ServletException {
        requireMultipart(request);
        auth.authorizeUploadV2(request);
        return store(request);
    }

    private static void requireMultipart(HttpServletRequest request) {
        if (request.getContentType() == null
                || !request.getContentType().toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
            throw ApiException.badRequest("The upload API takes multipart/form-data.");
        }
    }

    /** What {@code responseFields} asks for beyond the record: metadata read from the stored bytes, field schemas. */
    private UploadResponse.Described described(FileRecord file, UploadForm form) throws IOException {
        var fields = form.responseFields();
        var schemas = fields.contains(UploadForm.ResponseField.SELECTED_FIELDS_SCHEMA)
                ? metadataFields.selectedFieldsSchema() : null;
        boolean wantsMetadata = fields.contains(UploadForm.ResponseField.METADATA);
        boolean wantsEmbedded = fields.contains(UploadForm.ResponseField.EMBEDDED_METADATA);
        var blob = file.fileType() == FileRecord.FileType.IMAGE && (wantsMetadata || wantsEmbedded)
                ? blobs.find(file.sha256()) : Optional.<StoredBlob>empty();
        return new UploadResponse.Described(
                blob.filter(b -> wantsMetadata).flatMap(b -> metadata.of(b.file())).orElse(null),
                blob.filter(b -> wantsEmbedded).flatMap(b -> metadata.embedded(b.file())).orElse(null),
                schemas);
    }

    private UploadResponse store(HttpServletRequest request) throws IOException, ServletException {
        UploadForm form = UploadForm.parse(request::getParameter, json);
        Part file = request.getPart("file");
        if (file == null) {
            throw ApiException.badRequest("Your request is missing file parameter.");
        }
        FileRecord stored = uploads.upload(form, UploadSource.open(file, fetcher));
        return UploadResponse.of(stored, urls, form.responseFields(), described(stored, form));
    }
}
