package dev.pixkit.imaging.vips;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Decides which libvips shared library to use and opens it.
 *
 * <p>Order: system property {@value #PROPERTY}, then environment variable {@value #ENV}, then
 * {@value #DEFAULT} (resolved by the dynamic linker, e.g. Debian's {@code libvips42}).
 */
final class LibraryLoader {

    static final String PROPERTY = "pixkit.vips.library";
    static final String ENV = "PIXKIT_VIPS_LIBRARY";
    static final String DEFAULT = "libvips.so.42";

    /** The library to open and where that choice came from. */
    record Choice(String library, String source) {}

    private LibraryLoader() {}

    static Choice resolve() {
        String prop = System.getProperty(PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return new Choice(prop.strip(), "system property " + PROPERTY);
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return new Choice(env.strip(), "environment variable " + ENV);
        }
        return new Choice(DEFAULT, "default");
    }

    /** Opens the library for the lifetime of the process (libvips cannot be unloaded). */
    static SymbolLookup open(Choice choice) {
        String library = choice.library();
        if (library.indexOf('/') >= 0 && !Files.isRegularFile(Path.of(library))) {
            throw failure(choice, "no such file", null);
        }
        try {
            return SymbolLookup.libraryLookup(library, Arena.global());
        } catch (IllegalArgumentException | IllegalCallerException e) {
            throw failure(choice, e.getMessage(), e);
        }
    }

    static VipsLibraryException failure(Choice choice, String reason, Throwable cause) {
        String message = "Cannot load libvips from '" + choice.library() + "' (" + choice.source() + "): "
                + reason + ". Fix: install libvips (Debian/Ubuntu: apt-get install libvips42) or set the "
                + ENV + " environment variable (or -D" + PROPERTY + ") to the path of a libvips shared"
                + " library such as <dataDir>/tools/libvips-cpp.so.8.17.3.";
        return new VipsLibraryException(choice.library(), message, cause);
    }
}
