package org.gengeo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's report opened in headless Chromium (Debian's {@code chromium}): the page loads with no
 * console message, every figure is in the rendered DOM, and the screenshot is a real picture (a
 * fair share of it is not background). Skipped when no chromium binary is installed.
 */
@Tag("slow")
class ReportBrowserTest {
    @TempDir
    Path tmp;

    static String chromium() {
        for (String c : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (new File(c).canExecute()) {
                return c;
            }
        }
        return null;
    }

    /** Runs chromium headless on {@code page} with {@code mode}; returns its stderr (its stdout goes to {@code out}). */
    static String browse(String chromium, Path page, String mode, Path out) throws Exception {
        Path err = Files.createTempFile(out.getParent(), "chromium", ".err");
        Process p = new ProcessBuilder(chromium, "--headless", "--disable-gpu", "--no-sandbox", "--enable-logging=stderr", "--v=0",
                "--window-size=1200,4000", "--user-data-dir=" + out.getParent().resolve("profile"), mode, page.toUri().toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not finish in 2 minutes");
        String log = Files.readString(err);
        assertEquals(0, p.exitValue(), log);
        return log;
    }

    @Test
    void runReportRendersWithoutConsoleErrors() throws Exception {
        String chromium = chromium();
        Assumptions.assumeTrue(chromium != null, "no chromium binary (apt-get install -y chromium); browser test skipped");
        Path dir = tmp.resolve("run");
        ReportFixture.train(dir, 0.1);
        ReportFixture.writeResults(dir);
        ReportFixture.writeLearningTimes(dir);
        Path page = Reports.write(dir, "test").get(0);
        int figures = ReportFixture.svgTitles(ReportFixture.xml(Files.readString(page))).size();
        assertEquals(10, figures);

        Path shot = tmp.resolve("shot.png");
        String log = browse(chromium, page, "--screenshot=" + shot, tmp.resolve("shot.out"));
        assertTrue(log.lines().noneMatch(l -> l.contains("CONSOLE")), log);
        BufferedImage img = ImageIO.read(shot.toFile());
        assertEquals(1200, img.getWidth());
        long ink = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                ink += (img.getRGB(x, y) & 0xFFFFFF) == 0xFFFFFF ? 0 : 1;
            }
        }
        double share = ink / (img.getWidth() / 2.0 * img.getHeight() / 2.0);
        assertTrue(share > 0.02, "only " + share + " of the screenshot is not white");

        Path dom = tmp.resolve("dom.html");
        String domLog = browse(chromium, page, "--dump-dom", dom);
        assertTrue(domLog.lines().noneMatch(l -> l.contains("CONSOLE")), domLog);
        String rendered = Files.readString(dom);
        assertEquals(figures, rendered.split("<svg", -1).length - 1, "every figure is in the rendered DOM");
    }
}
