package dev.pixkit.server.catalog;

import java.security.SecureRandom;
import java.util.HexFormat;

/** 24-hex-digit identifiers shaped like ImageKit's (4 bytes of seconds, 8 random bytes), sortable by creation. */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    public static String next() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        long secs = System.currentTimeMillis() / 1000;
        b[0] = (byte) (secs >>> 24);
        b[1] = (byte) (secs >>> 16);
        b[2] = (byte) (secs >>> 8);
        b[3] = (byte) secs;
        return HexFormat.of().formatHex(b);
    }
}
