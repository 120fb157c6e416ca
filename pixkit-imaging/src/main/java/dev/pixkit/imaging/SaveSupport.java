package dev.pixkit.imaging;

/**
 * Whether this libvips can really encode a format (found by encoding a tiny test image).
 *
 * @param format    the format tried
 * @param supported true if the test encode succeeded
 * @param detail    {@code "ok"}, or why it failed (libvips' message)
 */
public record SaveSupport(ImageFormat format, boolean supported, String detail) {}
