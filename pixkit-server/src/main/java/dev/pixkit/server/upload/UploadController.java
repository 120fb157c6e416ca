package dev.pixkit.server.upload;

import dev.pixkit.server.auth.ApiKeyAuthenticator;
import dev.pixkit.server.auth.ApiKeyAuthenticator.ClientSignature;
import dev.pixkit.server.catalog.FileMetadata;
import dev.pixkit.server.catalog.FileRecord;
import dev.pixkit.server.catalog.FileUrls;
import dev.pixkit.server.storage.BlobStore;
import dev.pixkit.server.system.ApiException;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
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
    private final ApiKeyAuthenticator auth;
    private final FileUrls urls;
    private final JsonMapper json;
    private final RemoteFetcher fetcher;

    UploadController(UploadService uploads, ApiKeyAuthenticator auth, FileUrls urls, JsonMapper json,
            RemoteFetcher fetcher, BlobStore blobs, FileMetadata metadata) {
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

    /** The metadata {@code responseFields} asks for, read from the stored bytes of an image. */
    private UploadResponse.Described described(FileRecord file, UploadForm form) throws IOException {
        boolean wantsMetadata = form.responseFields().contains(UploadForm.ResponseField.METADATA);
        boolean wantsEmbedded = form.responseFields().contains(UploadForm.ResponseField.EMBEDDED_METADATA);
        if (file.fileType() != FileRecord.FileType.IMAGE || !(wantsMetadata || wantsEmbedded)) {
            return UploadResponse.Described.NONE;
        }
        var blob = blobs.find(file.sha256());
        if (blob.isEmpty()) {
            return UploadResponse.Described.NONE;
        }
        return new UploadResponse.Described(
                wantsMetadata ? metadata.of(blob.get().file()).orElse(null) : null,
                wantsEmbedded ? metadata.embedded(blob.get().file()).orElse(null) : null);
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
