package dev.pixkit.url.transform;

/**
 * A number in a transformation: a literal, an image variable, or arithmetic on them ({@code iw_div_2},
 * {@code ch_mul_0.8_add_bh_mul_0.6}). Operators bind as usual: {@code _pow_} tightest (right-associative), then
 * {@code _mul_ _div_ _mod_}, then {@code _add_ _sub_} (left-associative). Negative literals are written {@code N5}.
 */
public sealed interface Expr {

    /** Evaluates against the sizes known when the step runs. */
    double eval(Bindings b);

    /** A literal number. */
    record Num(double value) implements Expr {
        public Num {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("not a finite number: " + value);
            }
        }

        @Override
        public double eval(Bindings b) {
            return value;
        }
    }

    /** An image variable. */
    record Var(Variable variable) implements Expr {
        @Override
        public double eval(Bindings b) {
            return b.value(variable);
        }
    }

    /** {@code left op right}. */
    record Binary(Op op, Expr left, Expr right) implements Expr {
        @Override
        public double eval(Bindings b) {
            double l = left.eval(b);
            double r = right.eval(b);
            return switch (op) {
                case ADD -> l + r;
                case SUB -> l - r;
                case MUL -> l * r;
                case DIV -> l / r;
                case MOD -> l % r;
                case POW -> Math.pow(l, r);
            };
        }
    }

    /** Variables: input ({@code i*}), current in the chain ({@code c*}), base image under a layer ({@code b*}). */
    enum Variable {
        IW("iw"), IH("ih"), IAR("iar"), CW("cw"), CH("ch"), CAR("car"), BW("bw"), BH("bh"), BAR("bar");

        private final String token;

        Variable(String token) {
            this.token = token;
        }

        public String token() {
            return token;
        }
    }

    /** Operators, by their URL token ({@code _add_} …) and precedence. */
    enum Op {
        ADD("add", 1), SUB("sub", 1), MUL("mul", 2), DIV("div", 2), MOD("mod", 2), POW("pow", 3);

        private final String token;
        private final int precedence;

        Op(String token, int precedence) {
            this.token = token;
            this.precedence = precedence;
        }

        public String token() {
            return token;
        }

        public int precedence() {
            return precedence;
        }
    }

    /** Image sizes in pixels. Aspect ratios are derived (width / height). */
    record Bindings(double iw, double ih, double cw, double ch, double bw, double bh) {
        /** Sizes for a top-level step: no base image, so {@code bw/bh} equal the input. */
        public static Bindings of(double iw, double ih, double cw, double ch) {
            return new Bindings(iw, ih, cw, ch, iw, ih);
        }

        public double value(Variable v) {
            return switch (v) {
                case IW -> iw;
                case IH -> ih;
                case IAR -> iw / ih;
                case CW -> cw;
                case CH -> ch;
                case CAR -> cw / ch;
                case BW -> bw;
                case BH -> bh;
                case BAR -> bw / bh;
            };
        }
    }
}
