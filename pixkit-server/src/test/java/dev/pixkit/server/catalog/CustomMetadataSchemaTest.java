package dev.pixkit.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pixkit.server.catalog.CustomMetadataSchema.Type;
import dev.pixkit.server.system.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Schema rules per field type, and the values each schema accepts, as ImageKit documents them. */
class CustomMetadataSchemaTest {

    private static CustomMetadataSchema parse(Object... keyValues) {
        return CustomMetadataSchema.parse(map(keyValues), null);
    }

    private static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    /** The {@code errors} object of the 400 that parsing {@code schema} fails with. */
    private static Map<String, Object> errors(Object... keyValues) {
        try {
            CustomMetadataSchema.parse(map(keyValues), null);
        } catch (ApiException e) {
            assertThat(e.status().value()).isEqualTo(400);
            assertThat(e.getMessage()).isEqualTo("Invalid schema object.");
            return e.body().errors();
        }
        throw new AssertionError("schema was accepted");
    }

    @Test
    void type_is_required_and_must_be_one_of_the_seven() {
        assertThat(errors()).containsEntry("type", "is required");
        assertThat(errors("type", "Integer")).containsEntry("type",
                "should be one of Text, Textarea, Number, Date, Boolean, SingleSelect, MultiSelect");
        assertThat(errors("type", "Text", "colour", "red")).containsEntry("colour", "is not a schema property");
        for (String t : List.of("Text", "Textarea", "Number", "Date", "Boolean")) {
            assertThat(parse("type", t).type().wire()).isEqualTo(t);
        }
        assertThatThrownBy(() -> CustomMetadataSchema.parse("Text", null)).isInstanceOf(ApiException.class);
    }

    @Test
    void text_and_textarea_take_lengths_and_check_string_values() {
        for (String t : List.of("Text", "Textarea")) {
            CustomMetadataSchema s = parse("type", t, "minLength", 2, "maxLength", 4);
            assertThat(s.problemWith("ab")).isNull();
            assertThat(s.problemWith("abcd")).isNull();
            assertThat(s.problemWith("\uD835\uDCB3\uD835\uDCB3")).isNull(); // two characters, four UTF-16 units
            assertThat(s.problemWith("a")).isEqualTo("should be at least 2 characters long");
            assertThat(s.problemWith("abcde")).isEqualTo("should be at most 4 characters long");
            assertThat(s.problemWith(5682342234L)).isEqualTo("should be of type string");
            assertThat(s.problemWith(true)).isEqualTo("should be of type string");
        }
        assertThat(errors("type", "Text", "minLength", -1)).containsEntry("minLength",
                "should be a non-negative integer");
        assertThat(errors("type", "Text", "maxLength", 2.5)).containsEntry("maxLength",
                "should be a non-negative integer");
        assertThat(errors("type", "Text", "maxLength", "10")).containsEntry("maxLength",
                "should be a non-negative integer");
        assertThat(errors("type", "Text", "minLength", 5, "maxLength", 4)).containsEntry("minLength",
                "should not be greater than maxLength");
        assertThat(errors("type", "Text", "minValue", 1)).containsEntry("minValue", "not allowed for this type");
        assertThat(errors("type", "Textarea", "selectOptions", List.of("a"))).containsEntry("selectOptions",
                "not allowed for this type");
        assertThat(errors("type", "Text", "maxLength", 3, "defaultValue", "long")).containsEntry("defaultValue",
                "should be at most 3 characters long");
    }

    @Test
    void number_takes_a_numeric_range() {
        CustomMetadataSchema s = parse("type", "Number", "minValue", 1000, "maxValue", 3000);
        for (Object ok : List.of(1000, 1299, 2459.59, 3000L, 3000.0)) {
            assertThat(s.problemWith(ok)).as("%s", ok).isNull();
        }
        assertThat(s.problemWith(900)).isEqualTo("should be greater than or equal to 1000");
        assertThat(s.problemWith(3001)).isEqualTo("should be less than or equal to 3000");
        assertThat(s.problemWith("one thousand three")).isEqualTo("should be of type number");
        assertThat(s.problemWith(true)).isEqualTo("should be of type number");
        assertThat(errors("type", "Number", "minValue", "1000")).containsEntry("minValue",
                "should be of type number");
        assertThat(errors("type", "Number", "minValue", 5, "maxValue", 4)).containsEntry("minValue",
                "should not be greater than maxValue");
        assertThat(errors("type", "Number", "maxLength", 4)).containsEntry("maxLength", "not allowed for this type");
    }

    @Test
    void date_takes_iso_8601_bounds_and_values() {
        CustomMetadataSchema s = parse("type", "Date", "minValue", "2024-01-01", "maxValue",
                "2024-12-31T23:59:59Z");
        assertThat(s.problemWith("2024-06-01")).isNull();
        assertThat(s.problemWith("2024-06-01T10:00:00.000Z")).isNull();
        assertThat(s.problemWith("2024-06-01T10:00:00+05:30")).isNull();
        assertThat(s.problemWith("2024-01-01T00:00:00Z")).isNull();
        assertThat(s.problemWith("2023-12-31T23:59:59Z")).isEqualTo("should not be before 2024-01-01");
        assertThat(s.problemWith("2025-01-01")).isEqualTo("should not be after 2024-12-31T23:59:59Z");
        assertThat(s.problemWith("01/06/2024")).isEqualTo("should be a date as an ISO 8601 string");
        assertThat(s.problemWith(20240601)).isEqualTo("should be a date as an ISO 8601 string");
        assertThat(errors("type", "Date", "minValue", 5)).containsEntry("minValue",
                "should be a date as an ISO 8601 string");
        assertThat(errors("type", "Date", "minValue", "2025-01-01", "maxValue", "2024-01-01"))
                .containsEntry("minValue", "should not be greater than maxValue");
    }

