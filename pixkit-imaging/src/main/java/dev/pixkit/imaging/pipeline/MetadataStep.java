package dev.pixkit.imaging.pipeline;

import dev.pixkit.imaging.vips.VipsImage;

/**
 * After the colour stage: decides which metadata the encoder writes. By default nothing (EXIF, XMP, IPTC, comments
 * and the ICC profile are stripped) [ImageKit: {@code md} "keep metadata", default false]; {@code md-true} keeps
 * everything; {@code cp-true} alone keeps only the ICC profile. libvips 8.15+ savers take this as {@code keep};
 * older ones only know {@code strip}, so for "ICC only" the other metadata fields are removed from the image here.
 */
final class MetadataStep implements PipelineStep {

    private static final String[] NON_ICC = {"exif-data", "xmp-data", "iptc-data"};

    @Override
    public void apply(StepContext ctx) {
        RenderState state = ctx.state();
        if (state == null) {
            return;
        }
        if (state.plan.keepMetadata()) {
            state.keep = RenderState.Keep.ALL;
        } else if (state.plan.keepColorProfile() && ctx.image().hasField(ColourProfileStep.ICC)) {
            state.keep = RenderState.Keep.ICC;
            VipsImage image = ctx.image();
            for (String field : NON_ICC) {
                if (image.hasField(field)) {
                    ctx.replace(image.without(field));
                    image = ctx.image();
                }
            }
        } else {
            state.keep = RenderState.Keep.NONE;
        }
    }
}
