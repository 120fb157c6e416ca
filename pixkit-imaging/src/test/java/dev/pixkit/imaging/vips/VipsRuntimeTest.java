package dev.pixkit.imaging.vips;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VipsRuntimeTest {

    @Test
    void runtimeLoadsLibvipsAndReportsWhichOne() {
        VipsRuntime runtime = VipsRuntime.get();
        System.out.println("[pixkit-imaging] using " + runtime.describe() + ", concurrency " + runtime.concurrency()
                + ", " + runtime.stats());

        assertThat(VipsRuntime.isAvailable()).isTrue();
        assertThat(runtime.version()).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(runtime.isAtLeast(8, 14)).isTrue();
        assertThat(runtime.library()).isNotBlank();
        assertThat(runtime.librarySource()).isNotBlank();
        assertThat(VipsRuntime.get()).isSameAs(runtime);
    }

    @Test
    void concurrencyIsConfigurable() {
        VipsRuntime runtime = VipsRuntime.get();
        int before = runtime.concurrency();
        try {
            runtime.setConcurrency(1);
            assertThat(runtime.concurrency()).isEqualTo(1);
            runtime.setConcurrency(3);
            assertThat(runtime.concurrency()).isEqualTo(3);
        } finally {
            runtime.setConcurrency(before);
        }
        assertThatThrownBy(() -> runtime.setConcurrency(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void liveObjectCountFollowsImageLifetimes() {
        VipsRuntime runtime = VipsRuntime.get();
        long before = runtime.liveObjects();
        VipsImage image = Vips.op("black").in("width", 8).in("height", 8).callImage("out");
        assertThat(runtime.liveObjects()).isGreaterThan(before);
        image.close();
        image.close(); // idempotent
        assertThat(image.isClosed()).isTrue();
        assertThat(runtime.liveObjects()).isEqualTo(before);
        assertThatThrownBy(image::width).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void missingLibraryFileGivesActionableMessage() {
        var choice = new LibraryLoader.Choice("/nonexistent/dir/libvips-cpp.so.8.17.3", "test");
        assertThatThrownBy(() -> LibraryLoader.open(choice))
                .isInstanceOf(VipsLibraryException.class)
                .hasMessageContaining("/nonexistent/dir/libvips-cpp.so.8.17.3")
                .hasMessageContaining("PIXKIT_VIPS_LIBRARY")
                .hasMessageContaining("apt-get install libvips42");
    }

    @Test
    void unloadableLibraryNameGivesActionableMessage() {
        var choice = new LibraryLoader.Choice("libpixkit-does-not-exist.so.0", "test");
        assertThatThrownBy(() -> LibraryLoader.open(choice))
                .isInstanceOf(VipsLibraryException.class)
                .hasMessageContaining("libpixkit-does-not-exist.so.0")
                .hasMessageContaining("PIXKIT_VIPS_LIBRARY");
    }

    @Test
    void libraryChoiceHonoursSystemPropertyFirst() {
        String old = System.getProperty(LibraryLoader.PROPERTY);
        try {
            System.setProperty(LibraryLoader.PROPERTY, "/opt/x/libvips.so");
            assertThat(LibraryLoader.resolve())
                    .isEqualTo(new LibraryLoader.Choice("/opt/x/libvips.so", "system property pixkit.vips.library"));
        } finally {
            if (old == null) {
                System.clearProperty(LibraryLoader.PROPERTY);
            } else {
                System.setProperty(LibraryLoader.PROPERTY, old);
            }
        }
    }
}
