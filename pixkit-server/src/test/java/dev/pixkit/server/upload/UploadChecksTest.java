package dev.pixkit.server.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pixkit.server.system.ApiException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code checks} language on one fixed upload: a 1.5 MB 1200×800 PNG for {@code fileName=dress.jpg},
 * {@code folder=/marketing/summer}, tags {@code sale,summer}, private, some custom metadata.
 */
class UploadChecksTest {
    private static final UploadChecks.Subject IMAGE = subject(1_572_864, "image/png", 1200, 800);
    private static final UploadChecks.Subject PDF = subject(2048, "application/pdf", null, null);

    private static UploadChecks.Subject subject(long size, String mime, Integer width, Integer height) {
        Map<String, String> f = new HashMap<>();
        f.put("fileName", "dress.jpg");
        f.put("folder", "marketing/summer/");
        f.put("tags", "sale,summer");
        f.put("isPrivateFile", "true");
        f.put("customMetadata", "{\"brand\":\"Nike\",\"price\":120,\"onSale\":true,\"sizes\":[\"S\",\"M\"],"
                + "\"launch\":\"2024-05-01\"}");
        UploadForm form = UploadForm.parse(f::get, JsonMapper.builder().build());
        return new UploadChecks.Subject(form, size, mime, width, height);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
        "request.folder" : "marketing/"                                   | true
        "request.folder" : "/marketing/summer/"                           | true
        "request.folder" : "market"                                       | true
        "request.folder" : "sales/"                                       | false
        "request.folder" = "/marketing/summer"                            | true
        "request.folder" = "marketing/summer/"                            | true
        "request.folder" NOT = marketing                                  | true
        'request.folder' IN ["/a", "/marketing/summer"]                   | true
        'request.folder' NOT IN ["/a", "/marketing/summer"]               | false
        "request.fileName" = "dress.jpg"                                  | true
        "request.fileName" : dress                                        | true
        "request.fileName" NOT = "dress.jpg"                              | false
        "request.useUniqueFileName" = true                                | true
        "request.isPrivateFile" = "false"                                 | false
        "request.isPrivateFile" NOT = false                               | true
        "request.isPublished" = true                                      | true
        "request.overwriteFile" = true AND "request.overwriteTags" = true | true
        "request.tags" HAS sale                                           | true
        "request.tags" HAS "winter"                                       | false
        "request.tags" NOT HAS winter                                     | true
        "request.customCoordinates" = "1,2,3,4"                           | false
        "request.customCoordinates" NOT = "1,2,3,4"                       | true
        "request.webhookUrl" NOT IN ["https://x"]                         | true
        "file.size" < "2mb"                                               | true
        "file.size" <= 1.5mb                                              | true
        "file.size" < 1.5MB                                               | false
        "file.size" > 1536kb                                              | false
        "file.size" >= 1536KB                                             | true
        "file.size" = 1572864                                             | true
        "file.size" > 1gb                                                 | false
        "file.mime" : image                                               | true
        "file.mime" = "image/png"                                         | true
        "file.mime" IN ["image/jpeg", "image/webp"]                       | false
        "file.mime" NOT IN ["image/jpeg", "image/webp"]                   | true
        "mediaMetadata.width" <= 1500 AND "mediaMetadata.height" <= 2000  | true
        "mediaMetadata.width" > 1200                                      | false
        "mediaMetadata.width" = 1200.0                                    | true
        "mediaMetadata.duration" < 10                                     | false
        "mediaMetadata.videoCodec" NOT = hevc                             | true
        "request.customMetadata.brand" = Nike                             | true
        "request.customMetadata.brand" : "Ni"                             | true
        "request.customMetadata.price" > 100                              | true
        "request.customMetadata.price" = "120.0"                          | true
        "request.customMetadata.price" NOT = 100                          | true
        "request.customMetadata.price" IN [100, 120]                      | true
        "request.customMetadata.onSale" = true                            | true
        "request.customMetadata.onSale" : true                            | false
        "request.customMetadata.sizes" HAS "M"                            | true
        "request.customMetadata.sizes" NOT HAS "L"                        | true
        "request.customMetadata.launch" < "2025-01-01"                    | true
        "request.customMetadata.missing" = x                              | false
        "request.customMetadata.missing" NOT = x                          | true
        "file.mime" : image OR ("mediaMetadata.videoCodec" = hevc AND "mediaMetadata.audioCodec" = aac) | true
        "file.mime" : video OR ("file.size" < 2mb AND "request.tags" HAS sale)                           | true
        "file.mime" : video OR "file.size" < 2mb AND "request.tags" HAS winter                           | false
        ("file.mime" : video OR "file.size" < 2mb) AND "request.tags" HAS sale                           | true
        "file.mime" : video or "request.tags" has sale and "request.isPrivateFile" = true                | true
        "request.folder" = "/marketing/summer" AND ("file.size" > 1kb AND ("file.mime" : "image/"))      | true
        'file.mime' = 'image/png'                                         | true
        "request.fileName" = "dress\\.jpg"                                | true
        """)
    void evaluates_as_documented(String checks, boolean expected) {
        assertThat(UploadChecks.parse(checks).test(IMAGE)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
        "mediaMetadata.width" < 100    | false
        "mediaMetadata.width" = 0      | false
        "file.mime" NOT : image        | syntax
        "file.mime" = "application/pdf" AND "file.size" = 2kb | true
        """)
    void fields_without_a_value_fail_positive_comparisons(String checks, String expected) {
        if (expected.equals("syntax")) {
            assertThatThrownBy(() -> UploadChecks.parse(checks)).isInstanceOf(ApiException.class);
            return;
        }
        assertThat(UploadChecks.parse(checks).test(PDF)).isEqualTo(Boolean.parseBoolean(expected));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "request.folder : marketing",              // unquoted field, as ImageKit refuses it too
        "\"request.folder\" marketing",            // no operator
        "\"request.folder\" =",                    // no value
        "\"request.folder\" = AND",                // a keyword is not a value
        "\"request.nope\" = x",                    // unknown field
        "\"request.customMetadata.\" = x",          // no custom field name
        "\"file.size\" : 10",                      // operator the field does not take
        "\"file.size\" NOT = 10",
        "\"request.tags\" = sale",
        "\"request.isPrivateFile\" : true",
        "\"request.isPrivateFile\" = yes",         // not a boolean
        "\"file.size\" < lots",                    // not a size
        "\"file.size\" < -1kb",
        "\"mediaMetadata.width\" > wide",
        "(\"file.size\" < 1mb",                    // unbalanced
        "\"file.size\" < 1mb)",
        "\"file.size\" < 1mb AND",
        "AND \"file.size\" < 1mb",
        "\"file.size\" < 1mb \"file.size\" > 1kb",  // missing AND/OR
        "\"file.mime\" IN [\"a\", ]",
        "\"file.mime\" IN [\"a\"",
        "\"file.mime\" = \"unterminated",
        "\"file.mime\" != x",
        "\"request.folder\" = \"/a/../b\"",
        "()",
    })
    void syntax_errors_are_400_with_imagekits_message(String checks) {
        assertThatThrownBy(() -> UploadChecks.parse(checks))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage())
                        .startsWith("Your request contains invalid syntax for the checks parameter."));
    }

    @ParameterizedTest
    @ValueSource(ints = {UploadChecks.MAX_DEPTH + 1, 10_000})
    void deep_nesting_and_huge_input_are_syntax_errors_not_stack_overflows(int depth) {
        String checks = "(".repeat(depth) + "\"file.size\" > 1" + ")".repeat(depth);
        assertThatThrownBy(() -> UploadChecks.parse(checks)).isInstanceOf(ApiException.class);
        String ok = "(".repeat(UploadChecks.MAX_DEPTH) + "\"file.size\" > 1" + ")".repeat(UploadChecks.MAX_DEPTH);
        assertThat(UploadChecks.parse(ok).test(IMAGE)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void blank_checks_are_no_checks(String checks) {
        assertThat(UploadChecks.parse(checks).test(PDF)).isTrue();
    }
}
