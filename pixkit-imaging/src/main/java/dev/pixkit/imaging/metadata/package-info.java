/**
 * What ImageKit's metadata APIs report about an image, computed with libvips and small Java parsers:
 * {@link dev.pixkit.imaging.metadata.MetadataReader} builds {@link dev.pixkit.imaging.metadata.ImageMetadata}
 * (dimensions, format, ICC, alpha, DPI, {@link dev.pixkit.imaging.metadata.JpegQuality JPEG quality},
 * {@link dev.pixkit.imaging.metadata.PerceptualHash pHash}, {@link dev.pixkit.imaging.metadata.Exif EXIF} via
 * {@link dev.pixkit.imaging.metadata.ExifParser}); {@link dev.pixkit.imaging.metadata.EmbeddedMetadata} builds the
 * flat EXIF/IPTC/XMP map of {@code embeddedMetadata}. No Spring; unreadable input fails with
 * {@link dev.pixkit.imaging.UnsupportedImageException}.
 */
package dev.pixkit.imaging.metadata;
