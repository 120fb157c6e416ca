package dev.pixkit.server.cleanup;

import dev.pixkit.server.system.ApiException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Pixkit's storage consistency check over HTTP (an extension; private key, like all of {@code /v1/**}):
 * {@code GET /v1/pixkit/fsck} checks and changes nothing, {@code POST /v1/pixkit/fsck?repair=true} repairs and then
 * reports what remains. Both answer the {@link FsckReport} as JSON with status 200, whatever was found.
 */
@RestController
class FsckController {
    private final Fsck fsck;

    FsckController(Fsck fsck) {
        this.fsck = fsck;
    }

    @GetMapping("/v1/pixkit/fsck")
    FsckReport check(@RequestParam(required = false) String repair) {
        if (repair != null && !repair.equals("false")) {
            throw ApiException.badRequest("GET only checks: use POST /v1/pixkit/fsck?repair=true to repair.");
        }
        return fsck.check();
    }

    @PostMapping("/v1/pixkit/fsck")
    FsckReport run(@RequestParam(required = false) String repair) {
        if (repair != null && !repair.equals("true") && !repair.equals("false")) {
            throw ApiException.badRequest("repair must be true or false.");
        }
        return "true".equals(repair) ? fsck.repair() : fsck.check();
    }
}
