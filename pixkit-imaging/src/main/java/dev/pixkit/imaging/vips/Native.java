package dev.pixkit.imaging.vips;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * Raw downcalls into libvips, GObject and GLib. Every handle is a static final, created once when
 * this class initialises (which is also when the library is opened). Only {@link VipsRuntime}
 * touches this class first, so a load failure surfaces as a {@link VipsLibraryException}.
 *
 * <p>C types: {@code GType} and {@code size_t} are 64-bit ({@code long}); {@code gboolean} is
 * {@code int}. Pointers are {@link MemorySegment}s of size zero.
 */
final class Native {

    static final LibraryLoader.Choice CHOICE = LibraryLoader.resolve();
    private static final SymbolLookup LOOKUP = LibraryLoader.open(CHOICE);
    private static final Linker LINKER = Linker.nativeLinker();

    private Native() {}

    // ---- libvips lifecycle, configuration and counters ----
    private static final MethodHandle VIPS_INIT = h("vips_init", JAVA_INT, ADDRESS);
    private static final MethodHandle VIPS_VERSION = h("vips_version", JAVA_INT, JAVA_INT);
    private static final MethodHandle CACHE_SET_MAX = h("vips_cache_set_max", null, JAVA_INT);
    private static final MethodHandle CACHE_SET_MAX_MEM = h("vips_cache_set_max_mem", null, JAVA_LONG);
    private static final MethodHandle CACHE_SET_MAX_FILES = h("vips_cache_set_max_files", null, JAVA_INT);
    private static final MethodHandle CONCURRENCY_SET = h("vips_concurrency_set", null, JAVA_INT);
    private static final MethodHandle CONCURRENCY_GET = h("vips_concurrency_get", JAVA_INT);
    private static final MethodHandle BLOCK_UNTRUSTED_SET = h("vips_block_untrusted_set", null, JAVA_INT);
    private static final MethodHandle OBJECT_MAP = h("vips_object_map", ADDRESS, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle TRACKED_MEM = h("vips_tracked_get_mem", JAVA_LONG);
    private static final MethodHandle TRACKED_MEM_HIGHWATER = h("vips_tracked_get_mem_highwater", JAVA_LONG);
    private static final MethodHandle TRACKED_ALLOCS = h("vips_tracked_get_allocs", JAVA_INT);
    private static final MethodHandle TRACKED_FILES = h("vips_tracked_get_files", JAVA_INT);
    private static final MethodHandle ERROR_BUFFER_COPY = h("vips_error_buffer_copy", ADDRESS);
    private static final MethodHandle ERROR_CLEAR = h("vips_error_clear", null);

    // ---- operations and arguments ----
    private static final MethodHandle OPERATION_NEW = h("vips_operation_new", ADDRESS, ADDRESS);
    private static final MethodHandle OBJECT_GET_ARGUMENT =
            h("vips_object_get_argument", JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle OBJECT_GET_ARGS =
            h("vips_object_get_args", JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle CACHE_OPERATION_BUILDP = h("vips_cache_operation_buildp", JAVA_INT, ADDRESS);
    private static final MethodHandle OBJECT_UNREF_OUTPUTS = h("vips_object_unref_outputs", null, ADDRESS);
    private static final MethodHandle TYPE_FIND = h("vips_type_find", JAVA_LONG, ADDRESS, ADDRESS);
    private static final MethodHandle NICKNAME_FIND = h("vips_nickname_find", ADDRESS, JAVA_LONG);
    private static final MethodHandle ENUM_FROM_NICK = h("vips_enum_from_nick", JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS);
    private static final MethodHandle FLAGS_FROM_NICK = h("vips_flags_from_nick", JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS);
    private static final MethodHandle ENUM_NICK = h("vips_enum_nick", ADDRESS, JAVA_LONG, JAVA_INT);
    private static final MethodHandle INTERPOLATE_NEW = h("vips_interpolate_new", ADDRESS, ADDRESS);
    private static final MethodHandle FOREIGN_FIND_LOAD = h("vips_foreign_find_load", ADDRESS, ADDRESS);
    private static final MethodHandle FOREIGN_FIND_LOAD_BUFFER =
            h("vips_foreign_find_load_buffer", ADDRESS, ADDRESS, JAVA_LONG);

    private static final MethodHandle SOURCE_NEW_FROM_FILE = h("vips_source_new_from_file", ADDRESS, ADDRESS);

    // ---- boxed values ----
    private static final MethodHandle BLOB_COPY = hCritical("vips_blob_copy", ADDRESS, ADDRESS, JAVA_LONG);
    private static final MethodHandle BLOB_GET = h("vips_blob_get", ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle AREA_UNREF = h("vips_area_unref", null, ADDRESS);
    private static final MethodHandle VALUE_SET_ARRAY_DOUBLE =
            h("vips_value_set_array_double", null, ADDRESS, ADDRESS, JAVA_INT);
    private static final MethodHandle VALUE_SET_ARRAY_INT = h("vips_value_set_array_int", null, ADDRESS, ADDRESS, JAVA_INT);
    private static final MethodHandle VALUE_GET_ARRAY_DOUBLE = h("vips_value_get_array_double", ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle VALUE_GET_ARRAY_INT = h("vips_value_get_array_int", ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle VALUE_GET_ARRAY_IMAGE = h("vips_value_get_array_image", ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle ARRAY_IMAGE_NEW = h("vips_array_image_new", ADDRESS, ADDRESS, JAVA_INT);
    private static final MethodHandle VALUE_SET_REF_STRING = h("vips_value_set_ref_string", null, ADDRESS, ADDRESS);
    private static final MethodHandle VALUE_GET_REF_STRING = h("vips_value_get_ref_string", ADDRESS, ADDRESS, ADDRESS);

    // ---- images ----
    private static final MethodHandle IMAGE_GET_WIDTH = h("vips_image_get_width", JAVA_INT, ADDRESS);
    private static final MethodHandle IMAGE_GET_HEIGHT = h("vips_image_get_height", JAVA_INT, ADDRESS);
    private static final MethodHandle IMAGE_GET_BANDS = h("vips_image_get_bands", JAVA_INT, ADDRESS);
    private static final MethodHandle IMAGE_GET_FORMAT = h("vips_image_get_format", JAVA_INT, ADDRESS);
    private static final MethodHandle IMAGE_GET_INTERPRETATION = h("vips_image_get_interpretation", JAVA_INT, ADDRESS);
    private static final MethodHandle IMAGE_HASALPHA = h("vips_image_hasalpha", JAVA_INT, ADDRESS);
    private static final MethodHandle IMAGE_GET_N_PAGES = h("vips_image_get_n_pages", JAVA_INT, ADDRESS);
    private static final MethodHandle IMAGE_GET_PAGE_HEIGHT = h("vips_image_get_page_height", JAVA_INT, ADDRESS);
    private static final MethodHandle IMAGE_GET_TYPEOF = h("vips_image_get_typeof", JAVA_LONG, ADDRESS, ADDRESS);
    private static final MethodHandle IMAGE_GET_INT = h("vips_image_get_int", JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle IMAGE_GET_DOUBLE = h("vips_image_get_double", JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle IMAGE_GET_STRING = h("vips_image_get_string", JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle IMAGE_SET_INT = h("vips_image_set_int", null, ADDRESS, ADDRESS, JAVA_INT);
    private static final MethodHandle IMAGE_SET_DOUBLE = h("vips_image_set_double", null, ADDRESS, ADDRESS, JAVA_DOUBLE);
    private static final MethodHandle IMAGE_SET_STRING = h("vips_image_set_string", null, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle IMAGE_REMOVE = h("vips_image_remove", JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle IMAGE_GET_BLOB =
            h("vips_image_get_blob", JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle IMAGE_WRITE_TO_MEMORY = h("vips_image_write_to_memory", ADDRESS, ADDRESS, ADDRESS);

    // ---- GObject / GLib ----
    private static final MethodHandle G_OBJECT_REF = h("g_object_ref", ADDRESS, ADDRESS);
    private static final MethodHandle G_OBJECT_UNREF = h("g_object_unref", null, ADDRESS);
    private static final MethodHandle G_OBJECT_SET_PROPERTY = h("g_object_set_property", null, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle G_OBJECT_GET_PROPERTY = h("g_object_get_property", null, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle G_TYPE_FUNDAMENTAL = h("g_type_fundamental", JAVA_LONG, JAVA_LONG);
    private static final MethodHandle G_TYPE_IS_A = h("g_type_is_a", JAVA_INT, JAVA_LONG, JAVA_LONG);
    private static final MethodHandle G_TYPE_TEST_FLAGS = h("g_type_test_flags", JAVA_INT, JAVA_LONG, JAVA_INT);
    private static final MethodHandle G_TYPE_NAME = h("g_type_name", ADDRESS, JAVA_LONG);
    private static final MethodHandle G_TYPE_FROM_NAME = h("g_type_from_name", JAVA_LONG, ADDRESS);
    private static final MethodHandle G_FREE = h("g_free", null, ADDRESS);
    private static final MethodHandle G_LOG_SET_HANDLER = h("g_log_set_handler", JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle G_VALUE_INIT = h("g_value_init", ADDRESS, ADDRESS, JAVA_LONG);
    private static final MethodHandle G_VALUE_UNSET = h("g_value_unset", null, ADDRESS);
    private static final MethodHandle G_VALUE_SET_BOOLEAN = h("g_value_set_boolean", null, ADDRESS, JAVA_INT);
    private static final MethodHandle G_VALUE_GET_BOOLEAN = h("g_value_get_boolean", JAVA_INT, ADDRESS);
    private static final MethodHandle G_VALUE_SET_INT = h("g_value_set_int", null, ADDRESS, JAVA_INT);
    private static final MethodHandle G_VALUE_GET_INT = h("g_value_get_int", JAVA_INT, ADDRESS);
    private static final MethodHandle G_VALUE_SET_UINT = h("g_value_set_uint", null, ADDRESS, JAVA_INT);
    private static final MethodHandle G_VALUE_GET_UINT = h("g_value_get_uint", JAVA_INT, ADDRESS);
    private static final MethodHandle G_VALUE_SET_INT64 = h("g_value_set_int64", null, ADDRESS, JAVA_LONG);
    private static final MethodHandle G_VALUE_GET_INT64 = h("g_value_get_int64", JAVA_LONG, ADDRESS);
    private static final MethodHandle G_VALUE_SET_UINT64 = h("g_value_set_uint64", null, ADDRESS, JAVA_LONG);
    private static final MethodHandle G_VALUE_GET_UINT64 = h("g_value_get_uint64", JAVA_LONG, ADDRESS);
    private static final MethodHandle G_VALUE_SET_DOUBLE = h("g_value_set_double", null, ADDRESS, JAVA_DOUBLE);
    private static final MethodHandle G_VALUE_GET_DOUBLE = h("g_value_get_double", JAVA_DOUBLE, ADDRESS);
    private static final MethodHandle G_VALUE_SET_FLOAT = h("g_value_set_float", null, ADDRESS, JAVA_FLOAT);
    private static final MethodHandle G_VALUE_GET_FLOAT = h("g_value_get_float", JAVA_FLOAT, ADDRESS);
    private static final MethodHandle G_VALUE_SET_STRING = h("g_value_set_string", null, ADDRESS, ADDRESS);
    private static final MethodHandle G_VALUE_GET_STRING = h("g_value_get_string", ADDRESS, ADDRESS);
    private static final MethodHandle G_VALUE_SET_ENUM = h("g_value_set_enum", null, ADDRESS, JAVA_INT);
    private static final MethodHandle G_VALUE_GET_ENUM = h("g_value_get_enum", JAVA_INT, ADDRESS);
    private static final MethodHandle G_VALUE_SET_FLAGS = h("g_value_set_flags", null, ADDRESS, JAVA_INT);
    private static final MethodHandle G_VALUE_GET_FLAGS = h("g_value_get_flags", JAVA_INT, ADDRESS);
    private static final MethodHandle G_VALUE_SET_OBJECT = h("g_value_set_object", null, ADDRESS, ADDRESS);
    private static final MethodHandle G_VALUE_GET_OBJECT = h("g_value_get_object", ADDRESS, ADDRESS);
    private static final MethodHandle G_VALUE_SET_BOXED = h("g_value_set_boxed", null, ADDRESS, ADDRESS);
    private static final MethodHandle G_VALUE_GET_BOXED = h("g_value_get_boxed", ADDRESS, ADDRESS);

    private static MethodHandle h(String name, MemoryLayout result, MemoryLayout... args) {
        return LINKER.downcallHandle(symbol(name), descriptor(result, args));
    }

    /** A downcall that may receive heap segments (used to copy a Java byte[] once, straight into libvips). */
    private static MethodHandle hCritical(String name, MemoryLayout result, MemoryLayout... args) {
        return LINKER.downcallHandle(symbol(name), descriptor(result, args), Linker.Option.critical(true));
    }

    private static FunctionDescriptor descriptor(MemoryLayout result, MemoryLayout... args) {
        return result == null ? FunctionDescriptor.ofVoid(args) : FunctionDescriptor.of(result, args);
    }

    private static MemorySegment symbol(String name) {
        return LOOKUP.find(name).orElseThrow(() -> LibraryLoader.failure(CHOICE,
                "symbol " + name + " not found (is it libvips 8.14 or newer, exporting the GObject API?)", null));
    }

    /** Calls a parameterless {@code *_get_type()} function; callers cache the result. */
    static long type(String getTypeFunction) {
        try {
            return (long) h(getTypeFunction, JAVA_LONG).invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("native call failed", t);
    }

    // ================= wrappers =================

    static int vipsInit(MemorySegment argv0) {
        try { return (int) VIPS_INIT.invokeExact(argv0); } catch (Throwable t) { throw rethrow(t); }
    }

    static int vipsVersion(int flag) {
        try { return (int) VIPS_VERSION.invokeExact(flag); } catch (Throwable t) { throw rethrow(t); }
    }

    static void cacheSetMax(int max) {
        try { CACHE_SET_MAX.invokeExact(max); } catch (Throwable t) { throw rethrow(t); }
    }

    static void cacheSetMaxMem(long max) {
        try { CACHE_SET_MAX_MEM.invokeExact(max); } catch (Throwable t) { throw rethrow(t); }
    }

    static void cacheSetMaxFiles(int max) {
        try { CACHE_SET_MAX_FILES.invokeExact(max); } catch (Throwable t) { throw rethrow(t); }
    }

    static void concurrencySet(int n) {
        try { CONCURRENCY_SET.invokeExact(n); } catch (Throwable t) { throw rethrow(t); }
    }

    static int concurrencyGet() {
        try { return (int) CONCURRENCY_GET.invokeExact(); } catch (Throwable t) { throw rethrow(t); }
    }

    static void blockUntrustedSet(boolean state) {
        try { BLOCK_UNTRUSTED_SET.invokeExact(state ? 1 : 0); } catch (Throwable t) { throw rethrow(t); }
    }

    static MemorySegment objectMap(MemorySegment fn, MemorySegment a, MemorySegment b) {
        try { return (MemorySegment) OBJECT_MAP.invokeExact(fn, a, b); } catch (Throwable t) { throw rethrow(t); }
    }

    static long trackedMem() {
        try { return (long) TRACKED_MEM.invokeExact(); } catch (Throwable t) { throw rethrow(t); }
    }

    static long trackedMemHighwater() {
        try { return (long) TRACKED_MEM_HIGHWATER.invokeExact(); } catch (Throwable t) { throw rethrow(t); }
    }

    static int trackedAllocs() {
        try { return (int) TRACKED_ALLOCS.invokeExact(); } catch (Throwable t) { throw rethrow(t); }
    }

    static int trackedFiles() {
        try { return (int) TRACKED_FILES.invokeExact(); } catch (Throwable t) { throw rethrow(t); }
    }

    static MemorySegment errorBufferCopy() {
        try { return (MemorySegment) ERROR_BUFFER_COPY.invokeExact(); } catch (Throwable t) { throw rethrow(t); }
    }

    static void errorClear() {
        try { ERROR_CLEAR.invokeExact(); } catch (Throwable t) { throw rethrow(t); }
    }

    static MemorySegment operationNew(MemorySegment name) {
        try { return (MemorySegment) OPERATION_NEW.invokeExact(name); } catch (Throwable t) { throw rethrow(t); }
    }

    static int objectGetArgument(MemorySegment object, MemorySegment name, MemorySegment pspec,
                                 MemorySegment argumentClass, MemorySegment argumentInstance) {
        try {
            return (int) OBJECT_GET_ARGUMENT.invokeExact(object, name, pspec, argumentClass, argumentInstance);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int objectGetArgs(MemorySegment object, MemorySegment names, MemorySegment flags, MemorySegment nArgs) {
        try { return (int) OBJECT_GET_ARGS.invokeExact(object, names, flags, nArgs); } catch (Throwable t) { throw rethrow(t); }
    }

    static int cacheOperationBuildp(MemorySegment operationPtr) {
        try { return (int) CACHE_OPERATION_BUILDP.invokeExact(operationPtr); } catch (Throwable t) { throw rethrow(t); }
    }

    static void objectUnrefOutputs(MemorySegment object) {
        try { OBJECT_UNREF_OUTPUTS.invokeExact(object); } catch (Throwable t) { throw rethrow(t); }
    }

    static long typeFind(MemorySegment basename, MemorySegment nickname) {
        try { return (long) TYPE_FIND.invokeExact(basename, nickname); } catch (Throwable t) { throw rethrow(t); }
    }

    static MemorySegment nicknameFind(long type) {
        try { return (MemorySegment) NICKNAME_FIND.invokeExact(type); } catch (Throwable t) { throw rethrow(t); }
    }

    static int enumFromNick(MemorySegment domain, long type, MemorySegment nick) {
        try { return (int) ENUM_FROM_NICK.invokeExact(domain, type, nick); } catch (Throwable t) { throw rethrow(t); }
    }

    static int flagsFromNick(MemorySegment domain, long type, MemorySegment nick) {
        try { return (int) FLAGS_FROM_NICK.invokeExact(domain, type, nick); } catch (Throwable t) { throw rethrow(t); }
    }

    static MemorySegment enumNick(long type, int value) {
        try { return (MemorySegment) ENUM_NICK.invokeExact(type, value); } catch (Throwable t) { throw rethrow(t); }
    }

    static MemorySegment interpolateNew(MemorySegment nickname) {
        try { return (MemorySegment) INTERPOLATE_NEW.invokeExact(nickname); } catch (Throwable t) { throw rethrow(t); }
    }

    static MemorySegment foreignFindLoad(MemorySegment filename) {
        try { return (MemorySegment) FOREIGN_FIND_LOAD.invokeExact(filename); } catch (Throwable t) { throw rethrow(t); }
    }

    static MemorySegment foreignFindLoadBuffer(MemorySegment data, long size) {
        try { return (MemorySegment) FOREIGN_FIND_LOAD_BUFFER.invokeExact(data, size); } catch (Throwable t) { throw rethrow(t); }
    }

    static MemorySegment sourceNewFromFile(MemorySegment filename) {
        try { return (MemorySegment) SOURCE_NEW_FROM_FILE.invokeExact(filename); } catch (Throwable t) { throw rethrow(t); }
    }

    /** {@code data} may be a heap segment (critical downcall): libvips copies it into its own memory. */
    static MemorySegment blobCopy(MemorySegment data, long length) {
        try { return (MemorySegment) BLOB_COPY.invokeExact(data, length); } catch (Throwable t) { throw rethrow(t); }
    }

    static MemorySegment blobGet(MemorySegment blob, MemorySegment length) {
        try { return (MemorySegment) BLOB_GET.invokeExact(blob, length); } catch (Throwable t) { throw rethrow(t); }
    }

    static void areaUnref(MemorySegment area) {
        try { AREA_UNREF.invokeExact(area); } catch (Throwable t) { throw rethrow(t); }
    }

    static void valueSetArrayDouble(MemorySegment value, MemorySegment array, int n) {
        try { VALUE_SET_ARRAY_DOUBLE.invokeExact(value, array, n); } catch (Throwable t) { throw rethrow(t); }
    }

    static void valueSetArrayInt(MemorySegment value, MemorySegment array, int n) {
        try { VALUE_SET_ARRAY_INT.invokeExact(value, array, n); } catch (Throwable t) { throw rethrow(t); }
    }

    static MemorySegment valueGetArrayDouble(MemorySegment value, MemorySegment n) {
        try { return (MemorySegment) VALUE_GET_ARRAY_DOUBLE.invokeExact(value, n); } catch (Throwable t) { throw rethrow(t); }
    }

    static MemorySegment valueGetArrayInt(MemorySegment value, MemorySegment n) {
        try { return (MemorySegment) VALUE_GET_ARRAY_INT.invokeExact(value, n); } catch (Throwable t) { throw rethrow(t); }
    }

    static MemorySegment valueGetArrayImage(MemorySegment value, MemorySegment n) {
        try { return (MemorySegment) VALUE_GET_ARRAY_IMAGE.invokeExact(value, n); } catch (Throwable t) { throw rethrow(t); }
    }

    static MemorySegment arrayImageNew(MemorySegment images, int n) {
        try { return (MemorySegment) ARRAY_IMAGE_NEW.invokeExact(images, n); } catch (Throwable t) { throw rethrow(t); }
    }

    static void valueSetRefString(MemorySegment value, MemorySegment string) {
        try { VALUE_SET_REF_STRING.invokeExact(value, string); } catch (Throwable t) { throw rethrow(t); }
    }

    static MemorySegment valueGetRefString(MemorySegment value, MemorySegment length) {
        try { return (MemorySegment) VALUE_GET_REF_STRING.invokeExact(value, length); } catch (Throwable t) { throw rethrow(t); }
    }

    static int imageGetWidth(MemorySegment image) {
        try { return (int) IMAGE_GET_WIDTH.invokeExact(image); } catch (Throwable t) { throw rethrow(t); }
    }

    static int imageGetHeight(MemorySegment image) {
        try { return (int) IMAGE_GET_HEIGHT.invokeExact(image); } catch (Throwable t) { throw rethrow(t); }
    }

    static int imageGetBands(MemorySegment image) {
        try { return (int) IMAGE_GET_BANDS.invokeExact(image); } catch (Throwable t) { throw rethrow(t); }
    }

    static int imageGetFormat(MemorySegment image) {
        try { return (int) IMAGE_GET_FORMAT.invokeExact(image); } catch (Throwable t) { throw rethrow(t); }
    }

    static int imageGetInterpretation(MemorySegment image) {
        try { return (int) IMAGE_GET_INTERPRETATION.invokeExact(image); } catch (Throwable t) { throw rethrow(t); }
    }

    static boolean imageHasAlpha(MemorySegment image) {
        try { return (int) IMAGE_HASALPHA.invokeExact(image) != 0; } catch (Throwable t) { throw rethrow(t); }
    }

    static int imageGetNPages(MemorySegment image) {
        try { return (int) IMAGE_GET_N_PAGES.invokeExact(image); } catch (Throwable t) { throw rethrow(t); }
    }

    static int imageGetPageHeight(MemorySegment image) {
        try { return (int) IMAGE_GET_PAGE_HEIGHT.invokeExact(image); } catch (Throwable t) { throw rethrow(t); }
    }

    static long imageGetTypeof(MemorySegment image, MemorySegment name) {
        try { return (long) IMAGE_GET_TYPEOF.invokeExact(image, name); } catch (Throwable t) { throw rethrow(t); }
    }

    static int imageGetInt(MemorySegment image, MemorySegment name, MemorySegment out) {
        try { return (int) IMAGE_GET_INT.invokeExact(image, name, out); } catch (Throwable t) { throw rethrow(t); }
    }

    static int imageGetDouble(MemorySegment image, MemorySegment name, MemorySegment out) {
        try { return (int) IMAGE_GET_DOUBLE.invokeExact(image, name, out); } catch (Throwable t) { throw rethrow(t); }
    }

    static int imageGetString(MemorySegment image, MemorySegment name, MemorySegment out) {
        try { return (int) IMAGE_GET_STRING.invokeExact(image, name, out); } catch (Throwable t) { throw rethrow(t); }
    }

    static void imageSetInt(MemorySegment image, MemorySegment name, int value) {
        try { IMAGE_SET_INT.invokeExact(image, name, value); } catch (Throwable t) { throw rethrow(t); }
    }

    static void imageSetDouble(MemorySegment image, MemorySegment name, double value) {
        try { IMAGE_SET_DOUBLE.invokeExact(image, name, value); } catch (Throwable t) { throw rethrow(t); }
    }

    static void imageSetString(MemorySegment image, MemorySegment name, MemorySegment value) {
        try { IMAGE_SET_STRING.invokeExact(image, name, value); } catch (Throwable t) { throw rethrow(t); }
    }

    static boolean imageRemove(MemorySegment image, MemorySegment name) {
        try { return (int) IMAGE_REMOVE.invokeExact(image, name) != 0; } catch (Throwable t) { throw rethrow(t); }
    }

    static int imageGetBlob(MemorySegment image, MemorySegment name, MemorySegment data, MemorySegment length) {
        try { return (int) IMAGE_GET_BLOB.invokeExact(image, name, data, length); } catch (Throwable t) { throw rethrow(t); }
    }

    /** Computes every pixel into a new g_malloc'd buffer (free with {@link #gFree}); NULL on failure. */
    static MemorySegment imageWriteToMemory(MemorySegment image, MemorySegment size) {
        try { return (MemorySegment) IMAGE_WRITE_TO_MEMORY.invokeExact(image, size); } catch (Throwable t) { throw rethrow(t); }
    }

    static MemorySegment gObjectRef(MemorySegment object) {
        try { return (MemorySegment) G_OBJECT_REF.invokeExact(object); } catch (Throwable t) { throw rethrow(t); }
    }

    static void gObjectUnref(MemorySegment object) {
        try { G_OBJECT_UNREF.invokeExact(object); } catch (Throwable t) { throw rethrow(t); }
    }

    static void gObjectSetProperty(MemorySegment object, MemorySegment name, MemorySegment value) {
        try { G_OBJECT_SET_PROPERTY.invokeExact(object, name, value); } catch (Throwable t) { throw rethrow(t); }
    }

    static void gObjectGetProperty(MemorySegment object, MemorySegment name, MemorySegment value) {
        try { G_OBJECT_GET_PROPERTY.invokeExact(object, name, value); } catch (Throwable t) { throw rethrow(t); }
    }

    static long gTypeFundamental(long type) {
        try { return (long) G_TYPE_FUNDAMENTAL.invokeExact(type); } catch (Throwable t) { throw rethrow(t); }
    }

    static boolean gTypeIsA(long type, long isAType) {
        try { return (int) G_TYPE_IS_A.invokeExact(type, isAType) != 0; } catch (Throwable t) { throw rethrow(t); }
    }

    static boolean gTypeTestFlags(long type, int flags) {
        try { return (int) G_TYPE_TEST_FLAGS.invokeExact(type, flags) != 0; } catch (Throwable t) { throw rethrow(t); }
    }

    static MemorySegment gTypeName(long type) {
        try { return (MemorySegment) G_TYPE_NAME.invokeExact(type); } catch (Throwable t) { throw rethrow(t); }
    }

    static long gTypeFromName(MemorySegment name) {
        try { return (long) G_TYPE_FROM_NAME.invokeExact(name); } catch (Throwable t) { throw rethrow(t); }
    }

    static int gLogSetHandler(MemorySegment domain, int levels, MemorySegment handler, MemorySegment data) {
        try { return (int) G_LOG_SET_HANDLER.invokeExact(domain, levels, handler, data); } catch (Throwable t) { throw rethrow(t); }
    }

    static void gFree(MemorySegment pointer) {
        try { G_FREE.invokeExact(pointer); } catch (Throwable t) { throw rethrow(t); }
    }

    static void gValueInit(MemorySegment value, long type) {
        try { MemorySegment _ = (MemorySegment) G_VALUE_INIT.invokeExact(value, type); } catch (Throwable t) { throw rethrow(t); }
    }

    static void gValueUnset(MemorySegment value) {
        try { G_VALUE_UNSET.invokeExact(value); } catch (Throwable t) { throw rethrow(t); }
    }

    static void gValueSetBoolean(MemorySegment value, boolean b) {
        try { G_VALUE_SET_BOOLEAN.invokeExact(value, b ? 1 : 0); } catch (Throwable t) { throw rethrow(t); }
    }

    static boolean gValueGetBoolean(MemorySegment value) {
        try { return (int) G_VALUE_GET_BOOLEAN.invokeExact(value) != 0; } catch (Throwable t) { throw rethrow(t); }
    }

    static void gValueSetInt(MemorySegment value, int i) {
        try { G_VALUE_SET_INT.invokeExact(value, i); } catch (Throwable t) { throw rethrow(t); }
    }

    static int gValueGetInt(MemorySegment value) {
        try { return (int) G_VALUE_GET_INT.invokeExact(value); } catch (Throwable t) { throw rethrow(t); }
    }

    static void gValueSetUint(MemorySegment value, int i) {
        try { G_VALUE_SET_UINT.invokeExact(value, i); } catch (Throwable t) { throw rethrow(t); }
    }

    static int gValueGetUint(MemorySegment value) {
        try { return (int) G_VALUE_GET_UINT.invokeExact(value); } catch (Throwable t) { throw rethrow(t); }
    }

    static void gValueSetInt64(MemorySegment value, long l) {
        try { G_VALUE_SET_INT64.invokeExact(value, l); } catch (Throwable t) { throw rethrow(t); }
    }

    static long gValueGetInt64(MemorySegment value) {
        try { return (long) G_VALUE_GET_INT64.invokeExact(value); } catch (Throwable t) { throw rethrow(t); }
    }

    static void gValueSetUint64(MemorySegment value, long l) {
        try { G_VALUE_SET_UINT64.invokeExact(value, l); } catch (Throwable t) { throw rethrow(t); }
    }

    static long gValueGetUint64(MemorySegment value) {
        try { return (long) G_VALUE_GET_UINT64.invokeExact(value); } catch (Throwable t) { throw rethrow(t); }
    }

    static void gValueSetDouble(MemorySegment value, double d) {
        try { G_VALUE_SET_DOUBLE.invokeExact(value, d); } catch (Throwable t) { throw rethrow(t); }
    }

    static double gValueGetDouble(MemorySegment value) {
        try { return (double) G_VALUE_GET_DOUBLE.invokeExact(value); } catch (Throwable t) { throw rethrow(t); }
    }

    static void gValueSetFloat(MemorySegment value, float f) {
        try { G_VALUE_SET_FLOAT.invokeExact(value, f); } catch (Throwable t) { throw rethrow(t); }
    }

    static float gValueGetFloat(MemorySegment value) {
        try { return (float) G_VALUE_GET_FLOAT.invokeExact(value); } catch (Throwable t) { throw rethrow(t); }
    }

    static void gValueSetString(MemorySegment value, MemorySegment s) {
        try { G_VALUE_SET_STRING.invokeExact(value, s); } catch (Throwable t) { throw rethrow(t); }
    }

    static MemorySegment gValueGetString(MemorySegment value) {
        try { return (MemorySegment) G_VALUE_GET_STRING.invokeExact(value); } catch (Throwable t) { throw rethrow(t); }
    }

    static void gValueSetEnum(MemorySegment value, int e) {
        try { G_VALUE_SET_ENUM.invokeExact(value, e); } catch (Throwable t) { throw rethrow(t); }
    }

    static int gValueGetEnum(MemorySegment value) {
        try { return (int) G_VALUE_GET_ENUM.invokeExact(value); } catch (Throwable t) { throw rethrow(t); }
    }

    static void gValueSetFlags(MemorySegment value, int f) {
        try { G_VALUE_SET_FLAGS.invokeExact(value, f); } catch (Throwable t) { throw rethrow(t); }
    }

    static int gValueGetFlags(MemorySegment value) {
        try { return (int) G_VALUE_GET_FLAGS.invokeExact(value); } catch (Throwable t) { throw rethrow(t); }
    }

    static void gValueSetObject(MemorySegment value, MemorySegment object) {
        try { G_VALUE_SET_OBJECT.invokeExact(value, object); } catch (Throwable t) { throw rethrow(t); }
    }

    static MemorySegment gValueGetObject(MemorySegment value) {
        try { return (MemorySegment) G_VALUE_GET_OBJECT.invokeExact(value); } catch (Throwable t) { throw rethrow(t); }
    }

    static void gValueSetBoxed(MemorySegment value, MemorySegment boxed) {
        try { G_VALUE_SET_BOXED.invokeExact(value, boxed); } catch (Throwable t) { throw rethrow(t); }
    }

    static MemorySegment gValueGetBoxed(MemorySegment value) {
        try { return (MemorySegment) G_VALUE_GET_BOXED.invokeExact(value); } catch (Throwable t) { throw rethrow(t); }
    }
}
