package dev.pixkit.server.upload;

import dev.pixkit.server.system.ApiError;
import dev.pixkit.server.system.PixkitSettings;
import dev.pixkit.server.system.UploadLimits;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses an upload whose declared length already exceeds what any valid upload can take
 * ({@link PixkitSettings#maxUploadRequestBytes()}) before a byte of the body is read. Bodies without a length are
 * limited while streaming.
 */
@Component
class UploadSizeFilter extends OncePerRequestFilter {
    private final long maxRequestBytes;

    UploadSizeFilter(PixkitSettings settings) {
        this.maxRequestBytes = settings.maxUploadRequestBytes();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().endsWith("/files/upload");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxRequestBytes) {
            response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            response.setContentType("application/json");
            response.setHeader("Connection", "close");
            String body = "{\"message\":\"" + UploadLimits.TOO_LARGE_MESSAGE + "\",\"help\":\"" + ApiError.HELP + "\"}";
            response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(request, response);
    }
}
