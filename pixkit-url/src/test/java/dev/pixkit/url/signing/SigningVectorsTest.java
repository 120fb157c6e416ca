package dev.pixkit.url.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Vectors taken from ImageKit's official SDKs (see ../shared/imagekit/REFERENCE.md §1.2 and §2.4). */
class SigningVectorsTest {
    private static final String KEY = "private_test_key";

    @Test
    void upload_signature_matches_the_sdks_getAuthenticationParameters() {
        assertThat(UploadSignature.sign(KEY, "tok-123", 1900000000L))
                .isEqualTo("e1138fddd2b55157b85029c9f8ca26428eb31951");
        assertThat(UploadSignature.matches(KEY, "tok-123", "1900000000", "E1138FDDD2B55157B85029C9F8CA26428EB31951"))
                .isTrue();
        assertThat(UploadSignature.matches(KEY, "tok-124", "1900000000", "e1138fddd2b55157b85029c9f8ca26428eb31951"))
                .isFalse();
    }

    @Test
    void upload_expire_must_be_in_the_next_hour() {
        Instant now = Instant.ofEpochSecond(1_800_000_000L);
        assertThat(UploadSignature.expireAcceptable(1_800_001_800L, now)).isTrue();
        assertThat(UploadSignature.expireAcceptable(1_800_003_600L, now)).isTrue();
        assertThat(UploadSignature.expireAcceptable(1_800_003_601L, now)).isFalse();
        assertThat(UploadSignature.expireAcceptable(1_799_999_999L, now)).isFalse();
        UploadSignature fresh = UploadSignature.create(KEY, now, Duration.ofMinutes(30));
        assertThat(UploadSignature.matches(KEY, fresh.token(), Long.toString(fresh.expire()), fresh.signature())).isTrue();
    }

    @ParameterizedTest(name = "{0} + {1}")
    @CsvSource(delimiter = '|', value = {
        "tr:w-300/a.jpg|9999999999|323e35f6d2f042a1ba0c94511b84587f5baae5c0",
        "a.jpg?tr=w-300|1795267885|a369569f6c1535556c85b360937ffe2644e3ae1d",
        "a.jpg?tr=w-300%2Ch-200%3Art-90|9999999999|05b12da140bced8e36b16398b499106ad70fddb7",
        "a.jpg?tr=w-300,h-200:rt-90|9999999999|8ac2ed5ad599450f79582061d0a923e8b1e79b00",
    })
    void url_signature_matches_sdk_vectors(String target, String expiry, String expected) {
        assertThat(SignedUrls.signature(KEY, target, expiry)).isEqualTo(expected);
    }

    @Test
    void verify_accepts_sdk_urls_with_ik_t_and_ik_s_anywhere_in_the_query() {
        Instant before = Instant.ofEpochSecond(1_795_267_000L);
        assertThat(SignedUrls.verify(KEY, "a.jpg?tr=w-300&ik-t=1795267885&ik-s=a369569f6c1535556c85b360937ffe2644e3ae1d", before))
                .isEqualTo(SignedUrls.Verdict.VALID);
        assertThat(SignedUrls.verify(KEY, "a.jpg?ik-s=a369569f6c1535556c85b360937ffe2644e3ae1d&ik-t=1795267885&tr=w-300", before))
                .isEqualTo(SignedUrls.Verdict.VALID);
        assertThat(SignedUrls.verify(KEY, "tr:w-300/a.jpg?ik-s=323e35f6d2f042a1ba0c94511b84587f5baae5c0", before))
                .isEqualTo(SignedUrls.Verdict.VALID);
    }

    @Test
    void verify_rejects_tampering_expiry_and_missing_signature() {
        Instant before = Instant.ofEpochSecond(1_795_267_000L);
        Instant after = Instant.ofEpochSecond(1_795_267_886L);
        String good = "a.jpg?tr=w-300&ik-t=1795267885&ik-s=a369569f6c1535556c85b360937ffe2644e3ae1d";
        assertThat(SignedUrls.verify(KEY, good, after)).isEqualTo(SignedUrls.Verdict.EXPIRED);
        assertThat(SignedUrls.verify(KEY, good.replace("w-300", "w-301"), before)).isEqualTo(SignedUrls.Verdict.INVALID);
        assertThat(SignedUrls.verify(KEY, good.replace("1795267885", "1895267885"), before)).isEqualTo(SignedUrls.Verdict.INVALID);
        assertThat(SignedUrls.verify("other_key", good, before)).isEqualTo(SignedUrls.Verdict.INVALID);
        assertThat(SignedUrls.verify(KEY, "a.jpg?tr=w-300", before)).isEqualTo(SignedUrls.Verdict.UNSIGNED);
        assertThat(SignedUrls.verify(KEY, "a.jpg", before)).isEqualTo(SignedUrls.Verdict.UNSIGNED);
    }

    @Test
    void sign_then_verify_round_trips() {
        Instant exp = Instant.ofEpochSecond(1_900_000_000L);
        String url = SignedUrls.sign(KEY, "http://127.0.0.1:8080/media", "tr:w-300/a b.jpg", exp);
        assertThat(url).startsWith("http://127.0.0.1:8080/media/tr:w-300/a b.jpg?ik-t=1900000000&ik-s=");
        String target = url.substring("http://127.0.0.1:8080/media/".length());
        assertThat(SignedUrls.verify(KEY, target, exp.minusSeconds(1))).isEqualTo(SignedUrls.Verdict.VALID);
    }
}
