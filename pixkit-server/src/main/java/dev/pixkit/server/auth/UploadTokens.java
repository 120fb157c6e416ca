package dev.pixkit.server.auth;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Single-use upload tokens, remembered until their signature expires. */
@Repository
class UploadTokens {
    private final JdbcClient jdbc;

    UploadTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** True the first time a token is seen; false when it was used before. */
    boolean claim(String token, long expireEpochSeconds) {
        jdbc.sql("DELETE FROM upload_tokens WHERE expire < :now")
                .param("now", System.currentTimeMillis() / 1000 - 60)
                .update();
        try {
            jdbc.sql("INSERT INTO upload_tokens (token, expire) VALUES (:token, :expire)")
                    .param("token", token)
                    .param("expire", expireEpochSeconds)
                    .update();
            return true;
        } catch (DataIntegrityViolationException e) {
            return false;
        }
    }
}
