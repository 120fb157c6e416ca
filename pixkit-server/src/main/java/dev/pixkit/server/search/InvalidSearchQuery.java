package dev.pixkit.server.search;

import dev.pixkit.server.system.ApiException;
import org.springframework.http.HttpStatus;

/**
 * A searchQuery that cannot be parsed or does not fit the fields it names: a 400 whose message says where (the
 * 1-based character position; one past the last character means "at the end") and what was expected.
 */
final class InvalidSearchQuery extends ApiException {
    private final int position;

    InvalidSearchQuery(int position, String detail) {
        super(HttpStatus.BAD_REQUEST, "Invalid searchQuery at position " + position + ": " + detail + ".");
        this.position = position;
    }

    /** A problem with the query as a whole (its length), not at one place. */
    InvalidSearchQuery(String detail) {
        super(HttpStatus.BAD_REQUEST, "Invalid searchQuery: " + detail + ".");
        this.position = 0;
    }

    /** 1-based; 0 when the problem is not at one place. */
    int position() {
        return position;
    }
}
