package dev.pixkit.imaging.pipeline;

import java.util.Objects;

/**
 * A render request goes beyond one of the {@link RenderLimits}. Raised before the offending image is decoded (source
 * pixels come from a header probe; sizes, chain length and layer depth from the transformation and the geometry).
 * Servers answer {@link #httpStatus()}: 413 for {@link Limit#SOURCE_PIXELS}, 400 for the others.
 */
public final class LimitExceededException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Which limit, named after its {@link RenderLimits} component. */
    public enum Limit {
        SOURCE_PIXELS("maxSourcePixels", 413),
        OUTPUT_SIDE("maxOutputSide", 400),
        CHAIN_LENGTH("maxChainLength", 400),
        LAYER_DEPTH("maxLayerDepth", 400);

        private final String setting;
        private final int httpStatus;

        Limit(String setting, int httpStatus) {
            this.setting = setting;
            this.httpStatus = httpStatus;
        }

        /** The {@link RenderLimits} component, e.g. {@code maxSourcePixels}. */
        public String setting() {
            return setting;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Limit limit;
    private final long value;
    private final long max;

    public LimitExceededException(Limit limit, long value, long max, String what) {
        super(what + ": " + value + " is more than " + Objects.requireNonNull(limit, "limit").setting() + "=" + max);
        this.limit = limit;
        this.value = value;
        this.max = max;
    }

    public Limit limit() {
        return limit;
    }

    /** The value that was too large. */
    public long value() {
        return value;
    }

    /** The configured maximum. */
    public long max() {
        return max;
    }

    /** 413 (payload too large) for source pixels, 400 for the rest. */
    public int httpStatus() {
        return limit.httpStatus();
    }
}
