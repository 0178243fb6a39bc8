package org.gengeo.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gengeo.core.GengeoException;
import org.gengeo.core.Provenance;

/**
 * {@code gengeo report DIR}: writes {@code DIR/report.html} for whatever DIR is. A sweep directory
 * (it has {@code results.csv}) gets a {@link SweepReport}; a run directory a {@link RunReport}; a
 * directory of runs gets each run's report and a {@link RunsIndex} linking them.
 */
public final class Reports {
    /** The name of the page in each directory. */
    public static final String FILE = "report.html";

    private Reports() {}

    /** Writes the report(s) of {@code dir}; returns the files written, the one for {@code dir} first. */
    public static List<Path> write(Path dir, String command) {
        if (!Files.isDirectory(dir)) {
            throw new GengeoException(dir + ": no such directory");
        }
        Provenance provenance = Provenance.current(command);
        List<Path> written = new ArrayList<>();
        if (Files.isRegularFile(dir.resolve("results.csv"))) {
            written.add(save(SweepReport.page(dir, provenance), dir));
        } else if (RunReport.isRun(dir)) {
            written.add(save(RunReport.page(dir, provenance), dir));
        } else {
            List<Path> runs = RunsIndex.runs(dir);
            if (runs.isEmpty()) {
                throw new GengeoException(dir + ": not a run directory (no run.json or metrics.jsonl), a sweep (no results.csv) "
                        + "or a directory of runs");
            }
            written.add(save(RunsIndex.page(dir, runs, provenance), dir));
            for (Path run : runs) {
                written.add(save(RunReport.page(run, provenance), run));
            }
        }
        return written;
    }

    private static Path save(org.gengeo.report.svg.HtmlPage page, Path dir) {
        Path file = dir.resolve(FILE);
        page.write(file);
        return file;
    }
}
