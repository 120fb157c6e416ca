package dev.pixkit.server.catalog;

import dev.pixkit.server.system.ApiException;
import java.time.Clock;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What ImageKit's folder API does to the catalog: create, delete, copy, move and rename a folder with everything
 * below it. Each operation runs in one transaction (joining the caller's: a bulk job runs the whole operation in
 * its own), and goes through {@link FileCatalog} per file, so versions are appended or released and blobs freed
 * exactly as for single-file operations. The {@code check…} methods are the synchronous validation the API answers
 * before a bulk job is queued; the operations repeat them, because the catalog may have changed meanwhile.
 */
@Service
public class FolderOperations {
    /** ImageKit refuses folder operations over more nested objects than this ({@code TOO_MANY_OBJECTS}). */
    static final long MAX_OBJECTS = 100_000;

    private final FileCatalog catalog;
    private final FileRepository files;
    private final FolderRepository folders;
    private final TransactionTemplate tx;
    private final Clock clock;

    FolderOperations(FileCatalog catalog, FileRepository files, FolderRepository folders, TransactionTemplate tx,
            Clock clock) {
        this.catalog = catalog;
        this.files = files;
        this.folders = folders;
        this.tx = tx;
        this.clock = clock;
    }

    /** Creates {@code parent/name} and any missing ancestor; creating an existing folder is not an error. */
    public void create(String parent, String name) {
        tx.executeWithoutResult(s -> folders.ensureExists(FileRecord.pathOf(parent, name), clock.millis()));
    }

    /** Deletes the folder, its subfolders and every file (with its versions) in them. */
    public void delete(String folderPath, String asRequested) {
        tx.executeWithoutResult(s -> {
            if (folderPath.equals("/")) {
                throw ApiException.badRequest("folderPath cannot be root.").reason("INVALID_FOLDER_PATH");
            }
            if (!folders.exists(folderPath)) {
                throw ApiException.notFound("No folder found with folderPath `" + asRequested + "`.")
                        .reason("FOLDER_NOT_FOUND");
            }
            checkSize(folderPath);
            for (FileRecord f : files.inFolder(folderPath, true)) {
                catalog.delete(f.fileId());
            }
            folders.deleteTree(folderPath);
        });
    }

    /** Copies {@code source} into {@code destination}: {@code /a/b} into {@code /x} gives {@code /x/b/…}. */
    public void copy(String source, String destination, boolean includeVersions) {
        tx.executeWithoutResult(s -> {
            String target = checkCopyOrMove(source, destination, source);
            long now = clock.millis();
            for (String folder : folders.tree(source)) {
                folders.ensureExists(rebase(folder, source, target), now);
            }
            for (FileRecord f : files.inFolder(source, true)) {
                catalog.copy(f, rebase(f.folderPath(), source, target), includeVersions);
            }
        });
    }

    /** Moves {@code source} into {@code destination}; same-name files there get the moved ones as new versions. */
    public void move(String source, String destination) {
        tx.executeWithoutResult(s -> {
            String target = checkCopyOrMove(source, destination, source);
            long now = clock.millis();
            List<String> tree = folders.tree(source);
            for (String folder : tree) {
                folders.ensureExists(rebase(folder, source, target), now);
            }
            for (FileRecord f : files.inFolder(source, true)) {
                catalog.move(f, rebase(f.folderPath(), source, target));
            }
            folders.deleteTree(source);
        });
    }

    /** Renames the folder in place; every file below it keeps its id and versions and gets the new path. */
    public void rename(String folderPath, String newName) {
        tx.executeWithoutResult(s -> {
            String target = checkRename(folderPath, newName);
            folders.renameTree(folderPath, target, newName, clock.millis());
        });
    }

