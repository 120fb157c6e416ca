package dev.pixkit.server.upload;

import dev.pixkit.server.catalog.CustomMetadataValidator;
import dev.pixkit.server.catalog.FileCatalog;
import dev.pixkit.server.catalog.FileRecord;
import dev.pixkit.server.catalog.FileRecord.FileType;
import dev.pixkit.server.catalog.Formats;
import dev.pixkit.server.catalog.Ids;
import dev.pixkit.server.catalog.Names;
import dev.pixkit.server.storage.BlobStore;
import dev.pixkit.server.storage.StagedBlob;
import dev.pixkit.server.system.ApiException;
import dev.pixkit.server.system.PixkitSettings;
import dev.pixkit.server.system.UploadLimits;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * One upload: stream the bytes into a staged blob (size-limited, hashed), learn what they are from their magic
 * numbers and image header, choose the final path, then hand both to the catalog. Any failure before the catalog
 * commits discards the staged bytes.
 */
@Service
class UploadService {
    private final BlobStore blobs;
    private final FileCatalog catalog;
    private final ImageInspector images;
    private final Clock clock;
    private final CustomMetadataValidator metadataRules;
    private final long maxBytes;

    UploadService(BlobStore blobs, FileCatalog catalog, ImageInspector images, Clock clock, PixkitSettings settings,
            CustomMetadataValidator metadataRules) {
        this.blobs = blobs;
        this.catalog = catalog;
        this.images = images;
        this.clock = clock;
        this.metadataRules = metadataRules;
        this.maxBytes = settings.maxUploadBytes();
    }

    FileRecord upload(UploadForm form, InputStream content) throws IOException {
        try (StagedBlob staged = stage(content)) {
            if (staged.size() == 0) {
                throw ApiException.badRequest("Your request contains invalid file parameter. The file is empty.");
            }
            // Content already stored was sniffed and inspected when it first arrived: reuse that, skip libvips.
            Optional<FileRecord> known = catalog.anyWithContent(staged.sha256());
            String mime = known.map(FileRecord::mime).orElseGet(() -> ContentSniffer.sniff(staged.head()));
            Optional<ImageInspector.ImageInfo> image = known.isPresent() ? known.filter(k -> k.width() != null)
                    .map(k -> new ImageInspector.ImageInfo(k.width(), k.height(), k.hasAlpha()))
                    : mime.startsWith("image/") ? images.inspect(staged.file()) : Optional.empty();
            form.checks().verify(form, staged.size(), mime, image);

            String name = form.useUniqueFileName() ? Names.unique(form.fileName()) : form.fileName();
            String filePath = (form.folder().equals("/") ? "" : form.folder()) + "/" + name;
            Optional<FileRecord> existing = catalog.findByPath(filePath);
            if (existing.isPresent() && !form.overwriteFile()) {
                throw ApiException.badRequest("A file with the same name already exists at the exact location. We could"
                        + " not overwrite it because both overwriteFile and useUniqueFileName are set to false.");
            }
            Instant now = clock.instant();
            String versionId = Ids.next();
            String fileId = existing.map(FileRecord::fileId).orElse(versionId);
            var tags = existing.isPresent() && !form.overwriteTags() && form.tags() == null
                    ? existing.get().tags() : form.tags();
            // Kept metadata stays as it is; new metadata is checked against the custom metadata fields.
            Map<String, Object> metadata = existing.isPresent() && !form.overwriteCustomMetadata()
                    && form.customMetadata() == null ? existing.get().customMetadata()
                    : metadataRules.validate(form.customMetadata());
            FileRecord file = new FileRecord(
                    fileId, filePath, form.folder(), name, versionId,
                    existing.map(f -> f.versionNumber() + 1).orElse(1),
                    staged.sha256(), staged.size(), mime, Formats.of(mime, name),
                    image.isPresent() ? FileType.IMAGE : FileType.NON_IMAGE,
                    image.map(ImageInspector.ImageInfo::width).orElse(null),
                    image.map(ImageInspector.ImageInfo::height).orElse(null),
                    image.map(ImageInspector.ImageInfo::hasAlpha).orElse(false),
                    form.isPrivateFile(), form.isPublished(), tags,
                    existing.isPresent() && !form.overwriteAITags() ? existing.get().aiTags() : null,
                    form.customCoordinates(),
                    metadata == null ? Map.of() : metadata, form.description(),
                    existing.map(FileRecord::createdAt).orElse(now), now,
                    form.pendingTtl() == null ? null : now.plus(form.pendingTtl()));
            return catalog.save(file, staged, existing);
        }
    }

    private StagedBlob stage(InputStream content) throws IOException {
        try (content) {
            return blobs.stage(content, maxBytes);
        } catch (BlobStore.TooLargeException e) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, UploadLimits.TOO_LARGE_MESSAGE);
        }
    }
}
