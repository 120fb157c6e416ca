package dev.pixkit.server.search;

import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/files}: ImageKit's list and search API (operation {@code list-and-search-assets}). The legacy
 * Node SDK calls {@code /v1/files/} with a trailing slash, so that is served too. Authentication is checked by the
 * API interceptor; every parameter is validated ({@link ListRequest}) before anything is queried.
 */
@RestController
class AssetsController {
    private final AssetSearch search;

    AssetsController(AssetSearch search) {
        this.search = search;
    }

    @GetMapping({"/v1/files", "/v1/files/"})
    List<Object> list(@RequestParam Map<String, String> parameters) {
        return search.search(ListRequest.parse(parameters::get));
    }
}
