/**
 * ImageKit's URL transformation language as typed values.
 *
 * <p>A {@link dev.pixkit.url.transform.Transformation} is a chain of {@link dev.pixkit.url.transform.Step}s (separated
 * by {@code :} in a URL) applied left to right. A step's parameters are grouped by what they act on:
 * {@link dev.pixkit.url.transform.Resize} (size, crop, focus), {@link dev.pixkit.url.transform.Effects},
 * {@link dev.pixkit.url.transform.Decoration} (rotation, flip, radius, border, background) and
 * {@link dev.pixkit.url.transform.Output} (format and encoder settings), plus overlay
 * {@link dev.pixkit.url.transform.Layer}s. In every record, a {@code null} component means "not given" — the renderer
 * applies ImageKit's default — so that a parsed value and its canonical text are in one-to-one correspondence.
 *
 * <p>Numbers that depend on the image are {@link dev.pixkit.url.transform.Expr}essions, evaluated at render time.
 *
 * <p>{@link dev.pixkit.url.transform.TransformationParser} reads the URL text into these values (with
 * {@link dev.pixkit.url.transform.ParserLimits}); {@link dev.pixkit.url.transform.TransformationFormatter} writes
 * them back in canonical form. Everything else in the package is their package-private machinery.
 */
package dev.pixkit.url.transform;
