package dev.pixkit.imaging.vips;

import java.lang.foreign.MemorySegment;

/** Reading NUL-terminated UTF-8 strings owned by native code. */
final class CStrings {

    private CStrings() {}

    /** The string at {@code pointer}, or {@code null} for a NULL pointer. Does not free anything. */
    static String read(MemorySegment pointer) {
        if (pointer == null || pointer.equals(MemorySegment.NULL)) {
            return null;
        }
        return pointer.reinterpret(Long.MAX_VALUE).getString(0);
    }
}
