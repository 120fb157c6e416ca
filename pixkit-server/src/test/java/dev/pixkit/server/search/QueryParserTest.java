package dev.pixkit.server.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pixkit.server.search.Query.And;
import dev.pixkit.server.search.Query.Comparison;
import dev.pixkit.server.search.Query.Or;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The searchQuery language: what each operator parses to, precedence, typed values, and errors with positions. */
class QueryParserTest {

    private static Comparison single(String query) {
        return (Comparison) QueryParser.parse(query);
    }

    private static void assertInvalid(String query, int position, String detail) {
        assertThatThrownBy(() -> QueryParser.parse(query))
                .isInstanceOfSatisfying(InvalidSearchQuery.class, e -> {
                    assertThat(e.position()).as(e.getMessage()).isEqualTo(position);
                    assertThat(e.getMessage()).startsWith("Invalid searchQuery at position " + position + ": ")
                            .contains(detail);
                });
    }

    @Test
    void equals_on_name_is_an_exact_text_comparison() {
        assertThat(single("name = \"red-dress-summer.jpg\"")).isEqualTo(new Comparison(BuiltInField.NAME,
                Operator.EQUALS, new Value.Text("red-dress-summer.jpg"), 1));
    }

    @Test
    void colon_is_the_prefix_operator_and_needs_no_spaces() {
        Comparison c = single("name:\"red-dress\"");
        assertThat(c.operator()).isEqualTo(Operator.PREFIX);
        assertThat(c.value()).isEqualTo(new Value.Text("red-dress"));
    }

    @Test
    void not_equals_is_written_as_NOT_equals_or_bang_equals() {
        assertThat(single("name NOT = \"a.jpg\"").operator()).isEqualTo(Operator.NOT_EQUALS);
        assertThat(single("name != \"a.jpg\"").operator()).isEqualTo(Operator.NOT_EQUALS);
    }

    @Test
    void range_operators_on_numbers() {
        assertThat(single("width < 500").operator()).isEqualTo(Operator.LESS);
        assertThat(single("width <= 500").operator()).isEqualTo(Operator.LESS_OR_EQUAL);
        assertThat(single("height > 200").operator()).isEqualTo(Operator.GREATER);
        Comparison c = single("height >= 200.5");
        assertThat(c.operator()).isEqualTo(Operator.GREATER_OR_EQUAL);
        assertThat(c.value()).isEqualTo(new Value.Numeric(new BigDecimal("200.5")));
    }

    @Test
    void in_and_not_in_take_a_list() {
        Comparison in = single("tags IN [\"summer-sale\",\"banner\"]");
        assertThat(in.operator()).isEqualTo(Operator.IN);
        assertThat(in.value()).isEqualTo(new Value.Values(List.of(new Value.Text("summer-sale"),
                new Value.Text("banner"))));
        assertThat(single("tags NOT IN [\"big-banner\"]").operator()).isEqualTo(Operator.NOT_IN);
    }

    @Test
    void has_exists_and_not_exists() {
        assertThat(single("name HAS \"red dress\"").operator()).isEqualTo(Operator.HAS);
        Comparison exists = single("tags EXISTS");
        assertThat(exists.operator()).isEqualTo(Operator.EXISTS);
        assertThat(exists.value()).isEqualTo(new Value.None());
        assertThat(single("tags NOT EXISTS").operator()).isEqualTo(Operator.NOT_EXISTS);
    }

    @Test
    void and_binds_tighter_than_or() {
        Query q = QueryParser.parse("name = \"a\" OR name = \"b\" AND width > 1");
        assertThat(q).isInstanceOf(Or.class);
        Or or = (Or) q;
        assertThat(or.operands()).hasSize(2);
        assertThat(or.operands().get(0)).isInstanceOf(Comparison.class);
        assertThat(or.operands().get(1)).isInstanceOf(And.class);
    }

    @Test
    void parentheses_override_precedence() {
        Query q = QueryParser.parse("(size < \"1mb\" AND width > 500) OR (tags IN [\"summer-sale\",\"banner\"])");
        assertThat(q).isInstanceOf(Or.class);
        assertThat(((Or) q).operands().get(0)).isInstanceOf(And.class);
        Query grouped = QueryParser.parse("name = \"a\" AND (width > 1 OR height > 1)");
        assertThat(grouped).isInstanceOf(And.class);
        assertThat(((And) grouped).operands().get(1)).isInstanceOf(Or.class);
    }

