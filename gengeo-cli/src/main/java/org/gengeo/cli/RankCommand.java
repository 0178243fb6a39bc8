package org.gengeo.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gengeo.core.GengeoException;
import org.gengeo.core.io.AtomicFiles;
import org.gengeo.core.io.Json;
import org.gengeo.rank.RankPage;
import org.gengeo.findings.StudyFindings;
import org.gengeo.rank.RankFindings;
import org.gengeo.rank.Ranking;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gengeo rank RESULTS.csv}: how well each measure of a sweep predicts the generalization gap. */
@Command(name = "rank", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Rank the measures of a sweep's results.csv by Kendall's tau with the generalization gap, overall and",
                "granulated by factor, and by the normalised conditional mutual information (Jiang et al. 2020). Writes rank.json, rank.csv and rank.html (scatter plots)."})
public final class RankCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "RESULTS", description = "A sweep's results.csv.")
    Path results;
    @Option(names = "--gap", defaultValue = "gap_acc",
            description = "gap_acc (train minus test accuracy, as Jiang et al.) or gap_loss (test minus train loss) (default: ${DEFAULT-VALUE}).")
    String gap;
    @Option(names = "--outcome", paramLabel = "OUTCOME",
            description = "Rank only the models with this outcome, e.g. reached-train-loss for a sweep with until-train-loss (Jiang et al. "
                    + "rank models trained to one cross-entropy); the others are counted and left out (default: every model that did not diverge).")
    String outcome;
    @Option(names = "--out", paramLabel = "DIR", description = "Where to write (default: beside RESULTS).")
    Path out;
    @Mixin
    CommonOptions.JsonOutput json;

    @Override
    public Integer call() {
        Ranking r = Ranking.of(results, gap, outcome, CommandLines.of(spec));
        Path dir = out != null ? out : (results.toAbsolutePath().getParent());
        AtomicFiles.createDirectories(dir);
        Json.write(dir.resolve("rank.json"), r);
        RankPage.table(r).write(dir.resolve("rank.csv"));
        RankPage.page(r).write(dir.resolve("rank.html"));
        new StudyFindings("zoo", r.provenance(), RankFindings.of(r, RankFindings.setting(r))).write(dir);
        json.write(r);
        var o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%d models (left out: %s), gap %s, factors %s%n", r.models(), r.leftOut(), r.gap(),
                String.join(", ", r.factors()));
        int width = r.measures().stream().mapToInt(m -> m.measure().length()).max().orElse(7);
        String name = "%-" + width + "s";
        o.printf(Locale.ROOT, name + " %8s %8s %8s %8s%n", "measure", "tau", "granul.", "cmi", "cmi min2");
        for (Ranking.MeasureRank m : r.measures()) {
            o.printf(Locale.ROOT, name + " %8.3f %8.3f %8.3f %8.3f%n", m.measure(), m.kendallTau(), m.granulated(),
                    m.mutualInformation().unconditional(), m.mutualInformation().minTwo());
        }
        o.println("wrote " + dir.resolve("rank.json") + ", rank.csv, rank.html, findings.json");
        o.flush();
        return 0;
    }
}
