package dev.pixkit.server.cleanup;

import static dev.pixkit.server.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pixkit.server.support.Http;
import dev.pixkit.server.support.Images;
import dev.pixkit.server.support.Multipart;
import dev.pixkit.server.support.S3ProxyServer;
import dev.pixkit.server.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import tools.jackson.databind.JsonNode;

/**
 * fsck with {@code PIXKIT_STORAGE=s3} (S3Proxy): the same checks through the store's interface, in the server and
 * offline. S3 sets an object's time itself, so a stray object is always young here: a grace period of 0 stands for
 * one that has aged.
 */
class FsckS3Test {
    private final S3ProxyServer s3 = S3ProxyServer.shared();

    @Test
    void stray_and_missing_objects_are_found_and_strays_swept_in_the_server_and_offline() throws Exception {
        String bucket = s3.newBucket();
        Path dataDir;
        byte[] kept = random(3000);
        String keptSha = Images.sha256(kept);
        try (TestServer server = TestServer.start(s3.settings(bucket))) {
            dataDir = server.dataDir();
            Http http = server.http();
            JsonNode keeper = upload(http, kept, "kept.bin");
            byte[] lost = random(3001);
            JsonNode gone = upload(http, lost, "lost.bin");
            s3.client().deleteObject(b -> b.bucket(bucket).key(key(Images.sha256(lost))));
            byte[] stray = random(3002);
            String straySha = Images.sha256(stray);
            s3.client().putObject(b -> b.bucket(bucket).key(key(straySha)), RequestBody.fromBytes(stray));

            Fsck fsck = server.bean(Fsck.class);
            FsckReport check = fsck.check();
            assertThat(check.finding(FsckReport.Check.MISSING_BLOBS).examples()).singleElement().asString()
                    .contains(gone.get("filePath").asString(), "is not stored");
            assertThat(check.finding(FsckReport.Check.UNREFERENCED_BLOBS).count()).as("young: in flight").isZero();

            FsckReport repaired = fsck.run(true, Duration.ZERO);
            assertThat(repaired.finding(FsckReport.Check.UNREFERENCED_BLOBS).repaired()).isEqualTo(1);
            assertThat(repaired.problems()).as(repaired.toText()).isEqualTo(1); // the missing object
            assertThat(s3.keys(bucket)).containsExactly(key(keptSha));

            assertThat(http.delete("/v1/files/" + gone.get("fileId").asString()).statusCode()).isEqualTo(204);
            server.sweepDeletions();
            assertThat(fsck.check().problems()).isZero();
            var delivered = http.get(Http.pathOf(keeper.get("url").asString()));
            assertThat(Images.sha256(delivered.body())).isEqualTo(keptSha);
        }

        // offline, on the stopped server's data dir and bucket: the store is chosen from the same settings
        byte[] stray = random(3003);
        String straySha = Images.sha256(stray);
        s3.client().putObject(b -> b.bucket(bucket).key(key(straySha)), RequestBody.fromBytes(stray));
        Map<String, String> env = new HashMap<>(s3.settings(bucket));
        env.put("PIXKIT_DATA_DIR", dataDir.toString());
        FsckCommandTest.Run check = FsckCommandTest.run(env);
        assertThat(check.exit()).as(check.out() + check.err()).isZero(); // young, so not (yet) a problem
        FsckCommandTest.Run repair = FsckCommandTest.run(env, "--repair", "--grace=0");
        System.out.println(repair.out());
        assertThat(repair.exit()).as(repair.out() + repair.err()).isZero();
        assertThat(repair.out()).contains(straySha, "repair: queued 1 for deletion; the sweeper removed 1");
        assertThat(s3.keys(bucket)).containsExactly(key(keptSha));
    }

    private static String key(String sha) {
        return "blobs/" + sha.substring(0, 2) + "/" + sha.substring(2, 4) + "/" + sha;
    }

    private static JsonNode upload(Http http, byte[] content, String name) {
        var r = http.upload(new Multipart().file("file", name, content).field("fileName", name)
                .field("folder", "/s3fsck"));
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return json(r);
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(System.nanoTime() + n).nextBytes(b);
        return b;
    }
}
