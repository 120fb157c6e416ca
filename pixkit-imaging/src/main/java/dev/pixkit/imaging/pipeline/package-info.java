/**
 * The rendering pipeline: a stored image plus a {@link dev.pixkit.url.transform.Transformation} in, encoded bytes out.
 *
 * <p>Public API: {@link dev.pixkit.imaging.pipeline.Renderer#render} takes a
 * {@link dev.pixkit.imaging.pipeline.RenderRequest} (source file, transformation, accepted formats, layer-file
 * resolver, custom coordinates, client hints, {@link dev.pixkit.imaging.pipeline.RenderLimits}) and returns a
 * {@link dev.pixkit.imaging.pipeline.RenderResult}. Limits are enforced before decoding and reported as
 * {@link dev.pixkit.imaging.pipeline.LimitExceededException}. Each chain step's sizes come from
 * {@link dev.pixkit.imaging.pipeline.Geometry} (pure arithmetic; its javadoc lists ImageKit's resize/crop rules and
 * their sources).
 *
 * <p>Inside, one package-private class per stage ({@code PipelineStep}), run in the fixed order documented there.
 */
package dev.pixkit.imaging.pipeline;