    @Test
    void chains_of_and_are_one_flat_node() {
        Query q = QueryParser.parse("width > 1 AND width > 2 AND width > 3 AND width > 4");
        assertThat(((And) q).operands()).hasSize(4);
    }

    @Test
    void keywords_are_case_insensitive_field_names_are_not() {
        Query q = QueryParser.parse("width > 1 and tags in [\"a\"] or name not = \"b\"");
        assertThat(q).isInstanceOf(Or.class);
        assertInvalid("Name = \"a\"", 1, "unknown field 'Name'; did you mean name?");
    }

    @Test
    void relative_times_use_imagekits_units_where_m_is_months() {
        assertThat(single("createdAt > \"7d\"").value()).isEqualTo(new Value.RelativeTime(7, ChronoUnit.DAYS));
        assertThat(single("createdAt < 2d").value()).isEqualTo(new Value.RelativeTime(2, ChronoUnit.DAYS));
        assertThat(single("updatedAt > \"1h\"").value()).isEqualTo(new Value.RelativeTime(1, ChronoUnit.HOURS));
        assertThat(single("createdAt < \"3w\"").value()).isEqualTo(new Value.RelativeTime(3, ChronoUnit.WEEKS));
        assertThat(single("createdAt < \"4m\"").value()).isEqualTo(new Value.RelativeTime(4, ChronoUnit.MONTHS));
        assertThat(single("createdAt < \"1y\"").value()).isEqualTo(new Value.RelativeTime(1, ChronoUnit.YEARS));
    }

    @Test
    void relative_months_and_years_are_calendar_units_before_now() {
        Instant now = Instant.parse("2024-03-31T10:00:00Z");
        assertThat(new Value.RelativeTime(1, ChronoUnit.MONTHS).before(now))
                .isEqualTo(Instant.parse("2024-02-29T10:00:00Z"));
        assertThat(new Value.RelativeTime(2, ChronoUnit.WEEKS).before(now))
                .isEqualTo(Instant.parse("2024-03-17T10:00:00Z"));
    }

    @Test
    void absolute_dates_are_utc_and_may_be_unquoted_when_they_have_no_time() {
        assertThat(single("createdAt < 2020-01-01").value())
                .isEqualTo(new Value.AbsoluteTime(Instant.parse("2020-01-01T00:00:00Z")));
        assertThat(single("createdAt > \"2020-01-01T12:12:12\"").value())
                .isEqualTo(new Value.AbsoluteTime(Instant.parse("2020-01-01T12:12:12Z")));
        assertThat(single("createdAt > \"2020-01-01T12:12:12.5+02:00\"").value())
                .isEqualTo(new Value.AbsoluteTime(Instant.parse("2020-01-01T10:12:12.500Z")));
        assertThat(single("createdAt > \"2020-01-01T12:12:12Z\"").value())
                .isEqualTo(new Value.AbsoluteTime(Instant.parse("2020-01-01T12:12:12Z")));
    }

    @ParameterizedTest(name = "size {0} = {1} bytes")
    @CsvSource({"1024, 1024", "\"1mb\", 1048576", "\"10kb\", 10240", "\"1.5mb\", 1572864", "2MB, 2097152",
            "\"1gb\", 1073741824", "'500b', 500"})
    void sizes_are_bytes_or_units_of_1024(String literal, long bytes) {
        assertThat(single("size < " + literal).value()).isEqualTo(new Value.Size(bytes));
    }

    @Test
    void booleans_are_unquoted_and_the_file_objects_names_are_aliases() {
        assertThat(single("private = true")).isEqualTo(new Comparison(BuiltInField.PRIVATE, Operator.EQUALS,
                new Value.Bool(true), 1));
        assertThat(single("isPrivateFile = false").field()).isEqualTo(BuiltInField.PRIVATE);
        assertThat(single("published = false").field()).isEqualTo(BuiltInField.PUBLISHED);
        assertThat(single("isPublished = true").field()).isEqualTo(BuiltInField.PUBLISHED);
        assertThat(single("transparency = true").field()).isEqualTo(BuiltInField.TRANSPARENCY);
    }

