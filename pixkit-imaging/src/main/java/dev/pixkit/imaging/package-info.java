/**
 * Pixkit's imaging facade over libvips: header-only probing ({@link dev.pixkit.imaging.ImageProbe}),
 * shrink-on-load thumbnails ({@link dev.pixkit.imaging.Thumbnails}) and encoding
 * ({@link dev.pixkit.imaging.ImageEncoder}). Anything more specialised goes straight through
 * {@link dev.pixkit.imaging.vips.Vips#op(String)}.
 */
package dev.pixkit.imaging;
