package dev.pixkit.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The computed delays between retries: exponential, capped, with up to 25% jitter below the nominal value. */
class BackoffTest {
    @Test
    void doubles_per_attempt_with_jitter_and_a_cap() {
        try (PixkitClient c = PixkitClient.builder().baseUrl("http://localhost:9").initialBackoff(Duration.ofMillis(400))
                .maxBackoff(Duration.ofSeconds(2)).build()) {
            for (int i = 0; i < 200; i++) {
                assertThat(c.backoff(0).toMillis()).isBetween(300L, 400L);
                assertThat(c.backoff(1).toMillis()).isBetween(600L, 800L);
                assertThat(c.backoff(2).toMillis()).isBetween(1200L, 1600L);
                assertThat(c.backoff(3).toMillis()).isBetween(1500L, 2000L);
                assertThat(c.backoff(60).toMillis()).isBetween(1500L, 2000L);
            }
        }
    }
}
