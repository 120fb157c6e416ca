package dev.pixkit.url.transform;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCases;
import net.jqwik.api.ExhaustiveGenerator;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * jqwik generators for every value {@link TransformationParser} can return: each component in its parser range,
 * nulls for "not given", expressions in the shapes the flat {@code _op_} syntax produces, and layers nested to the
 * default depth of 3.
 */
final class Generators {
    private static final double NULL = 0.5;

    private Generators() {}

    // ------------------------------------------------------------------ scalars

    /** Finite non-negative doubles: integers, short decimals, and full-precision values. */
    static Arbitrary<Double> number(double min, double max) {
        Arbitrary<Double> numbers = Arbitraries.frequencyOf(
                        weighted(3, Arbitraries.integers().between((int) Math.ceil(min), (int) Math.floor(max))
                                .map(Integer::doubleValue)),
                        weighted(3, Arbitraries.bigDecimals().between(BigDecimal.valueOf(min), BigDecimal.valueOf(max))
                                .ofScale(3).map(BigDecimal::doubleValue)),
                        weighted(1, Arbitraries.randomValue(r -> min + r.nextDouble() * (max - min))))
                .filter(d -> d >= min && d <= max);
        // N0 parses as -0.0 where negatives are allowed (ly-N0 is flush with the bottom) and must round-trip.
        return min < 0 && max >= 0
                ? Arbitraries.frequencyOf(weighted(20, numbers), weighted(1, Arbitraries.just(-0.0)))
                : numbers;
    }

    private static <T> Tuple2<Integer, Arbitrary<? extends T>> weighted(int weight, Arbitrary<? extends T> a) {
        return Tuple.of(weight, cached(a));
    }

    /** {@code Arbitraries.oneOf} over {@link #cached} choices. */
    @SafeVarargs
    static <T> Arbitrary<T> oneOf(Arbitrary<? extends T>... choices) {
        return Arbitraries.oneOf(java.util.Arrays.stream(choices).<Arbitrary<? extends T>>map(Generators::cached).toList());
    }

    /**
     * {@code a} behind an identity: jqwik memoizes generators by the arbitrary's {@code hashCode}, which for deep
     * combinations (expressions, steps, layers) is recomputed on every draw of a flat-mapped choice and dominated the
     * run time. This wrapper hashes by identity and keeps its generators.
     */
    static <T> Arbitrary<T> cached(Arbitrary<T> a) {
        return a instanceof Cached<T> ? a : new Cached<>(a);
    }

    private static final class Cached<T> implements Arbitrary<T> {
        private final Arbitrary<T> delegate;
        private final Map<String, RandomGenerator<T>> generators = new HashMap<>();

        Cached(Arbitrary<T> delegate) {
            this.delegate = delegate;
        }

        @Override
        public RandomGenerator<T> generator(int genSize) {
            return get(genSize + "", () -> delegate.generator(genSize));
        }

        @Override
        public RandomGenerator<T> generator(int genSize, boolean withEmbeddedEdgeCases) {
            return get(genSize + "/" + withEmbeddedEdgeCases, () -> delegate.generator(genSize, withEmbeddedEdgeCases));
        }

        private RandomGenerator<T> get(String key, Supplier<RandomGenerator<T>> make) {
            synchronized (generators) {
                RandomGenerator<T> g = generators.get(key);
                if (g == null) {
                    g = make.get();
                    generators.put(key, g);
                }
                return g;
            }
        }

        @Override
        public EdgeCases<T> edgeCases(int maxEdgeCases) {
            return delegate.edgeCases(maxEdgeCases);
        }

        @Override
        public Optional<ExhaustiveGenerator<T>> exhaustive(long maxNumberOfSamples) {
            return delegate.exhaustive(maxNumberOfSamples);
        }
    }

    static Arbitrary<Integer> ints(int min, int max) {
        return Arbitraries.integers().between(min, max);
    }

    static <T> Arbitrary<T> opt(Arbitrary<T> a) {
        return a.injectNull(NULL);
    }

    static Arbitrary<Boolean> optTrue() {
        return Arbitraries.just(Boolean.TRUE).injectNull(NULL);
    }

    static Arbitrary<Boolean> optBool() {
        return Arbitraries.of(Boolean.TRUE, Boolean.FALSE).injectNull(NULL);
    }

    static Arbitrary<Color> color() {
        Arbitrary<Integer> alpha = Arbitraries.frequencyOf(
                weighted(1, Arbitraries.just(255)), weighted(1, ints(0, 99).map(Colors::alpha)));
        return Combinators.combine(ints(0, 255), ints(0, 255), ints(0, 255), alpha).as(Color::new);
    }

