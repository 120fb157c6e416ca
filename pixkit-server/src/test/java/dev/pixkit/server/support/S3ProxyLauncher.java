package dev.pixkit.server.support;

/**
 * Entry point of the S3Proxy child process ({@link S3ProxyServer}): starts S3Proxy and exits as soon as the test JVM
 * that started it is gone (its stdin pipe closes), so no server outlives a killed or crashed test run. References
 * nothing but the JDK, because it runs on S3Proxy's classpath, not ours.
 */
public final class S3ProxyLauncher {
    private S3ProxyLauncher() {}

    public static void main(String[] args) throws Exception {
        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent never writes; EOF means it is gone
                }
            } catch (java.io.IOException ignored) {
                // same
            }
            Runtime.getRuntime().halt(0);
        }, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        Class.forName("org.gaul.s3proxy.Main").getMethod("main", String[].class).invoke(null, (Object) args);
    }
}
