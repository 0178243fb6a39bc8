package org.gengeo.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.gengeo.rank.SweepReport;
import org.gengeo.report.Reports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gengeo report DIR}: one self-contained HTML page for a run, a sweep or a directory of runs. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write DIR/report.html: a self-contained page (the ECharts library inlined, no network) of a run directory "
                + "(summary, training curves, every measure and result file present), a sweep directory (all models, measures "
                + "ranked by Kendall tau with the generalization gap, scatter plots), or a directory of runs (an index comparing "
                + "them, with each run's own report)."})
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "DIR", description = "A run directory, a sweep directory (with results.csv) or a directory of runs.")
    Path dir;

    @Override
    public Integer call() {
        String command = CommandLines.of(spec);
        List<Path> written = SweepReport.isSweep(dir) ? List.of(SweepReport.write(dir, command)) : Reports.write(dir, command);
        spec.commandLine().getOut().println("wrote " + written.get(0) + (written.size() > 1 ? " and " + (written.size() - 1)
                + " run reports" : ""));
        return 0;
    }
}