    /** Valid Unicode (no lone surrogates), non-empty; anything at all otherwise, since ie- base64 can carry it. */
    static Arbitrary<String> anyText() {
        return oneOf(
                        Arbitraries.strings().withChars("abcXYZ019 .-_").ofMinLength(1).ofMaxLength(12),
                        Arbitraries.strings().all().ofMinLength(1).ofMaxLength(12),
                        Arbitraries.strings().withChars("ab ,:-_@/%+=&?#é日😀\n\t").ofMinLength(1).ofMaxLength(12))
                .filter(Generators::validUnicode);
    }

    static boolean validUnicode(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** A path that {@code @@}-syntax can carry ({@code di-}, {@code ff-}): no separators, no ambiguous {@code @}. */
    static Arbitrary<String> plainPath() {
        return Arbitraries.strings().withChars("abcZ09._-/@ é日()+%").ofMinLength(1).ofMaxLength(16)
                .filter(s -> !s.contains("@@") && !s.contains("@/"));
    }

    static Arbitrary<String> name() {
        return Arbitraries.strings().withChars("abcXYZ019_.-").ofMinLength(1).ofMaxLength(20);
    }

    // ------------------------------------------------------------------ expressions

    static Arbitrary<Expr> variable() {
        return Arbitraries.of(Expr.Variable.values()).map(Expr.Var::new);
    }

    /** A literal operand: negative numbers included (written N…). */
    static Arbitrary<Expr> literal() {
        return oneOf(number(0, 100_000), number(0, 1000).map(d -> d == 0 ? 0 : -d)).map(Expr.Num::new);
    }

    static Arbitrary<Expr> operand() {
        return oneOf(literal(), variable());
    }

    private static Arbitrary<Expr> binary(Arbitrary<Expr> left, Arbitrary<Expr.Op> op, Arbitrary<Expr> right) {
        return Combinators.combine(op, left, right).as(Expr.Binary::new);
    }

    /** Right-nested powers of operands: {@code a_pow_b_pow_c}. */
    private static Arbitrary<Expr> power(int depth) {
        if (depth == 0) {
            return operand();
        }
        return Arbitraries.frequencyOf(weighted(2, operand()),
                weighted(1, binary(operand(), Arbitraries.just(Expr.Op.POW), power(depth - 1))));
    }

    /** Left-nested products of powers. */
    private static Arbitrary<Expr> product(int depth) {
        if (depth == 0) {
            return power(1);
        }
        return Arbitraries.frequencyOf(weighted(2, power(1)),
                weighted(1, binary(product(depth - 1), Arbitraries.of(Expr.Op.MUL, Expr.Op.DIV, Expr.Op.MOD), power(1))));
    }

    /** Left-nested sums of products: every tree the parser can produce, up to a few operators. */
    static Arbitrary<Expr> expr() {
        return EXPR;
    }

    private static final Arbitrary<Expr> EXPR = cached(sum(2));

    private static Arbitrary<Expr> sum(int depth) {
        if (depth == 0) {
            return product(1);
        }
        return Arbitraries.frequencyOf(weighted(2, product(1)),
                weighted(1, binary(sum(depth - 1), Arbitraries.of(Expr.Op.ADD, Expr.Op.SUB), product(1))));
    }

    /** An expression that, when it is a plain number, is positive (w, h, ar, fs, lh, border width). */
    static Arbitrary<Expr> positiveExpr() {
        return POSITIVE_EXPR;
    }

    private static final Arbitrary<Expr> POSITIVE_EXPR = cached(oneOf(
                    number(0.001, 100_000).map(Expr.Num::new), variable(), EXPR)
            .filter(e -> !(e instanceof Expr.Num n) || n.value() > 0));

    static Arbitrary<Expr> nonNegativeExpr() {
        return EXPR.filter(e -> !(e instanceof Expr.Num n) || n.value() >= 0);
    }

    // ------------------------------------------------------------------ groups

    @SuppressWarnings("unchecked")
    private static <R> Arbitrary<R> all(Function<List<Object>, R> make, Arbitrary<?>... parts) {
        List<Arbitrary<Object>> list = java.util.Arrays.stream(parts).map(a -> (Arbitrary<Object>) a).toList();
        return Combinators.combine(list).as(make::apply);
    }

    static Arbitrary<Resize.Focus> focus() {
        return oneOf(Arbitraries.of(Resize.Anchor.values()),
                Arbitraries.of(new Resize.Focus.Auto(), new Resize.Focus.Face(), new Resize.Focus.Custom()),
                Arbitraries.of(ResizeParams.OBJECTS).map(Resize.Focus.ObjectName::new));
    }

    static Arbitrary<Resize> resize() {
        Arbitrary<Resize.Dimension> width = oneOf(Arbitraries.just(new Resize.Dimension.Auto()),
                positiveExpr().map(Resize.Dimension.Of::new));
        Arbitrary<Resize.Dpr> dpr = oneOf(Arbitraries.just(new Resize.Dpr.Auto()),
                number(0.1, 5).map(Resize.Dpr.Of::new));
        return all(v -> new Resize((Resize.Dimension) v.get(0), (Resize.Dimension) v.get(1),
                        (Resize.AspectRatio) v.get(2), (Resize.CropStrategy) v.get(3), (Resize.CropMode) v.get(4),
                        (Resize.Focus) v.get(5), (Expr) v.get(6), (Expr) v.get(7), (Expr) v.get(8), (Expr) v.get(9),
                        (Double) v.get(10), (Resize.Dpr) v.get(11)),
                opt(width), opt(positiveExpr().map(Resize.Dimension.Of::new)),
                opt(Combinators.combine(positiveExpr(), positiveExpr()).as(Resize.AspectRatio::new)),
                opt(Arbitraries.of(Resize.CropStrategy.values())), opt(Arbitraries.of(Resize.CropMode.values())),
                opt(focus()), opt(expr()), opt(expr()), opt(expr()), opt(expr()),
                opt(number(0.01, 100)), opt(dpr));
    }

    static Arbitrary<Effects> effects() {
        Arbitrary<Effects.UnsharpMask> usm = Combinators.combine(number(0, 100), number(0.001, 100), number(0, 100),
                number(0, 100)).as(Effects.UnsharpMask::new);
        Arbitrary<Expr> offset = number(-100, 100).map(Expr.Num::new);
        Arbitrary<Effects.Shadow> shadow = Combinators.combine(opt(ints(0, 15)), opt(ints(0, 100)), opt(offset),
                opt(offset)).as(Effects.Shadow::new);
        Arbitrary<Effects.Gradient> gradient = Combinators.combine(opt(ints(0, 359)), opt(color()), opt(color()),
                opt(number(0, 1))).as(Effects.Gradient::new);
        Arbitrary<Effects.Trim> trim = oneOf(Arbitraries.just(new Effects.Trim(null)),
                Arbitraries.just(Effects.Trim.OFF), ints(1, 99).map(Effects.Trim::new));
        return all(v -> new Effects((Integer) v.get(0), (Boolean) v.get(1), (Effects.Sharpen) v.get(2),
                        (Effects.UnsharpMask) v.get(3), (Boolean) v.get(4), (Effects.Shadow) v.get(5),
                        (Effects.Gradient) v.get(6), (Effects.Trim) v.get(7), (Integer) v.get(8)),
                opt(ints(1, 100)), optTrue(), opt(opt(ints(1, 100)).map(Effects.Sharpen::new)), opt(usm), optTrue(),
                opt(shadow), opt(gradient), opt(trim), opt(ints(0, 100)));
    }

    static Arbitrary<Decoration> decoration() {
        Arbitrary<Decoration.Rotation> rotation = oneOf(Arbitraries.just(new Decoration.Rotation.Auto()),
                oneOf(number(0, 720), number(0, 720).map(d -> d == 0 ? 0 : -d))
                        .map(Decoration.Rotation.Degrees::new));
        Arbitrary<Expr> corner = oneOf(number(0, 1000).map(Expr.Num::new), variable());
        Arbitrary<Decoration.Radius> radius = oneOf(Arbitraries.just(new Decoration.Radius.Max()),
                nonNegativeExpr().map(Decoration.Radius.Corners::all),
                Combinators.combine(corner, corner, corner, corner).as(Decoration.Radius.Corners::new));
        Arbitrary<Background> background = oneOf(color(), Arbitraries.just(new Background.Dominant()),
                Combinators.combine(opt(ints(1, 100)), opt(ints(-255, 255))).as(Background.Blurred::new));
        return Combinators.combine(opt(rotation), opt(Arbitraries.of(Decoration.Flip.values())), opt(radius),
                        opt(Combinators.combine(positiveExpr(), color()).as(Decoration.Border::new)), opt(background))
                .as(Decoration::new);
    }

    static Arbitrary<Output> output() {
        return Combinators.combine(opt(Arbitraries.of(Output.Format.values())), opt(ints(1, 100)), optBool(),
                optBool(), optBool(), optBool(), optBool()).as(Output::new);
    }

    private static final Arbitrary<Resize> RESIZE = cached(resize());
    private static final Arbitrary<Effects> EFFECTS = cached(effects());
    private static final Arbitrary<Decoration> DECORATION = cached(decoration());
    private static final Arbitrary<Output> OUTPUT = cached(output());
    private static final Arbitrary<Layer.Position> POSITION = cached(position());
    private static final Arbitrary<Layer.TextStyle> STYLE = cached(style());
    @SuppressWarnings("unchecked")
    private static final Arbitrary<Step>[] STEPS = new Arbitrary[4];
    @SuppressWarnings("unchecked")
    private static final Arbitrary<Layer>[] LAYERS = new Arbitrary[4];
    @SuppressWarnings("unchecked")
    private static final Arbitrary<Transformation>[] TRANSFORMATIONS = new Arbitrary[4];

    /** A step; {@code depth} is the layer depth it is in (0: top level, where n- and di- may appear). */
    static synchronized Arbitrary<Step> step(int depth) {
        if (STEPS[depth] == null) {
            STEPS[depth] = cached(Arbitraries.lazy(() -> newStep(depth)));
        }
        return STEPS[depth];
    }

    static synchronized Arbitrary<Transformation> transformation(int depth) {
        if (TRANSFORMATIONS[depth] == null) {
            TRANSFORMATIONS[depth] = cached(Arbitraries.lazy(
                    () -> step(depth).list().ofMinSize(1).ofMaxSize(depth == 0 ? 3 : 2).map(Transformation::new)));
        }
        return TRANSFORMATIONS[depth];
    }

    static synchronized Arbitrary<Layer> layer(int depth) {
        if (LAYERS[depth] == null) {
            LAYERS[depth] = cached(Arbitraries.lazy(() -> newLayer(depth)));
        }
        return LAYERS[depth];
    }

    private static Arbitrary<Step> newStep(int depth) {
        Arbitrary<List<Layer>> layers = depth >= 3
                ? Arbitraries.just(List.of())
                : Arbitraries.frequencyOf(weighted(depth == 0 ? 6 : 8, Arbitraries.just(List.<Layer>of())),
                        weighted(3, layer(depth + 1).list().ofSize(1)), weighted(1, layer(depth + 1).list().ofSize(2)));
        Arbitrary<String> named = depth == 0 ? opt(name()) : Arbitraries.just(null);
        Arbitrary<String> defaultImage = depth == 0 ? opt(plainPath()) : Arbitraries.just(null);
        Arbitrary<Step> full = all(v -> new Step((Resize) v.get(0), (Effects) v.get(1), (Decoration) v.get(2),
                        (Output) v.get(3), (String) v.get(4), (String) v.get(5), (List<Layer>) v.get(6)),
                RESIZE, EFFECTS, DECORATION, OUTPUT, named, defaultImage, layers);
        return Arbitraries.frequencyOf(weighted(1, Arbitraries.just(Step.NONE)), weighted(6, full));
    }

    static Arbitrary<Layer.Position> position() {
        return Combinators.combine(opt(expr()), opt(expr()), opt(Arbitraries.of(Resize.Anchor.values())),
                        opt(expr()), opt(expr()))
                .as((x, y, fo, xc, yc) -> new Layer.Position(x, y, fo, x == null ? xc : null, y == null ? yc : null));
    }

    static Arbitrary<Layer.TextStyle> style() {
        Arbitrary<Layer.Padding> padding = oneOf(
                ints(0, 10_000).map(n -> new Layer.Padding(n, n, n, n)),
                Combinators.combine(ints(0, 50), ints(0, 50)).as((v, h) -> new Layer.Padding(v, h, v, h)),
                Combinators.combine(ints(0, 50), ints(0, 50), ints(0, 50), ints(0, 50)).as(Layer.Padding::new));
        return all(v -> new Layer.TextStyle((Expr) v.get(0), (String) v.get(1), (Color) v.get(2),
                        (Layer.TextAlign) v.get(3), (Layer.Padding) v.get(4), (Integer) v.get(5),
                        (Layer.Typography) v.get(6), (Expr) v.get(7)),
                opt(positiveExpr()), opt(plainPath()), opt(color()), opt(Arbitraries.of(Layer.TextAlign.values())),
                opt(padding), opt(ints(1, 9)), opt(Arbitraries.of(Layer.Typography.values())), opt(positiveExpr()));
    }

    private static Arbitrary<Layer> newLayer(int depth) {
        Arbitrary<Layer.Source> image = oneOf(plainPath(), anyText())
                .filter(p -> !p.equals(LayerParams.CANVAS)).map(Layer.Source.Image::new);
        Arbitrary<Layer> imageLayer = Combinators.combine(
                        oneOf(image, Arbitraries.just(new Layer.Source.Canvas())), POSITION,
                        transformation(depth))
                .as((src, pos, t) -> new Layer(src, pos, null, t));
        Arbitrary<Layer> textLayer = Combinators.combine(anyText().map(Layer.Source.Text::new), POSITION, STYLE,
                transformation(depth)).as(Layer::new);
        return oneOf(imageLayer, textLayer);
    }
}
