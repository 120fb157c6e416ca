package dev.pixkit.url.transform;

/** {@code f q pr lo md cp orig}. Null components were not given. */
public record Output(
        Format format,
        Integer quality,
        Boolean progressive,
        Boolean lossless,
        Boolean metadata,
        Boolean colorProfile,
        Boolean original) {

    public static final Output NONE = new Output(null, null, null, null, null, null, null);

    /** {@code f-…}; {@code jpeg} parses as {@link #JPG}. */
    public enum Format {
        AUTO("auto"), JPG("jpg"), PNG("png"), WEBP("webp"), AVIF("avif"), GIF("gif"), ORIG("orig");

        private final String token;

        Format(String token) {
            this.token = token;
        }

        public String token() {
            return token;
        }
    }
}
