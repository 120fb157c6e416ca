package dev.pixkit.server.search;

import dev.pixkit.server.system.ApiException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The validated parameters of {@code GET /v1/files}. Empty values count as absent. With a {@code searchQuery}, the
 * {@code type}, {@code tags}, {@code name} and {@code includeFolder} parameters have no effect (as ImageKit
 * documents): the query decides, and a query that does not mention {@code type} returns files only.
 *
 * @param targets  which kinds of rows to return
 * @param filter   the searchQuery, or the legacy {@code tags}/{@code name} as an equivalent query; null for none
 * @param folder   the {@code path} parameter, normalised: only rows directly in that folder; null for anywhere
 * @param fileType {@code image} or {@code non-image}; null for all (folders are never filtered by it)
 */
record ListRequest(Set<Target> targets, Query filter, String folder, String fileType, SortOrder sort, int limit,
        int skip) {
    static final int MAX_LIMIT = 1000;

    static ListRequest parse(Function<String, String> parameter) {
        Function<String, String> p = name -> {
            String v = parameter.apply(name);
            return v == null || v.isBlank() ? null : v;
        };
        String type = p.apply("type");
        if (type != null && !List.of("file", "file-version", "folder", "all").contains(type)) {
            throw ApiException.badRequest("Your request contains invalid value for type parameter. Please provide"
                    + " one of the following: file, file-version, folder, all.");
        }
        String sortText = p.apply("sort");
        SortOrder sort = sortText == null ? SortOrder.DEFAULT : SortOrder.parse(sortText).orElseThrow(() ->
                ApiException.badRequest("Your request contains invalid value for sort parameters."));
        String fileType = p.apply("fileType");
        if (fileType != null && !List.of("all", "image", "non-image").contains(fileType)) {
            throw ApiException.badRequest("Your request contains invalid value for fileType parameter. Please provide"
                    + " one of the following: all, image, non-image.");
        }
        int limit = limit(p.apply("limit"));
        int skip = skip(p.apply("skip"));
        String includeFolder = p.apply("includeFolder");
        if (includeFolder != null && !includeFolder.equals("true") && !includeFolder.equals("false")) {
            throw ApiException.badRequest("Your request contains invalid value for includeFolder parameter."
                    + " Please provide true or false.");
        }
        String path = p.apply("path");
        String folder = path == null ? null : FolderPaths.normalize(path);
        String searchQuery = p.apply("searchQuery");

        Set<Target> targets;
        Query filter;
        if (searchQuery != null) {
            filter = QueryParser.parse(searchQuery);
            boolean mentionsType = filter.comparisons().stream().anyMatch(c -> c.field() == BuiltInField.TYPE);
            targets = mentionsType ? EnumSet.allOf(Target.class) : EnumSet.of(Target.FILE);
        } else {
            targets = switch (type == null ? "file" : type) {
                case "file-version" -> EnumSet.of(Target.FILE_VERSION);
                case "folder" -> EnumSet.of(Target.FOLDER);
                case "all" -> EnumSet.of(Target.FILE, Target.FOLDER);
                default -> EnumSet.of(Target.FILE);
            };
            if ("true".equals(includeFolder)) {
                targets.add(Target.FOLDER);
            }
            filter = legacy(p.apply("tags"), p.apply("name"));
        }
        return new ListRequest(targets, filter, folder, "all".equals(fileType) ? null : fileType, sort, limit, skip);
    }

    /** {@code tags=a,b} is {@code tags IN ["a","b"]}; {@code name=x} is {@code name = "x"}. */
    private static Query legacy(String tags, String name) {
        List<Query> parts = new ArrayList<>();
        if (tags != null) {
            List<Value> values = Arrays.stream(tags.split(",")).map(String::strip).filter(t -> !t.isEmpty())
                    .map(t -> (Value) new Value.Text(t)).toList();
            if (!values.isEmpty()) {
                parts.add(new Query.Comparison(BuiltInField.TAGS, Operator.IN, new Value.Values(values), 0));
            }
        }
        if (name != null) {
            parts.add(new Query.Comparison(BuiltInField.NAME, Operator.EQUALS, new Value.Text(name), 0));
        }
        return switch (parts.size()) {
            case 0 -> null;
            case 1 -> parts.getFirst();
            default -> new Query.And(parts);
        };
    }

    private static int limit(String s) {
        if (s == null) {
            return MAX_LIMIT;
        }
        long v = integer(s, "limit");
        if (v < 1) {
            throw ApiException.badRequest("Minimum value of limit parameter is 1. Value sent is " + s + ".");
        }
        if (v > MAX_LIMIT) {
            throw ApiException.badRequest("Maximum value of limit parameter is 1000. Value sent is " + s + ".");
        }
        return (int) v;
    }

    private static int skip(String s) {
        if (s == null) {
            return 0;
        }
        long v = integer(s, "skip");
        if (v < 0) {
            throw ApiException.badRequest("The value of skip parameter should be greater than or equal to 0."
                    + " Value sent is " + s + ".");
        }
        if (v > Integer.MAX_VALUE) {
            throw ApiException.badRequest("The value of skip parameter should be at most " + Integer.MAX_VALUE
                    + ". Value sent is " + s + ".");
        }
        return (int) v;
    }

    private static long integer(String s, String name) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Your request contains invalid value for " + name + " parameter. It must be"
                    + " an integer. Value sent is " + abbreviate(s) + ".");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