    @Test
    void boolean_takes_booleans_only() {
        CustomMetadataSchema s = parse("type", "Boolean");
        assertThat(s.problemWith(true)).isNull();
        assertThat(s.problemWith(false)).isNull();
        assertThat(s.problemWith("true")).isEqualTo("should be of type boolean");
        assertThat(s.problemWith(1)).isEqualTo("should be of type boolean");
        assertThat(errors("type", "Boolean", "minValue", 1)).containsEntry("minValue", "not allowed for this type");
        assertThat(errors("type", "Boolean", "isValueRequired", "yes")).containsEntry("isValueRequired",
                "should be of type boolean");
    }

    @Test
    void single_select_needs_options_and_takes_one_of_them_by_kind_and_value() {
        CustomMetadataSchema s = parse("type", "SingleSelect", "selectOptions", List.of("small", 30, true));
        assertThat(s.problemWith("small")).isNull();
        assertThat(s.problemWith(30)).isNull();
        assertThat(s.problemWith(30.0)).isNull();
        assertThat(s.problemWith(true)).isNull();
        assertThat(s.problemWith("30")).isEqualTo("should be one of the selectOptions [small, 30, true]");
        assertThat(s.problemWith("large")).isEqualTo("should be one of the selectOptions [small, 30, true]");
        assertThat(s.problemWith(List.of("small"))).isEqualTo("should be one of the selectOptions [small, 30, true]");
        assertThat(errors("type", "SingleSelect")).containsEntry("selectOptions",
                "is required for SingleSelect and MultiSelect fields");
        assertThat(errors("type", "SingleSelect", "selectOptions", List.of())).containsEntry("selectOptions",
                "should be a non-empty array");
        assertThat(errors("type", "SingleSelect", "selectOptions", List.of("a", Map.of()))).containsEntry(
                "selectOptions", "should contain only strings, numbers and booleans");
        assertThat(errors("type", "SingleSelect", "selectOptions", List.of("a", "a"))).containsEntry(
                "selectOptions", "should not contain duplicate values (a)");
        assertThat(errors("type", "SingleSelect", "selectOptions", List.of("a"), "defaultValue", "b"))
                .containsEntry("defaultValue", "should be one of the selectOptions [a]");
    }

    @Test
    void multi_select_takes_an_array_of_options() {
        CustomMetadataSchema s = parse("type", "MultiSelect", "selectOptions", List.of("S", "M", "L", 40));
        assertThat(s.problemWith(List.of("S", 40))).isNull();
        assertThat(s.problemWith(List.of())).isNull();
        assertThat(s.problemWith("S")).isEqualTo("should be an array of values from the selectOptions [S, M, L, 40]");
        assertThat(s.problemWith(List.of("S", "XL")))
                .isEqualTo("should only contain values from the selectOptions [S, M, L, 40]");
        CustomMetadataSchema required = parse("type", "MultiSelect", "selectOptions", List.of("S", "M"),
                "isValueRequired", true, "defaultValue", List.of("M"));
        assertThat(required.problemWith(List.of()))
                .isEqualTo("should contain at least one value: the field is required");
        assertThat(errors("type", "MultiSelect", "selectOptions", List.of("S"), "defaultValue", "S"))
                .containsEntry("defaultValue", "should be an array of values from the selectOptions [S]");
    }

    @Test
    void a_required_field_needs_a_valid_default() {
        CustomMetadataSchema s = parse("type", "SingleSelect", "selectOptions", List.of("XS", "S", "M", "L", "XL",
                "XXL"), "isValueRequired", true, "defaultValue", "M");
        assertThat(s.required()).isTrue();
        assertThat(s.defaultValue()).isEqualTo("M");
        assertThat(errors("type", "Text", "isValueRequired", true)).containsEntry("defaultValue",
                "is required when isValueRequired is true");
        assertThat(errors("type", "Number", "minValue", 10, "isValueRequired", true, "defaultValue", 5))
                .containsEntry("defaultValue", "should be greater than or equal to 10");
        assertThat(parse("type", "Text", "defaultValue", "x").required()).isFalse();
    }

    @Test
    void an_update_keeps_the_type_and_ignores_a_type_sent_with_the_schema() {
        CustomMetadataSchema s = CustomMetadataSchema.parse(map("type", "Text", "minValue", 3), Type.NUMBER);
        assertThat(s.type()).isEqualTo(Type.NUMBER);
        assertThat(s.minValue()).isEqualTo(3);
        assertThatThrownBy(() -> CustomMetadataSchema.parse(map("maxLength", 3), Type.NUMBER))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void every_problem_is_reported_at_once() {
        assertThat(errors("type", "Number", "minValue", "low", "maxLength", 4, "selectOptions", List.of(1)))
                .containsOnlyKeys("minValue", "maxLength", "selectOptions");
    }
}
