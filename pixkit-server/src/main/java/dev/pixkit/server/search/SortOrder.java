package dev.pixkit.server.search;

import java.util.Arrays;
import java.util.Optional;

/**
 * The {@code sort} parameter. Pixkit has no relevance score, so {@code *_RELEVANCE} sorts like {@code *_CREATED} in
 * the same direction. Files without a width or height (non-images) come last in both directions. Folders have no
 * size, width or height; sorted by those keys they are ordered by name (ascending).
 */
enum SortOrder {
    ASC_NAME, DESC_NAME, ASC_CREATED, DESC_CREATED, ASC_UPDATED, DESC_UPDATED, ASC_HEIGHT, DESC_HEIGHT,
    ASC_WIDTH, DESC_WIDTH, ASC_SIZE, DESC_SIZE, ASC_RELEVANCE, DESC_RELEVANCE;

    static final SortOrder DEFAULT = ASC_CREATED;

    static Optional<SortOrder> parse(String s) {
        return Arrays.stream(values()).filter(v -> v.name().equals(s)).findFirst();
    }

    boolean descending() {
        return name().startsWith("DESC_");
    }

    /** Whether rows can lack this key: only width and height (non-images have neither). */
    boolean nullable() {
        return key().equals("WIDTH") || key().equals("HEIGHT");
    }

    private String key() {
        return name().substring(name().indexOf('_') + 1);
    }

    /** The sort column for these rows, or null when they do not have it (folders by size). */
    String column(Target target, SqlDialect dialect) {
        return switch (key()) {
            case "NAME" -> dialect.binarySort(target.column(BuiltInField.NAME));
            case "CREATED", "RELEVANCE" -> target.column(BuiltInField.CREATED_AT);
            case "UPDATED" -> target.column(BuiltInField.UPDATED_AT);
            case "HEIGHT" -> target.column(BuiltInField.HEIGHT);
            case "WIDTH" -> target.column(BuiltInField.WIDTH);
            default -> target.column(BuiltInField.SIZE);
        };
    }
}
