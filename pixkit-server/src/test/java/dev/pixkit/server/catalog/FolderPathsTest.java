package dev.pixkit.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pixkit.server.system.ApiException;
import org.junit.jupiter.api.Test;

/** The path arithmetic and limits behind the folder operations and bulk-job locks. */
class FolderPathsTest {

    @Test
    void paths_are_rebased_split_and_compared_by_whole_segments() {
        assertThat(FolderOperations.rebase("/a/b/c", "/a/b", "/x/b")).isEqualTo("/x/b/c");
        assertThat(FolderOperations.rebase("/a/b", "/a/b", "/x/b")).isEqualTo("/x/b");
        assertThat(FolderOperations.nameOf("/a/b")).isEqualTo("b");
        assertThat(FolderOperations.parentOf("/a/b")).isEqualTo("/a");
        assertThat(FolderOperations.parentOf("/a")).isEqualTo("/");
        assertThat(BulkJobs.overlaps("/a", "/a")).isTrue();
        assertThat(BulkJobs.overlaps("/a", "/a/b")).isTrue();
        assertThat(BulkJobs.overlaps("/a/b", "/a")).isTrue();
        assertThat(BulkJobs.overlaps("/a", "/ab")).isFalse();
        assertThat(BulkJobs.overlaps("/a/b", "/a/c")).isFalse();
        assertThat(BulkJobs.overlaps("/", "/a")).isTrue();
    }

    @Test
    void more_than_100000_nested_objects_are_refused() {
        FolderOperations.checkObjectCount(100_000);
        assertThatThrownBy(() -> FolderOperations.checkObjectCount(100_001)).isInstanceOfSatisfying(
                ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(400);
                    assertThat(e.body().reason()).isEqualTo("TOO_MANY_OBJECTS");
                    assertThat(e.getMessage()).isEqualTo("Total nested assets (files, folders and file versions)"
                            + " are more than allowed limit of 100000 items.");
                });
    }

    @Test
    void folder_parameters_follow_the_name_rules() {
        assertThat(FolderOperations.folderParam("/a b/c/", "p")).isEqualTo("/a_b/c");
        assertThat(FolderOperations.folderNameParam(" my pics ", "n")).isEqualTo("my_pics");
        assertThatThrownBy(() -> FolderOperations.folderParam(" ", "p")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.body().reason()).isEqualTo("MISSING_PARAMETER"));
        assertThatThrownBy(() -> FolderOperations.folderParam("/a/\u0001", "p")).isInstanceOfSatisfying(
                ApiException.class, e -> assertThat(e.body().reason()).isEqualTo("INVALID_FOLDER_PATH"));
        assertThatThrownBy(() -> FolderOperations.folderNameParam(".", "n")).isInstanceOfSatisfying(
                ApiException.class, e -> assertThat(e.getMessage()).isEqualTo("'.' & '..' can not be used as"
                        + " folder-name"));
    }
}
