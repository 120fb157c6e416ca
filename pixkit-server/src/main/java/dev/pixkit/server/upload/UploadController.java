package dev.pixkit.server.upload;

import dev.pixkit.server.auth.ApiKeyAuthenticator;
import dev.pixkit.server.auth.ApiKeyAuthenticator.ClientSignature;
import dev.pixkit.server.catalog.FileUrls;
import dev.pixkit.server.system.ApiException;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /api/v1/files/upload}: ImageKit's upload API (multipart/form-data). */
@RestController
class UploadController {
    private final UploadService uploads;
    private final ApiKeyAuthenticator auth;
    private final FileUrls urls;
    private final JsonMapper json;

    UploadController(UploadService uploads, ApiKeyAuthenticator auth, FileUrls urls, JsonMapper json) {
        this.uploads = uploads;
        this.auth = auth;
        this.urls = urls;
        this.json = json;
    }

    @PostMapping(path = "/api/v1/files/upload", produces = MediaType.APPLICATION_JSON_VALUE)
    UploadResponse upload(HttpServletRequest request) throws IOException, ServletException {
        if (request.getContentType() == null
                || !request.getContentType().toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
            throw ApiException.badRequest("The upload API takes multipart/form-data.");
        }
        auth.authorizeUpload(request, new ClientSignature(request.getParameter("publicKey"),
                request.getParameter("signature"), request.getParameter("expire"), request.getParameter("token")));
        UploadForm form = UploadForm.parse(request::getParameter, json);
        Part file = request.getPart("file");
        if (file == null) {
            throw ApiException.badRequest("Your request is missing file parameter.");
        }
        return UploadResponse.of(uploads.upload(form, UploadSource.open(file)), urls, form.responseFields());
    }
}
