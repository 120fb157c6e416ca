package dev.pixkit.url.transform;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Arithmetic expressions: {@code operand (_op_ operand)*} where an operand is a number ({@code N} prefix for
 * negatives) or a variable ({@code iw ih iar cw ch car bw bh bar}), and operators bind as documented in {@link Expr}.
 * Parsing is iterative (operator precedence with two stacks); formatting writes the flat infix text, which exists
 * only for trees whose shape the precedence rules produce (ImageKit has no parentheses).
 */
final class Expressions {
    private static final Map<String, Expr.Variable> VARIABLES = Stream.of(Expr.Variable.values())
            .collect(Collectors.toUnmodifiableMap(Expr.Variable::token, Function.identity()));
    private static final Map<String, Expr.Op> OPERATORS = Stream.of(Expr.Op.values())
            .collect(Collectors.toUnmodifiableMap(Expr.Op::token, Function.identity()));

    private Expressions() {}

    /**
     * Parses {@code text}, the whole value or a part of it, for the parameter {@code p}; {@code what} names the value
     * in messages. At most {@code maxOperands} operands (LIMIT beyond).
     */
    static Expr parse(Param p, String text, String what, int maxOperands) {
        String[] tokens = text.split("_", -1);
        if (tokens.length % 2 == 0) {
            throw Errors.invalid(p, what + " must be a number or an expression such as iw_div_2, got \""
                    + Errors.show(text) + "\"");
        }
        if ((tokens.length + 1) / 2 > maxOperands) {
            throw Errors.limit(p.raw(), "an expression has more than " + maxOperands + " operands");
        }
        Deque<Expr> operands = new ArrayDeque<>();
        Deque<Expr.Op> ops = new ArrayDeque<>();
        operands.push(operand(p, tokens[0], what));
        for (int i = 1; i < tokens.length; i += 2) {
            Expr.Op op = OPERATORS.get(tokens[i].toLowerCase(Locale.ROOT));
            if (op == null) {
                throw Errors.invalid(p, what + ": \"" + Errors.show(tokens[i])
                        + "\" is not an operator (add, sub, mul, div, mod, pow)");
            }
            while (!ops.isEmpty() && bindsFirst(ops.peek(), op)) {
                reduce(operands, ops);
            }
            ops.push(op);
            operands.push(operand(p, tokens[i + 1], what));
        }
        while (!ops.isEmpty()) {
            reduce(operands, ops);
        }
        return operands.pop();
    }

    /** Whether {@code left}, already on the stack, applies before {@code next}. */
    private static boolean bindsFirst(Expr.Op left, Expr.Op next) {
        if (left.precedence() != next.precedence()) {
            return left.precedence() > next.precedence();
        }
        return next != Expr.Op.POW; // equal precedence: left-associative except pow
    }

    private static void reduce(Deque<Expr> operands, Deque<Expr.Op> ops) {
        Expr right = operands.pop();
        Expr left = operands.pop();
        operands.push(new Expr.Binary(ops.pop(), left, right));
    }

    /** A single operand: a number ({@code N} for negatives) or a variable. */
    static Expr operand(Param p, String token, String what) {
        Expr.Variable v = VARIABLES.get(token.toLowerCase(Locale.ROOT));
        if (v != null) {
            return new Expr.Var(v);
        }
        if (!Values.isNumber(token, true)) {
            throw Errors.invalid(p, what + ": \"" + Errors.show(token)
                    + "\" is neither a number (N for negatives) nor one of iw ih iar cw ch car bw bh bar");
        }
        double d = Values.parseNumber(token);
        if (!Double.isFinite(d)) {
            throw Errors.invalid(p, what + ": \"" + Errors.show(token) + "\" is too large");
        }
        return new Expr.Num(d);
    }

    /** Numbers and variables, as opposed to operations. */
    static boolean isOperand(Expr e) {
        return !(e instanceof Expr.Binary);
    }

    /**
     * The expression as written in a URL.
     *
     * @throws IllegalArgumentException if the tree needs parentheses, which the URL syntax does not have
     */
    static String format(Expr e) {
        StringBuilder b = new StringBuilder();
        write(e, b);
        return b.toString();
    }

    private static void write(Expr e, StringBuilder b) {
        switch (e) {
            case Expr.Num n -> b.append(Values.format(n.value()));
            case Expr.Var v -> b.append(v.variable().token());
            case Expr.Binary bin -> {
                int p = bin.op().precedence();
                boolean rightAssoc = bin.op() == Expr.Op.POW;
                if (bin.left() instanceof Expr.Binary l
                        && (l.op().precedence() < p || (l.op().precedence() == p && rightAssoc))) {
                    throw new IllegalArgumentException("expression needs parentheses, which ImageKit cannot write: " + e);
                }
                if (bin.right() instanceof Expr.Binary r
                        && (r.op().precedence() < p || (r.op().precedence() == p && !rightAssoc))) {
                    throw new IllegalArgumentException("expression needs parentheses, which ImageKit cannot write: " + e);
                }
                write(bin.left(), b);
                b.append('_').append(bin.op().token()).append('_');
                write(bin.right(), b);
            }
        }
    }
}
