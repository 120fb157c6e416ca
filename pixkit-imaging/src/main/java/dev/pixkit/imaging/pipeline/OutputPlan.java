package dev.pixkit.imaging.pipeline;

import dev.pixkit.imaging.ImageEncoder;
import dev.pixkit.imaging.ImageFormat;
import dev.pixkit.imaging.ImageHeader;
import dev.pixkit.url.transform.Output;
import dev.pixkit.url.transform.Step;
import dev.pixkit.url.transform.Transformation;
import dev.pixkit.url.transform.TransformationException;

/**
 * The output settings of a render, decided before loading (the loader must know whether to read every frame).
 *
 * <p>{@code f q pr lo md cp orig} may be given in any chain step; for each, the last step that gives it wins.
 * Format rules:
 * <ul>
 *   <li>{@code f-jpg|png|webp|avif|gif}: that format ({@link TransformationException} {@code UNSUPPORTED} if this
 *       libvips cannot write it).</li>
 *   <li>{@code f-auto}: AVIF if accepted, else WebP if accepted, else PNG when the result has an alpha channel, else
 *       JPEG; the response varies on Accept. An animated source skips AVIF (libvips writes still AVIF only): WebP if
 *       accepted, else GIF, so it stays animated.</li>
 *   <li>{@code f-orig} or no {@code f}: the source's format when Pixkit can write it, else PNG with alpha / JPEG
 *       without.</li>
 * </ul>
 * An animated GIF/WebP source stays animated when the output format is GIF or WebP; any other output gets the first
 * frame.
 *
 * @param output  the merged output parameters
 * @param format  the output format, or null for "PNG if the final image has alpha, else JPEG"
 * @param animate true to load and encode every frame
 * @param varyOnAccept true for {@code f-auto}
 */
record OutputPlan(Output output, ImageFormat format, boolean animate, boolean varyOnAccept) {

    static final int DEFAULT_QUALITY = 80;

    static OutputPlan of(Transformation t, ImageHeader source, RenderRequest.Accept accept) {
        Output o = merge(t);
        boolean animatedSource = source.pages() > 1
                && (source.format() == ImageFormat.GIF || source.format() == ImageFormat.WEBP);
        Output.Format f = o.format() == null ? Output.Format.ORIG : o.format();
        ImageFormat format = switch (f) {
            case JPG -> explicit(ImageFormat.JPEG, f);
            case PNG -> explicit(ImageFormat.PNG, f);
            case WEBP -> explicit(ImageFormat.WEBP, f);
            case AVIF -> explicit(ImageFormat.AVIF, f);
            case GIF -> explicit(ImageFormat.GIF, f);
            case AUTO -> auto(animatedSource, accept);
            case ORIG -> source.format().isWritable() && ImageEncoder.canSave(source.format()) ? source.format() : null;
        };
        boolean animate = animatedSource && (format == ImageFormat.GIF || format == ImageFormat.WEBP);
        return new OutputPlan(o, format, animate, f == Output.Format.AUTO);
    }

    private static ImageFormat explicit(ImageFormat format, Output.Format f) {
        if (!ImageEncoder.canSave(format)) {
            throw new TransformationException(TransformationException.Kind.UNSUPPORTED, "f-" + f.token(),
                    "Unsupported transformation parameter \"f-" + f.token() + "\": "
                            + ImageEncoder.saveSupport(format).detail());
        }
        return format;
    }

    private static ImageFormat auto(boolean animated, RenderRequest.Accept accept) {
        if (!animated && accept.avif() && ImageEncoder.canSave(ImageFormat.AVIF)) {
            return ImageFormat.AVIF;
        }
        if (accept.webp() && ImageEncoder.canSave(ImageFormat.WEBP)) {
            return ImageFormat.WEBP;
        }
        if (animated && ImageEncoder.canSave(ImageFormat.GIF)) {
            return ImageFormat.GIF;
        }
        return null;
    }

    /** Last value given wins, per parameter. */
    static Output merge(Transformation t) {
        Output.Format format = null;
        Integer quality = null;
        Boolean progressive = null;
        Boolean lossless = null;
        Boolean metadata = null;
        Boolean colorProfile = null;
        Boolean original = null;
        for (Step s : t.steps()) {
            Output o = s.output();
            format = o.format() != null ? o.format() : format;
            quality = o.quality() != null ? o.quality() : quality;
            progressive = o.progressive() != null ? o.progressive() : progressive;
            lossless = o.lossless() != null ? o.lossless() : lossless;
            metadata = o.metadata() != null ? o.metadata() : metadata;
            colorProfile = o.colorProfile() != null ? o.colorProfile() : colorProfile;
            original = o.original() != null ? o.original() : original;
        }
        return new Output(format, quality, progressive, lossless, metadata, colorProfile, original);
    }

    /** {@code orig-true} anywhere in the chain. */
    static boolean original(Transformation t) {
        return Boolean.TRUE.equals(merge(t).original());
    }

    int quality() {
        return output.quality() == null ? DEFAULT_QUALITY : Math.max(1, Math.min(100, output.quality()));
    }

    boolean progressive() {
        return Boolean.TRUE.equals(output.progressive());
    }

    boolean lossless() {
        return Boolean.TRUE.equals(output.lossless());
    }

    boolean keepMetadata() {
        return Boolean.TRUE.equals(output.metadata());
    }

    boolean keepColorProfile() {
        return Boolean.TRUE.equals(output.colorProfile());
    }

    /** The format for a final image: the planned one, or PNG/JPEG by alpha. */
    ImageFormat formatFor(boolean hasAlpha) {
        if (format != null) {
            return format;
        }
        return hasAlpha ? ImageFormat.PNG : ImageFormat.JPEG;
    }
}