    @Test
    void quoted_field_names_and_custom_metadata() {
        assertThat(single("\"tags\" IN [\"football\", \"stadium\"]").field()).isEqualTo(BuiltInField.TAGS);
        Comparison c = single("\"customMetadata.category\" IN [\"clothing\", \"accessories\"]");
        assertThat(c.field()).isEqualTo(new Field.CustomMetadata("category"));
        assertThat(single("\"customMetadata.rating\" > 4.3").value())
                .isEqualTo(new Value.Numeric(new BigDecimal("4.3")));
        assertThat(single("\"customMetadata.active\" = true").value()).isEqualTo(new Value.Bool(true));
        assertThat(single("\"customMetadata.code\" = \"500\"").value()).isEqualTo(new Value.Text("500"));
        assertThat(single("\"customMetadata.purchaseDate\" > \"7d\"").value())
                .isEqualTo(new Value.RelativeTime(7, ChronoUnit.DAYS));
        assertThat(single("\"customMetadata.tuple\" IN [\"luxury\", 500, true]").value())
                .isEqualTo(new Value.Values(List.of(new Value.Text("luxury"),
                        new Value.Numeric(new BigDecimal("500")), new Value.Bool(true))));
    }

    @Test
    void single_quotes_work_like_double_quotes_and_escapes_are_resolved() {
        assertThat(single("createdAt >= '7d'").value()).isEqualTo(new Value.RelativeTime(7, ChronoUnit.DAYS));
        assertThat(single("name = 'it\\'s.jpg'").value()).isEqualTo(new Value.Text("it's.jpg"));
        assertThat(single("name = \"say \\\"hi\\\".jpg\"").value()).isEqualTo(new Value.Text("say \"hi\".jpg"));
    }

    @Test
    void type_and_format_and_path_values_are_normalised() {
        assertThat(single("type IN [\"file\", \"folder\"]").value()).isEqualTo(new Value.Values(List.of(
                new Value.Text("file"), new Value.Text("folder"))));
        assertThat(single("format = \"PNG\"").value()).isEqualTo(new Value.Text("png"));
        assertThat(single("path : \"/sales-banner/\"").value()).isEqualTo(new Value.Text("/sales-banner"));
        assertThat(single("path = \"products\"").value()).isEqualTo(new Value.Text("/products"));
    }

    @Test
    void a_missing_value_at_the_end_is_reported_one_past_the_last_character() {
        assertInvalid("name = \"a\" AND size =", 22, "expected a value after '=', found the end of the query");
    }

    @Test
    void a_missing_value_before_and_is_reported_at_and() {
        assertInvalid("width > AND height > 1", 9, "expected a value after '>', found 'AND'");
    }

    @Test
    void an_unknown_field_lists_the_supported_ones() {
        assertInvalid("colour = \"red\"", 1, "unknown field 'colour'; supported fields are name, path");
    }

    @Test
    void fields_pixkit_cannot_search_say_why() {
        assertInvalid("createdBy = \"a@b.c\"", 1, "the field createdBy is not supported");
        assertInvalid("\"embeddedMetadata.Keywords\" IN [\"x\"]", 1, "embeddedMetadata fields are not supported");
    }

    @Test
    void an_operator_the_field_does_not_take_names_the_ones_it_does() {
        assertInvalid("tags = \"sale\"", 6, "operator '=' is not supported for tags; use one of IN, NOT IN, HAS");
        assertInvalid("format : \"pn\"", 8, "operator ':' is not supported for format; use one of =, IN");
        assertInvalid("private NOT = true", 9, "operator 'NOT =' is not supported for private");
    }

