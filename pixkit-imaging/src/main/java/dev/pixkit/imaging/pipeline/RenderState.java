package dev.pixkit.imaging.pipeline;

import dev.pixkit.imaging.ImageFormat;

/** What one render carries across its steps and final stages. */
final class RenderState {

    /** Which metadata the encoder keeps. */
    enum Keep {
        /** Nothing (the default, ImageKit strips metadata unless {@code md-true}). */
        NONE,
        /** Only the ICC profile ({@code cp-true}). */
        ICC,
        /** Everything ({@code md-true}). */
        ALL
    }

    final RenderRequest request;
    final LimitsChecker limits;
    final OutputPlan plan;
    /** The main source; set when its chain starts. */
    SourceImage mainSource;
    /** True if the main source may be read top to bottom only ({@code access=sequential}). */
    boolean sequential;
    Keep keep = Keep.NONE;
    byte[] bytes;
    ImageFormat format;

    RenderState(RenderRequest request, LimitsChecker limits, OutputPlan plan) {
        this.request = request;
        this.limits = limits;
        this.plan = plan;
    }
}
