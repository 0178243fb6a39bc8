package org.gengeo.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gengeo.core.GengeoException;
import org.gengeo.core.Provenance;
import org.gengeo.report.page.HtmlPage;

/**
 * {@code gengeo report DIR} for runs: writes {@code DIR/report.html}, a {@link RunReport} for a run
 * directory; a directory of runs gets each run's report and a {@link RunsIndex} linking them. (A
 * sweep directory's page is {@code org.gengeo.rank.SweepReport}, beside the ranking it shows.)
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
        if (RunReport.isRun(dir)) {
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

    /** Writes {@code page} as {@code dir}'s report page ({@link #FILE}); returns that file. */
    public static Path save(HtmlPage page, Path dir) {
        Path file = dir.resolve(FILE);
        page.write(file);
        return file;
    }
}
