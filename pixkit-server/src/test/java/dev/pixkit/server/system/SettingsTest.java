package dev.pixkit.server.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @Test
    void defaults_match_the_documented_table() {
        PixkitSettings s = PixkitSettings.fromMap(Map.of());
        assertThat(s.port()).isEqualTo(8080);
        assertThat(s.dataDir()).isEqualTo(Path.of("./data").toAbsolutePath().normalize());
        assertThat(s.urlEndpoint().toString()).isEqualTo("http://localhost:8080/media");
        assertThat(s.deliveryPath()).isEqualTo("/media");
        assertThat(s.dbUrl()).isEqualTo("jdbc:sqlite:" + s.dataDir().resolve("pixkit.db"));
        assertThat(s.maxUploadBytes()).isEqualTo(50L * 1024 * 1024);
        assertThat(s.privateKey()).isNull();
        assertThat(s.storage()).isEqualTo(new PixkitSettings.Storage.Local());
    }

    @Test
    void s3_storage_takes_its_settings_and_documented_defaults() {
        PixkitSettings.Storage.S3 s3 = (PixkitSettings.Storage.S3) PixkitSettings.fromMap(Map.of(
                "PIXKIT_STORAGE", "S3", "PIXKIT_S3_BUCKET", "media.example")).storage();
        assertThat(s3).isEqualTo(new PixkitSettings.Storage.S3("media.example", "us-east-1", null, false, "blobs/",
                null, null, 10L << 30));

        s3 = (PixkitSettings.Storage.S3) PixkitSettings.fromMap(Map.of(
                "PIXKIT_STORAGE", "s3", "PIXKIT_S3_BUCKET", "pixkit", "PIXKIT_S3_REGION", "eu-central-1",
                "PIXKIT_S3_ENDPOINT", "http://127.0.0.1:9000", "PIXKIT_S3_PATH_STYLE", "true",
                "PIXKIT_S3_PREFIX", "prod/blobs", "PIXKIT_S3_ACCESS_KEY", "minio", "PIXKIT_S3_SECRET_KEY", "minio-secret",
                "PIXKIT_S3_CACHE_MAX_BYTES", "2GB")).storage();
        assertThat(s3.endpoint().toString()).isEqualTo("http://127.0.0.1:9000");
        assertThat(s3.pathStyle()).isTrue();
        assertThat(s3.prefix()).as("a trailing slash is added").isEqualTo("prod/blobs/");
        assertThat(s3.cacheMaxBytes()).isEqualTo(2L << 30);
        assertThat(s3.toString()).doesNotContain("minio-secret");
        assertThat(((PixkitSettings.Storage.S3) PixkitSettings.fromMap(Map.of("PIXKIT_STORAGE", "s3",
                "PIXKIT_S3_BUCKET", "pixkit", "PIXKIT_S3_PREFIX", "/")).storage()).prefix()).isEmpty();
    }

    @Test
    void s3_storage_settings_are_checked_and_each_problem_names_its_setting() {
        assertThatThrownBy(() -> PixkitSettings.fromMap(Map.of("PIXKIT_STORAGE", "s3")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("PIXKIT_STORAGE=s3 requires PIXKIT_S3_BUCKET");
        assertThatThrownBy(() -> PixkitSettings.fromMap(Map.of("PIXKIT_STORAGE", "gcs")))
                .hasMessageContaining("PIXKIT_STORAGE must be local or s3 (got 'gcs')");
        assertThatThrownBy(() -> PixkitSettings.fromMap(Map.of("PIXKIT_S3_BUCKET", "media")))
                .hasMessageContaining("PIXKIT_S3_BUCKET is set but PIXKIT_STORAGE is local");
        Map<String, String> bad = new HashMap<>();
        bad.put("PIXKIT_STORAGE", "s3");
        bad.put("PIXKIT_S3_BUCKET", "My_Bucket");
        bad.put("PIXKIT_S3_REGION", "EU West");
        bad.put("PIXKIT_S3_ENDPOINT", "minio:9000");
        bad.put("PIXKIT_S3_PATH_STYLE", "yes");
        bad.put("PIXKIT_S3_PREFIX", "/abs//path");
        bad.put("PIXKIT_S3_ACCESS_KEY", "only-the-access-key");
        bad.put("PIXKIT_S3_CACHE_MAX_BYTES", "0");
        assertThatThrownBy(() -> PixkitSettings.fromMap(bad))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("PIXKIT_S3_BUCKET must be a bucket name")
                .hasMessageContaining("PIXKIT_S3_REGION must be a region name such as us-east-1 (got 'EU West')")
                .hasMessageContaining("PIXKIT_S3_ENDPOINT must be an absolute http(s) URL")
                .hasMessageContaining("PIXKIT_S3_PATH_STYLE must be true or false (got 'yes')")
                .hasMessageContaining("PIXKIT_S3_PREFIX must be a key prefix")
                .hasMessageContaining("PIXKIT_S3_ACCESS_KEY and PIXKIT_S3_SECRET_KEY must be set together")
                .hasMessageContaining("PIXKIT_S3_CACHE_MAX_BYTES must be a positive number of bytes");
    }

    @Test
    void endpoint_follows_the_port_and_sizes_take_units() {
        PixkitSettings s = PixkitSettings.fromMap(Map.of("PIXKIT_PORT", "9000", "PIXKIT_MAX_UPLOAD_BYTES", "5MB"));
        assertThat(s.urlEndpoint().toString()).isEqualTo("http://localhost:9000/media");
        assertThat(s.maxUploadBytes()).isEqualTo(5L * 1024 * 1024);
        assertThat(PixkitSettings.fromMap(Map.of("PIXKIT_MAX_UPLOAD_BYTES", "1234")).maxUploadBytes()).isEqualTo(1234);
        assertThat(PixkitSettings.fromMap(Map.of("PIXKIT_URL_ENDPOINT", "https://img.example.com/cdn/")).deliveryPath())
                .isEqualTo("/cdn");
    }

    @Test
    void every_invalid_setting_is_named_in_one_message() {
        Map<String, String> bad = new HashMap<>();
        bad.put("PIXKIT_PORT", "http");
        bad.put("PIXKIT_URL_ENDPOINT", "ftp://x/media");
        bad.put("PIXKIT_DB_URL", "jdbc:mysql://x/db");
        bad.put("PIXKIT_MAX_UPLOAD_BYTES", "-5");
        bad.put("PIXKIT_PRIVATE_KEY", "private_only_one");
        assertThatThrownBy(() -> PixkitSettings.fromMap(bad))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("PIXKIT_PORT must be an integer from 0 to 65535 (got 'http')")
                .hasMessageContaining("PIXKIT_URL_ENDPOINT must be an absolute http(s) URL")
                .hasMessageContaining("PIXKIT_DB_URL must start with jdbc:sqlite: or jdbc:postgresql:")
                .hasMessageContaining("PIXKIT_MAX_UPLOAD_BYTES must be a positive number of bytes")
                .hasMessageContaining("PIXKIT_PRIVATE_KEY and PIXKIT_PUBLIC_KEY must be set together");
    }

    @Test
    void the_fsck_grace_period_is_a_duration_one_hour_by_default() {
        assertThat(PixkitSettings.fromMap(Map.of()).fsckGrace()).isEqualTo(java.time.Duration.ofHours(1));
        assertThat(PixkitSettings.fromMap(Map.of("PIXKIT_FSCK_GRACE", "0")).fsckGrace()).isZero();
        assertThat(PixkitSettings.fromMap(Map.of("PIXKIT_FSCK_GRACE", "30m")).fsckGrace()).hasMinutes(30);
        assertThat(PixkitSettings.fromMap(Map.of("PIXKIT_FSCK_GRACE", "90")).fsckGrace()).hasSeconds(90);
        assertThat(PixkitSettings.fromMap(Map.of("PIXKIT_FSCK_GRACE", "PT2H")).fsckGrace()).hasHours(2);
        assertThatThrownBy(() -> PixkitSettings.fromMap(Map.of("PIXKIT_FSCK_GRACE", "soon")))
                .hasMessageContaining("PIXKIT_FSCK_GRACE must be a duration");
        assertThatThrownBy(() -> PixkitSettings.fromMap(Map.of("PIXKIT_FSCK_GRACE", "-PT1H")))
                .hasMessageContaining("PIXKIT_FSCK_GRACE");
    }

    @Test
    void fetch_allow_list_takes_cidrs_addresses_and_host_names() {
        PixkitSettings.RemoteFetch none = PixkitSettings.fromMap(Map.of()).remoteFetch();
        assertThat(none.allowedNetworks()).isEmpty();
        assertThat(none.allowedHosts()).isEmpty();
        assertThat(none.timeout()).hasSeconds(60);
        PixkitSettings.RemoteFetch f = PixkitSettings.fromMap(Map.of("PIXKIT_FETCH_ALLOW",
                " 10.0.0.0/8, 127.0.0.1 ,[fd00::1],fc00::/7, Images.Internal., *.svc.cluster.local,,",
                "PIXKIT_FETCH_TIMEOUT", "5")).remoteFetch();
        assertThat(f.allowedNetworks()).extracting(Object::toString)
                .containsExactly("10.0.0.0/8", "127.0.0.1/32", "fd00:0:0:0:0:0:0:1/128", "fc00:0:0:0:0:0:0:0/7");
        assertThat(f.allowedHosts()).containsExactly("images.internal", "*.svc.cluster.local");
        assertThat(f.timeout()).hasSeconds(5);
    }

    @Test
    void bad_fetch_settings_are_named() {
        for (String bad : List.of("10.0.0.0/33", "300.1.1.1", "010.0.0.1", "fd00::/129", "10.0.0.0/x", "a b",
                "http://x", "*.", "under_score.host", "1.2.3", "fe80::1%eth0")) {
            assertThatThrownBy(() -> PixkitSettings.fromMap(Map.of("PIXKIT_FETCH_ALLOW", bad)))
                    .as(bad).isInstanceOf(InvalidSettingException.class)
                    .hasMessageContaining("PIXKIT_FETCH_ALLOW entries must be addresses, CIDR ranges");
        }
        assertThatThrownBy(() -> PixkitSettings.fromMap(Map.of("PIXKIT_FETCH_TIMEOUT", "0")))
                .hasMessageContaining("PIXKIT_FETCH_TIMEOUT must be an integer from 1 to 3600");
    }

    @Test
    void endpoint_must_leave_room_for_the_api() {
        assertThatThrownBy(() -> PixkitSettings.fromMap(Map.of("PIXKIT_URL_ENDPOINT", "http://localhost:8080")))
                .hasMessageContaining("needs a path prefix such as /media");
        assertThatThrownBy(() -> PixkitSettings.fromMap(Map.of("PIXKIT_URL_ENDPOINT", "http://localhost:8080/v1/x")))
                .hasMessageContaining("must not be under /api or /v1");
    }

    @Test
    void keys_are_generated_once_with_owner_only_permissions(@TempDir Path dir) throws Exception {
        PixkitSettings s = PixkitSettings.fromMap(Map.of("PIXKIT_DATA_DIR", dir.toString()));
        PixkitSettings first = ApiKeys.ensure(s);
        assertThat(first.privateKey()).startsWith("private_").hasSizeGreaterThan(30);
        assertThat(first.publicKey()).startsWith("public_");
        Path file = dir.resolve("keys.properties");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        PixkitSettings second = ApiKeys.ensure(s);
        assertThat(second.privateKey()).isEqualTo(first.privateKey());
        assertThat(second.publicKey()).isEqualTo(first.publicKey());
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("keys.properties");
        }
    }

    @Test
    void configured_keys_win_over_the_key_file(@TempDir Path dir) {
        PixkitSettings s = PixkitSettings.fromMap(Map.of("PIXKIT_DATA_DIR", dir.toString(),
                "PIXKIT_PRIVATE_KEY", "private_abcdefgh", "PIXKIT_PUBLIC_KEY", "public_abcdefgh"));
        assertThat(ApiKeys.ensure(s).privateKey()).isEqualTo("private_abcdefgh");
        assertThat(dir.resolve("keys.properties")).doesNotExist();
    }
}
