package dev.pixkit.server.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.pixkit.server.system.ApiException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules of a custom metadata field, as ImageKit's {@code schema} object: its {@code type}, and per type the
 * allowed properties — {@code selectOptions} (SingleSelect, MultiSelect; required there), {@code minValue} and
 * {@code maxValue} (Number: numbers; Date: ISO 8601 strings), {@code minLength} and {@code maxLength} (Text,
 * Textarea: non-negative integers), and for every type {@code isValueRequired} and {@code defaultValue} (which must
 * itself be a valid value, and is required when the field is). Parsing collects every problem into the error's
 * {@code errors} object, keyed by property, as ImageKit does.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CustomMetadataSchema(
        Type type,
        List<Object> selectOptions,
        Object defaultValue,
        @JsonProperty("isValueRequired") Boolean isValueRequired,
        Object minValue,
        Object maxValue,
        Number minLength,
        Number maxLength) {

    public static final String INVALID = "Invalid schema object.";
    private static final Set<String> PROPERTIES = Set.of("type", "selectOptions", "defaultValue", "isValueRequired",
            "minValue", "maxValue", "minLength", "maxLength");
    private static final String NOT_ALLOWED = "not allowed for this type";

    public enum Type {
        TEXT("Text"), TEXTAREA("Textarea"), NUMBER("Number"), DATE("Date"), BOOLEAN("Boolean"),
        SINGLE_SELECT("SingleSelect"), MULTI_SELECT("MultiSelect");

        private final String wire;

        Type(String wire) {
            this.wire = wire;
        }

        @JsonValue
        public String wire() {
            return wire;
        }

        static Optional<Type> fromWire(Object s) {
            return Arrays.stream(values()).filter(t -> t.wire.equals(s)).findFirst();
        }

        boolean isText() {
            return this == TEXT || this == TEXTAREA;
        }

        boolean isSelect() {
            return this == SINGLE_SELECT || this == MULTI_SELECT;
        }

        boolean isRange() {
            return this == NUMBER || this == DATE;
        }
    }

    public boolean required() {
        return Boolean.TRUE.equals(isValueRequired);
    }

    /**
     * Parses and validates a request's {@code schema} object. {@code existingType} is null on create (the schema
     * must name its type) and the field's type on update (a {@code type} in the request is ignored, as the spec says).
     */
    static CustomMetadataSchema parse(Object raw, Type existingType) {
        if (!(raw instanceof Map<?, ?> m)) {
            throw ApiException.invalidFields(INVALID, Map.of("schema", "should be an object"));
        }
        Map<String, Object> errors = new LinkedHashMap<>();
        Type type = existingType;
        if (type == null) {
            Object t = m.get("type");
            type = Type.fromWire(t).orElse(null);
            if (type == null) {
                errors.put("type", t == null ? "is required" : "should be one of "
                        + Arrays.stream(Type.values()).map(Type::wire).collect(Collectors.joining(", ")));
                throw ApiException.invalidFields(INVALID, errors);
            }
        }
        for (Object key : m.keySet()) {
            if (!PROPERTIES.contains(String.valueOf(key))) {
                errors.put(String.valueOf(key), "is not a schema property");
            }
        }
        List<Object> options = selectOptions(type, m.get("selectOptions"), errors);
        Object min = rangeBound(type, "minValue", m.get("minValue"), errors);
        Object max = rangeBound(type, "maxValue", m.get("maxValue"), errors);
        if (min != null && max != null && compare(type, min, max) > 0) {
            errors.put("minValue", "should not be greater than maxValue");
        }
        Number minLength = length(type, "minLength", m.get("minLength"), errors);
        Number maxLength = length(type, "maxLength", m.get("maxLength"), errors);
        if (minLength != null && maxLength != null && decimal(minLength).compareTo(decimal(maxLength)) > 0) {
            errors.put("minLength", "should not be greater than maxLength");
        }
        Object requiredRaw = m.get("isValueRequired");
        Boolean required = null;
        if (requiredRaw instanceof Boolean b) {
            required = b;
        } else if (requiredRaw != null) {
            errors.put("isValueRequired", "should be of type boolean");
        }
        Object defaultValue = m.get("defaultValue");
        if (!errors.isEmpty()) {
            throw ApiException.invalidFields(INVALID, errors);
        }
        CustomMetadataSchema schema = new CustomMetadataSchema(type, options, defaultValue, required, min, max,
                minLength, maxLength);
        if (defaultValue != null) {
            String problem = schema.problemWith(defaultValue);
            if (problem != null) {
                errors.put("defaultValue", problem);
            }
        } else if (schema.required()) {
            errors.put("defaultValue", "is required when isValueRequired is true");
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalidFields(INVALID, errors);
        }
        return schema;
    }

    /** Why {@code value} is not a valid value of this field, or null when it is. */
    public String problemWith(Object value) {
        switch (type) {
            case TEXT, TEXTAREA -> {
                if (!(value instanceof String s)) {
                    return "should be of type string";
                }
                long length = s.codePointCount(0, s.length());
                if (minLength != null && length < minLength.longValue()) {
                    return "should be at least " + minLength.longValue() + " characters long";
                }
                if (maxLength != null && length > maxLength.longValue()) {
                    return "should be at most " + maxLength.longValue() + " characters long";
                }
            }
            case NUMBER -> {
                if (!(value instanceof Number n)) {
                    return "should be of type number";
                }
                if (minValue != null && decimal(n).compareTo(decimal((Number) minValue)) < 0) {
                    return "should be greater than or equal to " + minValue;
                }
                if (maxValue != null && decimal(n).compareTo(decimal((Number) maxValue)) > 0) {
                    return "should be less than or equal to " + maxValue;
                }
            }
            case DATE -> {
                Optional<Instant> at = value instanceof String s ? instant(s) : Optional.empty();
                if (at.isEmpty()) {
                    return "should be a date as an ISO 8601 string";
                }
                if (minValue != null && at.get().isBefore(instant((String) minValue).orElseThrow())) {
                    return "should not be before " + minValue;
                }
                if (maxValue != null && at.get().isAfter(instant((String) maxValue).orElseThrow())) {
                    return "should not be after " + maxValue;
                }
            }
            case BOOLEAN -> {
                if (!(value instanceof Boolean)) {
                    return "should be of type boolean";
                }
            }
            case SINGLE_SELECT -> {
                if (!isOption(value)) {
                    return "should be one of the selectOptions " + selectOptions;
                }
            }
            case MULTI_SELECT -> {
                if (!(value instanceof List<?> list)) {
                    return "should be an array of values from the selectOptions " + selectOptions;
                }
                if (!list.stream().allMatch(this::isOption)) {
                    return "should only contain values from the selectOptions " + selectOptions;
                }
                if (list.isEmpty() && required()) {
                    return "should contain at least one value: the field is required";
                }
            }
        }
        return null;
    }

    private boolean isOption(Object value) {
        return selectOptions.stream().anyMatch(o -> sameScalar(o, value));
    }

    /** Options and values compare by kind and value: {@code 30} and {@code 30.0} match, {@code "30"} does not. */
    private static boolean sameScalar(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return decimal(x).compareTo(decimal(y)) == 0;
        }
        return (a instanceof String || a instanceof Boolean) && a.equals(b);
    }

    private static List<Object> selectOptions(Type type, Object raw, Map<String, Object> errors) {
        if (!type.isSelect()) {
            if (raw != null) {
                errors.put("selectOptions", NOT_ALLOWED);
            }
            return null;
        }
        if (raw == null) {
            errors.put("selectOptions", "is required for SingleSelect and MultiSelect fields");
            return null;
        }
        if (!(raw instanceof List<?> list) || list.isEmpty()) {
            errors.put("selectOptions", "should be a non-empty array");
            return null;
        }
        List<Object> options = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String || o instanceof Number || o instanceof Boolean)) {
                errors.put("selectOptions", "should contain only strings, numbers and booleans");
                return null;
            }
            if (options.stream().anyMatch(p -> sameScalar(p, o))) {
                errors.put("selectOptions", "should not contain duplicate values (" + o + ")");
                return null;
            }
            options.add(o);
        }
        return List.copyOf(options);
    }

    private static Object rangeBound(Type type, String property, Object raw, Map<String, Object> errors) {
        if (raw == null) {
            return null;
        }
        if (!type.isRange()) {
            errors.put(property, NOT_ALLOWED);
        } else if (type == Type.NUMBER && !(raw instanceof Number)) {
            errors.put(property, "should be of type number");
        } else if (type == Type.DATE && !(raw instanceof String s && instant(s).isPresent())) {
            errors.put(property, "should be a date as an ISO 8601 string");
        } else {
            return raw;
        }
        return null;
    }

    private static Number length(Type type, String property, Object raw, Map<String, Object> errors) {
        if (raw == null) {
            return null;
        }
        if (!type.isText()) {
            errors.put(property, NOT_ALLOWED);
            return null;
        }
        if (!(raw instanceof Number n) || decimal(n).signum() < 0 || decimal(n).stripTrailingZeros().scale() > 0) {
            errors.put(property, "should be a non-negative integer");
            return null;
        }
        return n;
    }

    private static int compare(Type type, Object a, Object b) {
        return type == Type.NUMBER ? decimal((Number) a).compareTo(decimal((Number) b))
                : instant((String) a).orElseThrow().compareTo(instant((String) b).orElseThrow());
    }

    private static BigDecimal decimal(Number n) {
        return switch (n) {
            case BigDecimal d -> d;
            case BigInteger i -> new BigDecimal(i);
            case Integer i -> BigDecimal.valueOf(i);
            case Long l -> BigDecimal.valueOf(l);
            default -> new BigDecimal(n.toString());
        };
    }

    /**
     * An ISO 8601 date ({@code 2024-05-01}, midnight UTC) or date-time, with an offset ({@code …T10:00:00Z},
     * {@code …+05:30}) or without (taken as UTC).
     */
    static Optional<Instant> instant(String s) {
        try {
            return Optional.of(OffsetDateTime.parse(s).toInstant());
        } catch (DateTimeParseException e) {
            // not with an offset
        }
        try {
            return Optional.of(LocalDateTime.parse(s).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            // not a local date-time
        }
        try {
            return Optional.of(LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