    /**
     * Validates a copy or move of {@code source} into {@code destination} against the catalog and returns the path
     * the folder will have there. {@code asRequested} is the source as the client wrote it, for the 404 message.
     */
    public String checkCopyOrMove(String source, String destination, String asRequested) {
        if (source.equals("/")) {
            throw ApiException.badRequest("sourceFolderPath cannot be root.").reason("SOURCE_IS_ROOT");
        }
        if (source.equals(destination)) {
            throw ApiException.badRequest("sourceFolderPath and destinationPath is same")
                    .reason("SAME_SOURCE_AND_DESTINATION");
        }
        if (destination.startsWith(source + "/")) {
            throw ApiException.badRequest("This operation is not allowed because parent folder cannot be moved into"
                    + " child folder.").reason("INVALID_DESTINATION_PATH");
        }
        if (!folders.exists(source)) {
            throw ApiException.notFound("No files & folder found at sourceFolderPath `" + asRequested + "`.")
                    .reason("NO_FILES_FOLDER");
        }
        String target = FileRecord.pathOf(destination, nameOf(source));
        if (target.equals(source)) {
            throw ApiException.badRequest("The folder is already in destinationPath: source and destination are the"
                    + " same folder.").reason("SAME_SOURCE_AND_DESTINATION");
        }
        checkSize(source);
        return target;
    }

    /** Validates a rename and returns the folder's new path (409 when a folder of that name is there already). */
    public String checkRename(String folderPath, String newName) {
        if (folderPath.equals("/")) {
            throw ApiException.badRequest("folderPath cannot be root.");
        }
        if (!folders.exists(folderPath)) {
            throw ApiException.notFound("Source folder not found.");
        }
        String target = FileRecord.pathOf(parentOf(folderPath), newName);
        if (folders.exists(target)) {
            throw new ApiException(HttpStatus.CONFLICT, "Folder with name " + newName
                    + " already exists at the same location.");
        }
        return target;
    }

    private void checkSize(String folderPath) {
        checkObjectCount(folders.countTree(folderPath));
    }

    static void checkObjectCount(long count) {
        if (count > MAX_OBJECTS) {
            throw ApiException.badRequest("Total nested assets (files, folders and file versions) are more than"
                    + " allowed limit of " + MAX_OBJECTS + " items.").reason("TOO_MANY_OBJECTS");
        }
    }

    /** {@code /a/b/c} rebased from {@code /a/b} to {@code /x/b} is {@code /x/b/c}. */
    static String rebase(String path, String from, String to) {
        return to + path.substring(from.length());
    }

    static String nameOf(String folderPath) {
        return folderPath.substring(folderPath.lastIndexOf('/') + 1);
    }

    static String parentOf(String folderPath) {
        int slash = folderPath.lastIndexOf('/');
        return slash == 0 ? "/" : folderPath.substring(0, slash);
    }

    /**
     * A folder path parameter (Names' rules): missing → 400 {@code MISSING_PARAMETER}, invalid → 400
     * {@code INVALID_FOLDER_PATH}.
     */
    public static String folderParam(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.badRequest(field + " parameter is missing.").reason("MISSING_PARAMETER");
        }
        try {
            return Names.folder(raw, field);
        } catch (ApiException e) {
            throw e.reason("INVALID_FOLDER_PATH");
        }
    }

    /**
     * A new folder's name: Names' file-name rules (other characters become {@code _}), where {@code .}, {@code ..}
     * and separators are refused with 400 {@code INVALID_FOLDER_PATH}.
     */
    public static String folderNameParam(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.badRequest(field + " parameter is missing.").reason("MISSING_PARAMETER");
        }
        String name = raw.strip();
        if (name.equals(".") || name.equals("..")) {
            throw ApiException.badRequest("'.' & '..' can not be used as folder-name").reason("INVALID_FOLDER_PATH");
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            throw ApiException.badRequest("Invalid " + field + " parameter: a folder name must not contain '/' or"
                    + " '\\'.").reason("INVALID_FOLDER_PATH");
        }
        try {
            return Names.fileName(name, field);
        } catch (ApiException e) {
            throw e.reason("INVALID_FOLDER_PATH");
        }
    }
}
