package dev.pixkit.imaging.pipeline;

import dev.pixkit.imaging.pipeline.Geometry.Padding;
import dev.pixkit.imaging.pipeline.Geometry.Placement;
import dev.pixkit.imaging.pipeline.Geometry.Region;
import dev.pixkit.url.transform.Expr;
import dev.pixkit.url.transform.Resize;
import dev.pixkit.url.transform.Resize.Anchor;
import dev.pixkit.url.transform.Resize.CropMode;
import dev.pixkit.url.transform.Resize.CropStrategy;
import dev.pixkit.url.transform.TransformationException;

/** The arithmetic behind {@link Geometry#compute}; the rules are numbered in {@link Geometry}'s javadoc. */
final class GeometryRules {

    private GeometryRules() {}

    static Geometry compute(int sw, int sh, Resize r, Expr.Bindings b, Geometry.Options o) {
        if (sw < 1 || sh < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + sw + "x" + sh);
        }
        Double w = width(r, sw, b, o);
        Double h = dimension(r.height(), sh, b, "h");
        // Rule 4: aspect ratio.
        if (r.aspectRatio() != null && (w == null || h == null)) {
            double ratio = positive(r.aspectRatio().width().eval(b), "ar") / positive(r.aspectRatio().height().eval(b), "ar");
            if (w == null && h == null) {
                throw invalid("ar", "ar must be used along with w or h");
            }
            if (w == null) {
                w = h * ratio;
            } else {
                h = w / ratio;
            }
        }
        if (w == null && h == null) {
            return Geometry.identity(sw, sh); // rule 19
        }
        // Rule 5: dpr.
        double dpr = dpr(r.dpr(), o);
        if (dpr != 1 && fits(w, dpr, o) && fits(h, dpr, o)) {
            w = w == null ? null : w * dpr;
            h = h == null ? null : h * dpr;
        }
        Integer W = w == null ? null : px(w);
        Integer H = h == null ? null : px(h);
        Focus focus = focus(r.focus(), o.customCoordinates());
        CropMode cm = r.cropMode();
        if (cm == CropMode.EXTRACT || cm == CropMode.PAD_EXTRACT || cm == CropMode.PAD_EXTRACT_NO_SHRINK) {
            return extract(sw, sh, W == null ? sw : W, H == null ? sh : H, cm, focus, r, b);
        }
        if (W == null || H == null) {
            return oneSide(sw, sh, W, H, r); // rule 3
        }
        if (cm != null) {
            return padResize(sw, sh, W, H, cm == CropMode.PAD_RESIZE_NO_ENLARGE, focus); // rules 12, 13, 17
        }
        CropStrategy c = r.crop() == null ? CropStrategy.MAINTAIN_RATIO : r.crop();
        return switch (c) {
            case FORCE -> scaled(sw, sh, W, H);
            case AT_MAX -> fit(sw, sh, Math.min(1, Math.min((double) W / sw, (double) H / sh)));
            case AT_MAX_ENLARGE -> fit(sw, sh, Math.min((double) W / sw, (double) H / sh));
            case AT_LEAST -> cover(sw, sh, W, H);
            case MAINTAIN_RATIO -> maintainRatio(sw, sh, W, H, focus, false);
            case MAINTAIN_RATIO_NO_ENLARGE -> maintainRatio(sw, sh, W, H, focus, true);
        };
    }

    // ---- values (rules 1, 2, 5) ------------------------------------------------------------------------------

    private static Double width(Resize r, int sw, Expr.Bindings b, Geometry.Options o) {
        if (r.width() instanceof Resize.Dimension.Auto) {
            return o.hintWidth() == null ? null : positive(o.hintWidth(), "w");
        }
        return dimension(r.width(), sw, b, "w");
    }

    private static Double dimension(Resize.Dimension d, int current, Expr.Bindings b, String name) {
        if (d == null) {
            return null;
        }
        if (!(d instanceof Resize.Dimension.Of(Expr value))) {
            throw invalid(name, name + "-auto is only supported for width");
        }
        double v = positive(value.eval(b), name);
        return v < 1 ? v * current : v;
    }

    private static double dpr(Resize.Dpr dpr, Geometry.Options o) {
        if (dpr == null) {
            return 1;
        }
        double v = dpr instanceof Resize.Dpr.Of(double value) ? value : (o.hintDpr() == null ? 1 : o.hintDpr());
        return positive(v, "dpr");
    }

    private static boolean fits(Double side, double dpr, Geometry.Options o) {
        if (side == null) {
            return true;
        }
        long scaled = Math.round(side * dpr);
        return scaled >= 1 && scaled <= o.maxOutputSide();
    }

    private static double positive(double v, String name) {
        if (!Double.isFinite(v) || v <= 0) {
            throw invalid(name, name + " must be a positive number, got " + v);
        }
        return v;
    }

    /** Rounds half-up to a pixel count of at least 1 (rule 2). */
    static int px(double v) {
        long n = Math.round(v);
        if (n > Integer.MAX_VALUE) {
            return Integer.MAX_VALUE;
        }
        return (int) Math.max(1, n);
    }

    static TransformationException invalid(String parameter, String message) {
        return new TransformationException(TransformationException.Kind.INVALID, parameter,
                "Invalid transformation parameter \"" + parameter + "\": " + message);
    }

    // ---- resize-only modes (rules 3, 7-10) ---------------------------------------------------------------------

    private static Geometry oneSide(int sw, int sh, Integer W, Integer H, Resize r) {
        double scale = W != null ? (double) W / sw : (double) H / sh;
        boolean noEnlarge = r.cropMode() == CropMode.PAD_RESIZE_NO_ENLARGE
                || (r.cropMode() == null && (r.crop() == CropStrategy.AT_MAX
                        || r.crop() == CropStrategy.MAINTAIN_RATIO_NO_ENLARGE));
        if (noEnlarge && scale > 1) {
            return Geometry.identity(sw, sh);
        }
        int rw = W != null ? W : px(sw * scale);
        int rh = H != null ? H : px(sh * scale);
        return scaled(sw, sh, rw, rh);
    }

    private static Geometry fit(int sw, int sh, double scale) {
        return scaled(sw, sh, px(sw * scale), px(sh * scale));
    }

    private static Geometry cover(int sw, int sh, int W, int H) {
        double scale = Math.max((double) W / sw, (double) H / sh);
        return scaled(sw, sh, Math.max(W, px(sw * scale)), Math.max(H, px(sh * scale)));
    }

    private static Geometry scaled(int sw, int sh, int rw, int rh) {
        return new Geometry(sw, sh, Region.whole(sw, sh), rw, rh, Padding.NONE, rw, rh);
    }

    // ---- maintain ratio (rules 6, 11) --------------------------------------------------------------------------

    private static Geometry maintainRatio(int sw, int sh, int W, int H, Focus focus, boolean noEnlarge) {
        double scale = Math.max((double) W / sw, (double) H / sh);
        // The cover crop mapped back into the input: the largest W:H region (one side is the whole input side).
        int cw = Math.min(sw, px(W / scale));
        int ch = Math.min(sh, px(H / scale));
        if ((double) W / sw >= (double) H / sh) {
            cw = sw;
        } else {
            ch = sh;
        }
        Region region = place(sw, sh, cw, ch, focus, null, null, null, null);
        if (noEnlarge && scale > 1) {
            return new Geometry(sw, sh, region, cw, ch, Padding.NONE, cw, ch);
        }
        return new Geometry(sw, sh, region, W, H, Padding.NONE, W, H);
    }

    // ---- pad resize (rules 12, 13) ------------------------------------------------------------------------------

    private static Geometry padResize(int sw, int sh, int W, int H, boolean noEnlarge, Focus focus) {
        double scale = Math.min((double) W / sw, (double) H / sh);
        if (noEnlarge) {
            scale = Math.min(1, scale);
        }
        int rw = Math.min(W, px(sw * scale));
        int rh = Math.min(H, px(sh * scale));
        Padding padding = pad(W - rw, H - rh, focus.anchor());
        return new Geometry(sw, sh, Region.whole(sw, sh), rw, rh, padding, W, H);
    }

    /** Splits free space by where the image sits: an anchor's side gets no padding, centre splits evenly. */
    private static Padding pad(int freeX, int freeY, Anchor anchor) {
        int left = switch (horizontal(anchor)) {
            case -1 -> 0;
            case 1 -> freeX;
            default -> freeX / 2;
        };
        int top = switch (vertical(anchor)) {
            case -1 -> 0;
            case 1 -> freeY;
            default -> freeY / 2;
        };
        return new Padding(top, freeX - left, freeY - top, left);
    }

    // ---- extract (rules 14-16) ----------------------------------------------------------------------------------

    private static Geometry extract(int sw, int sh, int W, int H, CropMode cm, Focus focus, Resize r,
            Expr.Bindings b) {
        Double x = value(r.x(), b);
        Double y = value(r.y(), b);
        Double xc = value(r.xCenter(), b);
        Double yc = value(r.yCenter(), b);
        if (x != null && xc != null) {
            throw invalid("xc", "x and xc cannot be used together");
        }
        if (y != null && yc != null) {
            throw invalid("yc", "y and yc cannot be used together");
        }
        boolean padX = W > sw && cm != CropMode.EXTRACT;
        boolean padY = H > sh && cm != CropMode.EXTRACT;
        boolean shrinkless = cm == CropMode.PAD_EXTRACT_NO_SHRINK;
        int cw = Math.min(W, sw);
        int ch = Math.min(H, sh);
        if (shrinkless) {
            cw = sw;
            ch = sh;
        }
        // Coordinates position the cut; an axis that is kept whole (padded, or no_shrink) ignores them.
        boolean wholeX = shrinkless || padX;
        boolean wholeY = shrinkless || padY;
        Region region = place(sw, sh, cw, ch, focus, wholeX ? null : x, wholeY ? null : y, wholeX ? null : xc,
                wholeY ? null : yc);
        int outW = shrinkless ? Math.max(W, sw) : (padX ? W : cw);
        int outH = shrinkless ? Math.max(H, sh) : (padY ? H : ch);
        Padding padding = pad(outW - cw, outH - ch, focus.anchor());
        return new Geometry(sw, sh, region, cw, ch, padding, outW, outH);
    }

    private static Double value(Expr e, Expr.Bindings b) {
        if (e == null) {
            return null;
        }
        double v = e.eval(b);
        if (!Double.isFinite(v)) {
            throw invalid("x", "coordinate is not a finite number: " + v);
        }
        return v;
    }

    /**
     * Places a cw×ch region in a sw×sh image: explicit coordinates (validated), else the focus (anchor, custom
     * centre, or content-aware with a centred fallback).
     */
    private static Region place(int sw, int sh, int cw, int ch, Focus focus, Double x, Double y, Double xc,
            Double yc) {
        Placement placement = focus.placement();
        int left;
        int top;
        if (x != null || xc != null) {
            left = x != null ? (int) Math.round(x) : (int) Math.round(xc - cw / 2.0);
            checkInside(left, cw, sw, x != null ? "x" : "xc");
            placement = Placement.FIXED;
        } else {
            left = focus.left(sw, cw);
        }
        if (y != null || yc != null) {
            top = y != null ? (int) Math.round(y) : (int) Math.round(yc - ch / 2.0);
            checkInside(top, ch, sh, y != null ? "y" : "yc");
            placement = Placement.FIXED;
        } else {
            top = focus.top(sh, ch);
        }
        return new Region(left, top, cw, ch, placement);
    }

    private static void checkInside(int start, int size, int limit, String parameter) {
        if (start < 0 || start + size > limit) {
            throw invalid(parameter, "the " + size + " px region at " + start + " goes beyond the image (" + limit
                    + " px)");
        }
    }

    private static int horizontal(Anchor a) {
        if (a == null) {
            return 0;
        }
        return switch (a) {
            case LEFT, TOP_LEFT, BOTTOM_LEFT -> -1;
            case RIGHT, TOP_RIGHT, BOTTOM_RIGHT -> 1;
            default -> 0;
        };
    }

    private static int vertical(Anchor a) {
        if (a == null) {
            return 0;
        }
        return switch (a) {
            case TOP, TOP_LEFT, TOP_RIGHT -> -1;
            case BOTTOM, BOTTOM_LEFT, BOTTOM_RIGHT -> 1;
            default -> 0;
        };
    }

    private static Focus focus(Resize.Focus fo, CustomCoordinates custom) {
        if (fo == null) {
            return new Focus(Anchor.CENTER, Placement.FIXED, null);
        }
        return switch (fo) {
            case Anchor a -> new Focus(a, Placement.FIXED, null);
            case Resize.Focus.Auto _, Resize.Focus.ObjectName _ -> new Focus(null, Placement.ATTENTION, null);
            case Resize.Focus.Face _ -> new Focus(null, Placement.FACE, null);
            case Resize.Focus.Custom _ -> custom == null
                    ? new Focus(Anchor.CENTER, Placement.FIXED, null)
                    : new Focus(null, Placement.CUSTOM, custom);
        };
    }

    /** Where a region goes: an anchor, a custom centre, or content-aware (centred fallback). */
    private record Focus(Anchor anchor, Placement placement, CustomCoordinates custom) {
        int left(int size, int part) {
            if (custom != null) {
                return clamp((int) Math.round(custom.centerX() - part / 2.0), size - part);
            }
            return switch (horizontal(anchor)) {
                case -1 -> 0;
                case 1 -> size - part;
                default -> (size - part) / 2;
            };
        }

        int top(int size, int part) {
            if (custom != null) {
                return clamp((int) Math.round(custom.centerY() - part / 2.0), size - part);
            }
            return switch (vertical(anchor)) {
                case -1 -> 0;
                case 1 -> size - part;
                default -> (size - part) / 2;
            };
        }

        private static int clamp(int v, int max) {
            return Math.max(0, Math.min(max, v));
        }
    }
}
