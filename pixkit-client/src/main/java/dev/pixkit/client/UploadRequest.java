package dev.pixkit.client;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One upload ({@code POST /api/v1/files/upload}). Build it with one of the static {@code of…} factories, which take
 * the content, then set the optional fields:
 *
 * <pre>{@code
 * UploadRequest.of(Path.of("cat.jpg")).folder("/animals").tags("cat", "pet").build();
 * UploadRequest.of(bytes, "notes.txt").useUniqueFileName(false).build();
 * }</pre>
 *
 * Optional fields left {@code null} are not sent, so the server's defaults apply ({@code useUniqueFileName=true},
 * {@code folder=/}, {@code isPrivateFile=false}, {@code isPublished=true}, {@code overwriteFile=true}).
 */
public record UploadRequest(
        Content content,
        String fileName,
        String folder,
        List<String> tags,
        Boolean useUniqueFileName,
        Boolean isPrivateFile,
        Boolean isPublished,
        String customCoordinates,
        Map<String, Object> customMetadata,
        String description,
        Boolean overwriteFile,
        List<String> responseFields,
        Duration pendingTtl) {

    /** The longest {@link Builder#pendingTtl} a Pixkit server accepts. */
    public static final Duration MAX_PENDING_TTL = Duration.ofDays(7);

    public UploadRequest {
        Objects.requireNonNull(content, "content");
        if (fileName == null || fileName.isBlank()) {
            throw new IllegalArgumentException("fileName is required");
        }
        tags = tags == null ? null : List.copyOf(tags);
        responseFields = responseFields == null ? null : List.copyOf(responseFields);
        customMetadata = customMetadata == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(customMetadata));
        if (pendingTtl != null && (pendingTtl.toNanos() % 1_000_000_000L != 0 || pendingTtl.compareTo(Duration.ofSeconds(1)) < 0
                || pendingTtl.compareTo(MAX_PENDING_TTL) > 0)) {
            throw new IllegalArgumentException("pendingTtl must be whole seconds from 1 s to 7 days: " + pendingTtl);
        }
    }

    /** Whether the body can be sent again, so that a failed attempt may be retried. */
    public boolean replayable() {
        return content.replayable();
    }

    /** Uploads a file, streamed from disk; the file name defaults to the path's last element. */
    public static Builder of(Path file) {
        Objects.requireNonNull(file, "file");
        return new Builder(new FileContent(file)).fileName(file.getFileName().toString());
    }

    /** Uploads bytes held in memory. */
    public static Builder of(byte[] bytes, String fileName) {
        return new Builder(new BytesContent(bytes)).fileName(fileName);
    }

    /**
     * Uploads a stream that {@code opener} opens afresh for every attempt (so retries are possible). {@code length} is
     * the number of bytes each stream yields, or {@code -1} when unknown (the body is then sent chunked).
     */
    public static Builder of(Supplier<? extends InputStream> opener, long length, String fileName) {
        return new Builder(new StreamContent(opener, length, true)).fileName(fileName);
    }

    /** Uploads a stream that can be read only once: a failed attempt is not retried. The client closes it. */
    public static Builder ofStream(InputStream in, long length, String fileName) {
        Objects.requireNonNull(in, "in");
        AtomicBoolean opened = new AtomicBoolean();
        Supplier<InputStream> once = () -> {
            if (opened.getAndSet(true)) {
                throw new IllegalStateException("a one-shot InputStream cannot be sent twice");
            }
            return in;
        };
        return new Builder(new StreamContent(once, length, false)).fileName(fileName);
    }

    /** Lets the server fetch the file from an http(s) URL. */
    public static Builder ofUrl(URI url, String fileName) {
        String scheme = url.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("only http(s) URLs can be uploaded: " + url);
        }
        return new Builder(new TextContent(url.toString())).fileName(fileName);
    }

    /** Sends the bytes as a base64 text field instead of a binary part, as browsers without multipart files do. */
    public static Builder ofBase64(byte[] bytes, String fileName) {
        return new Builder(new TextContent(Base64.getEncoder().encodeToString(bytes))).fileName(fileName);
    }

    /** The file to upload. */
    public sealed interface Content permits FileContent, BytesContent, StreamContent, TextContent {
        boolean replayable();
    }

    /** A file on disk, streamed (never loaded into memory); re-opened for each attempt. */
    public record FileContent(Path path) implements Content {
        public FileContent {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public boolean replayable() {
            return true;
        }
    }

    /** Bytes in memory. */
    public record BytesContent(byte[] bytes) implements Content {
        public BytesContent {
            Objects.requireNonNull(bytes, "bytes");
        }

        @Override
        public boolean replayable() {
            return true;
        }
    }

    /** A stream opened by {@code opener}; {@code length} is {@code -1} when unknown. */
    public record StreamContent(Supplier<? extends InputStream> opener, long length, boolean replayable)
            implements Content {
        public StreamContent {
            Objects.requireNonNull(opener, "opener");
            if (length < -1) {
                throw new IllegalArgumentException("length must be -1 (unknown) or >= 0");
            }
        }
    }

    /** A text value of the {@code file} field: an http(s) URL, base64 or a data URI. */
    public record TextContent(String value) implements Content {
        public TextContent {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean replayable() {
            return true;
        }
    }

    /** Builds an {@link UploadRequest}; obtained from {@link UploadRequest#of(Path)} and its siblings. */
    public static final class Builder {
        private final Content content;
        private String fileName;
        private String folder;
        private List<String> tags;
        private Boolean useUniqueFileName;
        private Boolean isPrivateFile;
        private Boolean isPublished;
        private String customCoordinates;
        private Map<String, Object> customMetadata;
        private String description;
        private Boolean overwriteFile;
        private List<String> responseFields;
        private Duration pendingTtl;

        private Builder(Content content) {
            this.content = content;
        }

        public Builder fileName(String fileName) {
            this.fileName = fileName;
            return this;
        }

        /** The destination folder, e.g. {@code /products/2024}; created when missing. */
        public Builder folder(String folder) {
            this.folder = folder;
            return this;
        }

        public Builder tags(List<String> tags) {
            this.tags = tags == null ? null : new ArrayList<>(tags);
            return this;
        }

        public Builder tags(String... tags) {
            return tags(List.of(tags));
        }

        /** {@code false} keeps the name as given (and replaces a file of the same path when overwriting). */
        public Builder useUniqueFileName(boolean useUniqueFileName) {
            this.useUniqueFileName = useUniqueFileName;
            return this;
        }

        /** Private files are delivered only through signed URLs. */
        public Builder isPrivateFile(boolean isPrivateFile) {
            this.isPrivateFile = isPrivateFile;
            return this;
        }

        public Builder isPublished(boolean isPublished) {
            this.isPublished = isPublished;
            return this;
        }

        /** The area of interest as {@code "x,y,width,height"}. */
        public Builder customCoordinates(String customCoordinates) {
            this.customCoordinates = customCoordinates;
            return this;
        }

        /** Values for custom metadata fields; sent as a JSON object. */
        public Builder customMetadata(Map<String, ?> customMetadata) {
            this.customMetadata = customMetadata == null ? null : new LinkedHashMap<>(customMetadata);
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder overwriteFile(boolean overwriteFile) {
            this.overwriteFile = overwriteFile;
            return this;
        }

        /**
         * Optional fields to include in the response: {@code tags}, {@code customCoordinates}, {@code isPrivateFile},
         * {@code isPublished}, {@code customMetadata}, …
         */
        public Builder responseFields(List<String> responseFields) {
            this.responseFields = responseFields == null ? null : new ArrayList<>(responseFields);
            return this;
        }

        public Builder responseFields(String... responseFields) {
            return responseFields(List.of(responseFields));
        }

        /**
         * Makes the upload pending (a Pixkit extension): unless {@link PixkitClient#commit(String)} is called within
         * {@code ttl} (whole seconds, 1 s to 7 days), the server deletes the file. For work that must succeed after
         * the upload (a database insert, an AI caption): commit when it has, and a failure leaves nothing behind.
         */
        public Builder pendingTtl(Duration ttl) {
            this.pendingTtl = ttl;
            return this;
        }

        public UploadRequest build() {
            return new UploadRequest(content, fileName, folder, tags, useUniqueFileName, isPrivateFile, isPublished,
                    customCoordinates, customMetadata, description, overwriteFile, responseFields, pendingTtl);
        }
    }

    /** The size of the content in bytes when known without reading it, else {@code -1}. */
    public long contentLength() {
        return switch (content) {
            case FileContent f -> {
                try {
                    yield Files.size(f.path());
                } catch (java.io.IOException e) {
                    yield -1;
                }
            }
            case BytesContent b -> b.bytes().length;
            case StreamContent s -> s.length();
            case TextContent t -> -1;
        };
    }
}
