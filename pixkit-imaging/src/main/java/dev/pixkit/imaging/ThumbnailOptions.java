package dev.pixkit.imaging;

/**
 * How to load-and-shrink an image with libvips' {@code thumbnail} (shrink-on-load where the format
 * allows, e.g. JPEG DCT scaling, WebP/HEIF/PDF/SVG scaled rendering).
 *
 * @param width    target width, or 0 for "any width" (height then drives the size)
 * @param height   target height, or 0 for "any height" (width then drives the size)
 * @param size     whether to only shrink, only enlarge, both, or force the exact box
 * @param crop     how to crop to exactly fill {@code width x height}; only used when both are set
 * @param noRotate true to keep the stored orientation instead of applying EXIF orientation
 * @param failOn   how strictly the loader treats damaged input
 */
public record ThumbnailOptions(int width, int height, Size size, Crop crop, boolean noRotate, FailOn failOn) {

    /** libvips' largest coordinate ({@code VIPS_MAX_COORD}); stands in for "unconstrained". */
    static final int UNCONSTRAINED = 10_000_000;

    public ThumbnailOptions {
        if (width < 0 || height < 0 || (width == 0 && height == 0)) {
            throw new IllegalArgumentException("need width > 0 and/or height > 0, got " + width + "x" + height);
        }
        if (width > UNCONSTRAINED || height > UNCONSTRAINED) {
            throw new IllegalArgumentException("dimensions must be <= " + UNCONSTRAINED);
        }
        if (size == null || crop == null || failOn == null) {
            throw new NullPointerException("size, crop and failOn are required");
        }
        if (size == Size.FORCE && (width == 0 || height == 0)) {
            throw new IllegalArgumentException("Size.FORCE needs both width and height");
        }
    }

    /** Fit within {@code width} pixels wide, any height; shrink or enlarge. */
    public static ThumbnailOptions width(int width) {
        return new ThumbnailOptions(width, 0, Size.BOTH, Crop.NONE, false, FailOn.NONE);
    }

    /** Fit within {@code height} pixels high, any width; shrink or enlarge. */
    public static ThumbnailOptions height(int height) {
        return new ThumbnailOptions(0, height, Size.BOTH, Crop.NONE, false, FailOn.NONE);
    }

    /** Fit inside a {@code width x height} box, keeping aspect ratio; shrink or enlarge. */
    public static ThumbnailOptions box(int width, int height) {
        return new ThumbnailOptions(width, height, Size.BOTH, Crop.NONE, false, FailOn.NONE);
    }

    public ThumbnailOptions withSize(Size size) {
        return new ThumbnailOptions(width, height, size, crop, noRotate, failOn);
    }

    public ThumbnailOptions withCrop(Crop crop) {
        return new ThumbnailOptions(width, height, size, crop, noRotate, failOn);
    }

    public ThumbnailOptions withNoRotate(boolean noRotate) {
        return new ThumbnailOptions(width, height, size, crop, noRotate, failOn);
    }

    public ThumbnailOptions withFailOn(FailOn failOn) {
        return new ThumbnailOptions(width, height, size, crop, noRotate, failOn);
    }

    /** libvips {@code VipsSize}. */
    public enum Size {
        /** Shrink or enlarge to fit. */
        BOTH,
        /** Only enlarge. */
        UP,
        /** Only shrink (never upscale). */
        DOWN,
        /** Ignore aspect ratio and produce exactly {@code width x height}. */
        FORCE
    }

    /** libvips {@code VipsInteresting}: which part to keep when cropping to fill the box. */
    public enum Crop {
        /** No crop: fit inside the box. */
        NONE,
        CENTRE,
        ENTROPY,
        ATTENTION,
        LOW,
        HIGH,
        ALL
    }

    /** libvips {@code VipsFailOn}: the damage level at which loading fails instead of continuing. */
    public enum FailOn {
        /** Never fail; decode what can be decoded (libvips' default). */
        NONE,
        /** Fail on truncated input. */
        TRUNCATED,
        /** Fail on decoder errors. */
        ERROR,
        /** Fail on any decoder warning. */
        WARNING
    }
}
