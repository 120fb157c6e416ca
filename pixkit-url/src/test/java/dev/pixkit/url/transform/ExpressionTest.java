package dev.pixkit.url.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpressionTest {
    private static final Expr.Bindings SIZES = new Expr.Bindings(100, 50, 80, 40, 400, 200);

    static Expr width(String text) {
        Resize.Dimension d = TransformationParser.parse("w-" + text).steps().getFirst().resize().width();
        return ((Resize.Dimension.Of) d).value();
    }

    static Expr x(String text) {
        return TransformationParser.parse("x-" + text).steps().getFirst().resize().x();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "iw_div_2_add_10, 60",
            "10_add_iw_div_2, 60",
            "2_pow_3_pow_2, 512",
            "N5_mul_2, -10",
            "2_mul_3_add_4_mul_5, 26",
            "20_sub_5_sub_3, 12",
            "64_div_4_div_2, 8",
            "2_add_3_pow_2_mul_2, 20",
            "10_mod_4_mul_3, 6",
            "iw_sub_ih_sub_cw, -30",
            "iar_mul_ih, 100",
            "car, 2",
            "bw_div_bh_add_bar, 4",
            "ch_mul_0.8_add_bh_mul_0.6, 152",
            "N2_pow_2, 4",
            "IW_DIV_2, 50"})
    void expression_evaluates_with_usual_precedence(String text, double expected) {
        assertThat(x(text).eval(SIZES)).isEqualTo(expected);
    }

    @Test
    void iw_div_2_add_10_at_iw_100_is_60() {
        assertThat(width("iw_div_2_add_10").eval(Expr.Bindings.of(100, 80, 100, 80))).isEqualTo(60);
    }

    @Test
    void pow_is_right_associative() {
        Expr e = x("2_pow_3_pow_2");
        assertThat(e).isEqualTo(new Expr.Binary(Expr.Op.POW, new Expr.Num(2),
                new Expr.Binary(Expr.Op.POW, new Expr.Num(3), new Expr.Num(2))));
        assertThat(e.eval(SIZES)).isEqualTo(512);
    }

    @Test
    void subtraction_and_division_are_left_associative() {
        assertThat(x("20_sub_5_sub_3")).isEqualTo(new Expr.Binary(Expr.Op.SUB,
                new Expr.Binary(Expr.Op.SUB, new Expr.Num(20), new Expr.Num(5)), new Expr.Num(3)));
    }

    @Test
    void multiplication_binds_tighter_than_addition() {
        assertThat(x("1_add_2_mul_3")).isEqualTo(new Expr.Binary(Expr.Op.ADD, new Expr.Num(1),
                new Expr.Binary(Expr.Op.MUL, new Expr.Num(2), new Expr.Num(3))));
    }

    @Test
    void negative_literal_uses_the_n_prefix() {
        assertThat(x("N5_mul_2")).isEqualTo(new Expr.Binary(Expr.Op.MUL, new Expr.Num(-5), new Expr.Num(2)));
        assertThat(x("N5_mul_2").eval(SIZES)).isEqualTo(-10);
    }

    @Test
    void n_zero_is_plain_zero() {
        assertThat(x("N0")).isEqualTo(new Expr.Num(-0.0)); // ly-N0 means flush with the bottom
    }

    @ParameterizedTest
    @CsvSource({"iw_div_2_add_10", "2_pow_3_pow_2", "N5_mul_2", "1_sub_2_sub_3", "1_sub_2_mul_3_pow_4_pow_5_add_6",
            "0.25_mul_bar", "100000000000000000000", "0.000001"})
    void expression_formats_back_to_its_text(String text) {
        assertThat(TransformationFormatter.format(x(text))).isEqualTo(text);
    }

    @Test
    void tree_that_needs_parentheses_cannot_be_formatted() {
        Expr sumTimesThree = new Expr.Binary(Expr.Op.MUL,
                new Expr.Binary(Expr.Op.ADD, new Expr.Num(1), new Expr.Num(2)), new Expr.Num(3));
        assertThatIllegalArgumentException().isThrownBy(() -> TransformationFormatter.format(sumTimesThree))
                .withMessageContaining("parentheses");
        Expr leftPow = new Expr.Binary(Expr.Op.POW,
                new Expr.Binary(Expr.Op.POW, new Expr.Num(2), new Expr.Num(3)), new Expr.Num(2));
        assertThatIllegalArgumentException().isThrownBy(() -> TransformationFormatter.format(leftPow));
        Expr rightSub = new Expr.Binary(Expr.Op.SUB, new Expr.Num(1),
                new Expr.Binary(Expr.Op.SUB, new Expr.Num(2), new Expr.Num(3)));
        assertThatIllegalArgumentException().isThrownBy(() -> TransformationFormatter.format(rightSub));
    }
}