    @Test
    void a_value_of_the_wrong_kind_says_what_was_expected() {
        assertInvalid("width > \"wide\"", 9, "expected a number for width, found \"wide\"");
        assertInvalid("createdAt > \"yesterday\"", 13, "expected a date for createdAt");
        assertInvalid("createdAt > \"7x\"", 13, "relative time");
        assertInvalid("size < \"1 parsec\"", 8, "expected a size for size");
        assertInvalid("private = yes", 11, "expected true or false for private");
        assertInvalid("type = \"image\"", 8, "expected one of \"file\", \"file-version\", \"folder\" for type");
        assertInvalid("\"customMetadata.rating\" > \"high\"", 27, "expected a number, a date");
        assertInvalid("\"customMetadata.code\" : 12", 25, "expected a quoted string for : on customMetadata.code");
    }

    @Test
    void a_missing_operator_is_reported_where_it_should_be() {
        assertInvalid("name \"a.jpg\"", 6, "expected an operator after 'name' (=, NOT =, :, IN, NOT IN, HAS)");
        assertInvalid("name NOT LIKE \"a\"", 10, "expected =, IN or EXISTS after NOT");
    }

    @Test
    void list_errors() {
        assertInvalid("tags IN \"a\"", 9, "expected a list such as [\"a\", \"b\"] after IN");
        assertInvalid("tags IN []", 10, "expected at least one value in the list");
        assertInvalid("tags IN [\"a\" \"b\"]", 14, "expected ',' or ']' in the list that starts at position 9");
        assertInvalid("tags IN [\"a\",]", 14, "expected a value after ','");
        assertInvalid("name = [\"a\"]", 8, "a list [...] is only allowed after IN and NOT IN");
    }

    @Test
    void unbalanced_parentheses() {
        assertInvalid("(name = \"a\"", 12, "expected AND, OR or ')' to close the '(' at position 1");
        assertInvalid("name = \"a\")", 11, "')' has no matching '('");
    }

    @Test
    void two_comparisons_need_and_or_or_between_them() {
        assertInvalid("name = \"a\" width > 1", 12, "expected AND, OR or the end of the query, found 'width'");
    }

    @Test
    void lexical_errors() {
        assertInvalid("name = \"unterminated", 8, "the string that starts here is not closed with \"");
        assertInvalid("name ! \"a\"", 6, "'!' must be followed by '='");
        assertInvalid("name = \"a\" AND \u0001 = 1", 16, "unexpected control character U+0001");
        assertInvalid("name = \"a\" AND # = 1", 16, "unknown field '#'");
    }

    @Test
    void an_empty_query_or_a_dangling_and_is_invalid() {
        assertInvalid("   ", 1, "the query is empty");
        assertInvalid("name = \"a\" AND", 15, "expected a field name");
        assertInvalid("AND name = \"a\"", 1, "expected a field name");
    }

    @Test
    void has_needs_a_word() {
        assertInvalid("name HAS \"--\"", 10, "expected at least one word");
    }

    @Test
    void nesting_is_limited() {
        String ok = "(".repeat(QueryParser.MAX_DEPTH) + "width > 1" + ")".repeat(QueryParser.MAX_DEPTH);
        assertThat(QueryParser.parse(ok)).isInstanceOf(Comparison.class);
        String deep = "(".repeat(QueryParser.MAX_DEPTH + 1) + "width > 1" + ")".repeat(QueryParser.MAX_DEPTH + 1);
        assertInvalid(deep, QueryParser.MAX_DEPTH + 1, "nested more than 16 deep");
    }

    @Test
    void length_is_limited() {
        String longQuery = "name = \"" + "a".repeat(QueryParser.MAX_LENGTH) + "\"";
        assertThatThrownBy(() -> QueryParser.parse(longQuery)).isInstanceOf(InvalidSearchQuery.class)
                .hasMessageStartingWith("Invalid searchQuery: it is " + longQuery.length()
                        + " characters long; the limit is 4096");
    }

    @Test
    void custom_metadata_keys_cannot_break_out_of_a_json_path() {
        assertInvalid("\"customMetadata.a\\\"b\" = 1", 1, "a custom metadata field name must be 1 to 100");
        assertInvalid("\"customMetadata.\" = 1", 1, "a custom metadata field name must be 1 to 100");
    }

    @Test
    void the_query_records_where_each_comparison_starts() {
        And and = (And) QueryParser.parse("width > 1 AND  height < 2");
        assertThat(and.operands()).extracting(q -> ((Comparison) q).position()).containsExactly(1, 16);
    }
}
