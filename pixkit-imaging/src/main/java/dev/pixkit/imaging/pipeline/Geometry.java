package dev.pixkit.imaging.pipeline;

import dev.pixkit.url.transform.Expr;
import dev.pixkit.url.transform.Resize;
import dev.pixkit.url.transform.TransformationException;
import java.util.Objects;

/**
 * Every size and offset of one chain step's resize / crop / pad, computed once from the image size the step starts
 * with ({@code cw × ch}) before any pixel work. Pure arithmetic: no libvips. The stages apply it in order:
 * {@link #crop()} (a region of the input, in input coordinates) → scale it to {@link #resizeWidth()} ×
 * {@link #resizeHeight()} → add {@link #padding()} → {@link #outputWidth()} × {@link #outputHeight()}.
 * Both ImageKit's "crop after resize" ({@code c-maintain_ratio}) and its "extract before resize" ({@code cm-extract})
 * are expressed as that one input region: cropping the cover-scaled image is the same as cropping the matching
 * region of the input and scaling it (and cheaper).
 *
 * <h2>Rules</h2>
 * Sources: <b>[RC]</b> ImageKit, "Resize, crop and other common transformations"
 * (docs.imagekit.io/features/image-transformations/resize-crop-and-other-transformations, now
 * imagekit.io/docs/image-resize-and-crop), whose examples use {@code plant.jpeg}, 640×865; <b>[REF]</b> Pixkit's
 * ImageKit reference notes (shared/imagekit/REFERENCE.md §2.2); <b>[API]</b> ImageKit's OpenAPI spec, schema
 * {@code Transformation} (shared/imagekit/openapi.yaml); <b>[D]</b> decided here where the sources are silent (each
 * covered by a test row in {@code GeometryTest}).
 * <ol>
 *   <li><b>Values.</b> {@code w}/{@code h} are pixels; a value with 0 &lt; v &lt; 1 is a fraction of the current
 *       image's width/height [RC "Width/Height"], whether written as a number or computed by an expression — the
 *       expression is evaluated first and "transformations are applied using that value" [RC, expressions]. The
 *       current image is the step's input ({@code cw/ch}), so fractions chain [D]. A value ≤ 0, NaN or infinite is a
 *       {@link TransformationException} ({@code INVALID}) [D].</li>
 *   <li><b>Rounding.</b> Sizes are computed in floating point and rounded half-up once, at the end; a size never
 *       rounds below 1 [D]. [RC]'s at_max example (640×865 in 300×200 → 148×200, 147.98 rounded) and
 *       at_max_enlarge example (850×1000 → 740×1000, 739.88) confirm rounding to nearest, not truncation. Centring
 *       offsets are floored, so an odd remainder puts the extra pixel right/bottom [D].</li>
 *   <li><b>One of w/h.</b> The other follows from the aspect ratio and nothing is cropped [RC "Crop, crop modes and
 *       focus", REF]. It scales up as well as down, except under {@code c-at_max}, {@code c-maintain_ratio_no_enlarge}
 *       and {@code cm-pad_resize_no_enlarge}, which never enlarge [RC at_max; D for the _no_enlarge modes, by
 *       their name]. With {@code cm-extract}/{@code cm-pad_extract*} the missing side is the whole current side
 *       (extract a full-height strip) [D].</li>
 *   <li><b>ar.</b> {@code ar-W-H} with only w or only h gives the other side; with both, ar is ignored [RC, API];
 *       ar with neither is a {@link TransformationException} ({@code INVALID}) ("must be used along with either h or w") [RC].</li>
 *   <li><b>dpr.</b> Multiplies w and h (after ar) [RC, REF]. It needs w or h; alone it is ignored [RC "can only be
 *       used when either height or width is specified"]. If the multiplied w or h would be below 1 px or above the
 *       largest allowed output side, dpr is ignored and w/h are used as written [RC: "less than 1px or greater than
 *       5000px, the value of DPR is not considered"; Pixkit uses its configured {@code maxOutputSide} in place of
 *       ImageKit's 5000]. {@code dpr-auto} uses the DPR client hint, else 1. x/y/xc/yc are not multiplied [D].</li>
 *   <li><b>Default, {@code c-maintain_ratio}.</b> With w and h: exactly w×h, aspect ratio kept, the excess cropped
 *       [RC]: scale by max(w/cw, h/ch) (cover), cut w×h, centred unless {@code fo} says otherwise [RC "By default
 *       ImageKit.io extracts the image from the center"]. May enlarge (the {@code _no_enlarge} variant exists) [D].
 *       </li>
 *   <li><b>{@code c-force}.</b> Exactly w×h, squeezed, nothing cropped [RC].</li>
 *   <li><b>{@code c-at_max}.</b> Fit inside w×h keeping the ratio; one side matches; never enlarged — if the box is
 *       larger the original size is returned [RC].</li>
 *   <li><b>{@code c-at_max_enlarge}.</b> Fit inside w×h, may enlarge [RC].</li>
 *   <li><b>{@code c-at_least}.</b> Cover w×h keeping the ratio, one side matches, the other is ≥, no crop [RC: 640×865
 *       at 300×200 → 300×405]. May enlarge [D, "always at least as large as the container"].</li>
 *   <li><b>{@code c-maintain_ratio_no_enlarge}.</b> As maintain_ratio when that shrinks; when it would enlarge, the
 *       largest w:h region of the image is cut at {@code fo} and returned unscaled (output smaller than w×h, same
 *       aspect ratio) [D; sources name the mode only].</li>
 *   <li><b>{@code cm-pad_resize}.</b> Fit inside w×h (may enlarge), then pad to exactly w×h with {@code bg}; padding
 *       is split evenly unless {@code fo-left/right/top/bottom} (or a corner) moves the image to that side, putting
 *       all padding on the other [RC "All padding on one side"]. Other {@code fo} values centre [D].</li>
 *   <li><b>{@code cm-pad_resize_no_enlarge}.</b> As pad_resize, but the image is never enlarged: a smaller image is
 *       padded at its own size to w×h [D, by name].</li>
 *   <li><b>{@code cm-extract}.</b> Cut a w×h region without resizing [RC]: at {@code x,y} (top-left) or
 *       {@code xc,yc} (centre) [RC], else at the {@code fo} anchor (centre by default), {@code fo-auto}/{@code face}
 *       content-aware, {@code fo-custom} centred on the custom area. A region larger than the image is clamped to
 *       the image [D]; a region at explicit coordinates that does not lie inside the image is a
 *       {@link TransformationException} ({@code INVALID}) [RC "if … goes beyond the bounds of the original image, the crop will fail"]. A
 *       coordinate without its partner (x without y) takes the {@code fo} anchor on the other axis [D]; x with xc,
 *       or y with yc, is a {@link TransformationException} ({@code INVALID}) [D].</li>
 *   <li><b>{@code cm-pad_extract}.</b> Exactly w×h: along an axis where the image is larger it is cut as in extract,
 *       where it is smaller it is kept whole and padded with {@code bg} (placed by {@code fo}, centred by default)
 *       [RC: a 600×600 image at w-700,h-700 gives 700×700].</li>
 *   <li><b>{@code cm-pad_extract_no_shrink}.</b> Pads like pad_extract but never cuts the image: the output is
 *       max(w, cw) × max(h, ch) [D, by name].</li>
 *   <li><b>c with cm.</b> A crop mode ({@code cm}) decides the geometry; {@code c} is then ignored [D].</li>
 *   <li><b>{@code fo}.</b> The nine anchors place crops and padding [RC]. {@code fo-auto} and object names are
 *       content-aware (libvips attention); {@code fo-face} is content-aware too ({@link Placement#FACE}; Pixkit has
 *       no face detector, see {@code CropStep}). {@code fo-custom} centres the crop on the file's customCoordinates
 *       when known (first chain step only, where the coordinates still apply), else centres [RC "custom focus works
 *       for extract and maintain ratio"; D for the placement]. {@code z} (zoom) is not applied [D].</li>
 *   <li><b>No w, no h.</b> Nothing is resized, cropped or padded; x/y/xc/yc/fo/c/cm alone do nothing [D].</li>
 * </ol>
 *
 * @param inputWidth   width of the image the step starts with
 * @param inputHeight  height of the image the step starts with (one frame for animations)
 * @param crop         the part of the input kept, in input coordinates (the whole input when nothing is cut)
 * @param resizeWidth  width the crop is scaled to (equal to the crop's width when not scaled)
 * @param resizeHeight height the crop is scaled to
 * @param padding      added around the scaled crop ({@link Padding#NONE} when none)
 * @param outputWidth  final width: resizeWidth + padding left + right
 * @param outputHeight final height: resizeHeight + padding top + bottom
 */
