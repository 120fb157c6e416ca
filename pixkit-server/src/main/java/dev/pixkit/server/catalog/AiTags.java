package dev.pixkit.server.catalog;

import java.util.List;
import java.util.Set;

/** Operations on a file's AI tags. */
final class AiTags {
    private AiTags() {}

    /** The tags whose name is not in {@code names}; null when none remain. */
    static List<FileRecord.AiTag> without(List<FileRecord.AiTag> tags, Set<String> names) {
        if (tags == null) {
            return null;
        }
        List<FileRecord.AiTag> kept = tags.stream().filter(t -> !names.contains(t.name())).toList();
        return kept.isEmpty() ? null : kept;
    }
}
