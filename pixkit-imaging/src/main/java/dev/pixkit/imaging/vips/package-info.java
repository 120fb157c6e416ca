/**
 * A small, generic libvips binding on the JDK's foreign function &amp; memory API (no JNI, no
 * dependencies).
 *
 * <p>{@link dev.pixkit.imaging.vips.VipsRuntime} loads and initialises libvips once per process;
 * {@link dev.pixkit.imaging.vips.Vips#op(String)} calls any libvips operation by nickname with
 * typed arguments; {@link dev.pixkit.imaging.vips.VipsImage}, {@link dev.pixkit.imaging.vips.VipsBlob}
 * and {@link dev.pixkit.imaging.vips.VipsSource} own native references and must be closed, directly
 * or through a {@link dev.pixkit.imaging.vips.VipsScope}. Every failure is a
 * {@link dev.pixkit.imaging.vips.VipsException} carrying libvips' own message.
 */
package dev.pixkit.imaging.vips;