public record Geometry(
        int inputWidth,
        int inputHeight,
        Region crop,
        int resizeWidth,
        int resizeHeight,
        Padding padding,
        int outputWidth,
        int outputHeight) {

    public Geometry {
        Objects.requireNonNull(crop, "crop");
        Objects.requireNonNull(padding, "padding");
        if (outputWidth != resizeWidth + padding.left() + padding.right()
                || outputHeight != resizeHeight + padding.top() + padding.bottom()) {
            throw new IllegalArgumentException("output size must be the resized size plus padding");
        }
        if (crop.left() < 0 || crop.top() < 0 || crop.left() + crop.width() > inputWidth
                || crop.top() + crop.height() > inputHeight) {
            throw new IllegalArgumentException("crop " + crop + " is outside the " + inputWidth + "x" + inputHeight
                    + " input");
        }
    }

    /** How a crop region is placed. */
    public enum Placement {
        /** At the computed offsets (anchor, coordinates or centre). */
        FIXED,
        /** At offsets computed from the file's customCoordinates ({@code fo-custom}). */
        CUSTOM,
        /** Content-aware: libvips {@code smartcrop} with {@code interesting=attention} chooses the offsets. */
        ATTENTION,
        /** {@code fo-face}: rendered like {@link #ATTENTION} (no face detector in Pixkit). */
        FACE;

        /** True if the offsets are chosen from the pixels at render time. */
        public boolean isContentAware() {
            return this == ATTENTION || this == FACE;
        }
    }

    /**
     * A rectangle of the input. For content-aware placements, left/top are the centred fallback and the crop stage
     * chooses the real offsets.
     */
    public record Region(int left, int top, int width, int height, Placement placement) {
        public Region {
            Objects.requireNonNull(placement, "placement");
            if (width < 1 || height < 1) {
                throw new IllegalArgumentException("region must be at least 1x1, got " + width + "x" + height);
            }
        }

        static Region whole(int width, int height) {
            return new Region(0, 0, width, height, Placement.FIXED);
        }
    }

    /** Pixels added on each side. */
    public record Padding(int top, int right, int bottom, int left) {
        public static final Padding NONE = new Padding(0, 0, 0, 0);

        public Padding {
            if (top < 0 || right < 0 || bottom < 0 || left < 0) {
                throw new IllegalArgumentException("negative padding");
            }
        }

        public boolean isNone() {
            return top == 0 && right == 0 && bottom == 0 && left == 0;
        }
    }

    /**
     * What the computation needs beyond the step's parameters.
     *
     * @param maxOutputSide     the largest side dpr may produce before it is ignored (rule 5)
     * @param customCoordinates the file's focus area for {@code fo-custom}, or null
     * @param hintWidth         {@code Sec-CH-Width} for {@code w-auto}, or null (then w-auto is ignored)
     * @param hintDpr           {@code Sec-CH-DPR} for {@code dpr-auto}, or null (then 1)
     */
    public record Options(int maxOutputSide, CustomCoordinates customCoordinates, Double hintWidth, Double hintDpr) {
        public static final Options DEFAULT = new Options(RenderLimits.DEFAULT_MAX_OUTPUT_SIDE, null, null, null);

        public Options withCustomCoordinates(CustomCoordinates value) {
            return new Options(maxOutputSide, value, hintWidth, hintDpr);
        }
    }

    /** The identity: the whole input, unscaled, unpadded. */
    public static Geometry identity(int width, int height) {
        return new Geometry(width, height, Region.whole(width, height), width, height, Padding.NONE, width, height);
    }

    /**
     * Computes the geometry of {@code resize} on a {@code width × height} image.
     *
     * @param bindings the sizes expressions see ({@code cw/ch} should equal width/height)
     * @throws TransformationException ({@link TransformationException.Kind#INVALID}) for values and combinations that cannot be rendered
     */
    public static Geometry compute(int width, int height, Resize resize, Expr.Bindings bindings, Options options) {
        return GeometryRules.compute(width, height, resize == null ? Resize.NONE : resize, bindings, options);
    }

    /** True if part of the input is cut away. */
    public boolean crops() {
        return crop.left() != 0 || crop.top() != 0 || crop.width() != inputWidth || crop.height() != inputHeight;
    }

    /** True if the cropped region is scaled. */
    public boolean resizes() {
        return resizeWidth != crop.width() || resizeHeight != crop.height();
    }

    /** True if padding is added. */
    public boolean pads() {
        return !padding.isNone();
    }

    /** True if the step leaves the size alone. */
    public boolean isIdentity() {
        return !crops() && !resizes() && !pads();
    }
}
