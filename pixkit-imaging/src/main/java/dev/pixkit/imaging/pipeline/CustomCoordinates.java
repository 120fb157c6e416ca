package dev.pixkit.imaging.pipeline;

import java.util.Optional;

/**
 * A file's {@code customCoordinates} ({@code x,y,width,height} in the stored image's displayed orientation), the
 * focus area of {@code fo-custom}.
 */
public record CustomCoordinates(int x, int y, int width, int height) {

    public CustomCoordinates {
        if (x < 0 || y < 0 || width < 1 || height < 1) {
            throw new IllegalArgumentException("custom coordinates need x,y >= 0 and width,height >= 1, got "
                    + x + "," + y + "," + width + "," + height);
        }
    }

    /** Parses ImageKit's {@code "x,y,width,height"}; empty for null, blank or malformed text. */
    public static Optional<CustomCoordinates> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String[] parts = text.strip().split("\\s*,\\s*");
        if (parts.length != 4) {
            return Optional.empty();
        }
        try {
            return Optional.of(new CustomCoordinates(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                    Integer.parseInt(parts[2]), Integer.parseInt(parts[3])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    double centerX() {
        return x + width / 2.0;
    }

    double centerY() {
        return y + height / 2.0;
    }
}
