package dev.pixkit.server.search;

/**
 * Folder paths as users write them ({@code products}, {@code /sales-banner/}, {@code //a//b}) in the catalog's form:
 * a leading {@code /}, no trailing {@code /}, no empty segments; the root is {@code /}.
 */
final class FolderPaths {
    private FolderPaths() {}

    static String normalize(String path) {
        StringBuilder sb = new StringBuilder();
        for (String segment : path.strip().split("/")) {
            if (!segment.isEmpty()) {
                sb.append('/').append(segment);
            }
        }
        return sb.isEmpty() ? "/" : sb.toString();
    }

    /** How many {@code /} the path has: 0 for the root, 1 for {@code /a}, 2 for {@code /a/b}. */
    static int depth(String normalized) {
        return normalized.equals("/") ? 0 : (int) normalized.chars().filter(c -> c == '/').count();
    }
}
