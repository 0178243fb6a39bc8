package org.gengeo.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gengeo.analysis.RunAnalyses;
import org.gengeo.analysis.RunArtifacts;
import org.gengeo.core.GengeoException;
import org.gengeo.margins.BatchNormReading;
import org.gengeo.margins.MarginSignature;
import org.gengeo.margins.MarginsRecord;
import org.gengeo.measures.MarginsAnalysis;
import org.gengeo.report.MarginPages;
import org.gengeo.report.page.HtmlPage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gengeo margins RUN_DIR}: margin distribution and margin signature of a saved model. */
@Command(name = "margins", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Normalised margins (f_y - max_{j!=y} f_j) / prod_k ||W_k||_F of every training and test example, the",
                "sorted-margin curve and its area (Banburski et al. 2021), and the layer-wise margin signature of Jiang et al. (2019).",
                "Writes RUN_DIR/margins.csv (per example), RUN_DIR/margins.json and RUN_DIR/margins.html (plots).",
                "Batch norm runs in evaluation mode; --batch-norm says how it enters the norm product."})
public final class MarginsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "RUN_DIR", description = "Run directory.")
    Path dir;
    @Option(names = "--bias", description = "Normalise by the norms of the augmented [W | b] (default: weights only).")
    boolean bias;
    @Option(names = "--batch-norm", paramLabel = "READING", defaultValue = "fold",
            description = {"For batch-norm models: fold (each BN folded into the layer before it, W' = diag(gamma/sigma) W) or",
                    "scale-invariant (a layer followed by BN contributes ||gamma|| instead of ||W||_F); default: ${DEFAULT-VALUE}."})
    String batchNorm;
    @Option(names = "--cdf-range", paramLabel = "LO,HI", defaultValue = "-1,1", split = ",",
            description = "Grid of the CDF area; use one grid for every network compared (default: ${DEFAULT-VALUE}).")
    double[] cdfRange;
    @Option(names = "--signature-sample", paramLabel = "M", defaultValue = "10000",
            description = "Training examples (seeded sample; all if fewer) for the layer distances; the spreads use all (default: ${DEFAULT-VALUE}).")
    int signatureSample;
    @Option(names = "--seed", defaultValue = "0", description = "Seed of the signature sample.")
    long seed;
    @Option(names = "--chunk", defaultValue = "1000", description = "Examples per backward pass (default: ${DEFAULT-VALUE}).")
    int chunk;
    @Mixin
    CommonOptions.Threads threads;
    @Mixin
    CommonOptions.JsonOutput json;

    @Override
    public Integer call() {
        if (cdfRange.length != 2) {
            throw new GengeoException("--cdf-range must be LO,HI with LO < HI, got " + Arrays.toString(cdfRange));
        }
        MarginsAnalysis.Options options = new MarginsAnalysis.Options(bias, BatchNormReading.parse(batchNorm), cdfRange[0], cdfRange[1],
                signatureSample, seed, chunk).validate();
        return AnalysisCommands.execute(spec, dir, threads, json, RunAnalyses.MARGINS, options, null,
                new AnalysisCommands.Page<>(RunArtifacts.MARGINS_PAGE, this::page), MarginsCommand::print);
    }

    private HtmlPage page(MarginsAnalysis.Outcome outcome) {
        MarginsRecord record = outcome.record();
        return MarginPages.page("Margins of " + dir,
                String.format(Locale.ROOT, "log prod_k ||W_k||_F = %.6g (%s%s). %s", record.logNormProduct(),
                        bias ? "augmented [W | b]" : "weights only",
                        record.batchNorm() == null ? "" : "; batch norm: " + record.batchNorm(), record.provenance().command()),
                record.train(), record.test(), outcome.train().normalised(), outcome.test().normalised(), record.signature());
    }

    private static void print(PrintWriter out, MarginsAnalysis.Outcome outcome) {
        MarginsRecord record = outcome.record();
        out.printf(Locale.ROOT, "normalised margin area: train %.5g, test %.5g (min %.4g, median %.4g; %.2f%% of training margins <= 0)%n",
                record.train().area(), record.test().area(), record.train().minMargin(), record.train().medianMargin(),
                100 * record.train().errorRate());
        if (record.signature() == null) {
            out.println("  normalisation: none (rho = 1): an imported TorchScript module's layers are unknown, so margins are not "
                    + "divided by a product of layer norms; no margin signature (it needs each layer's input)");
        }
        for (MarginSignature.Layer l : record.signature() == null ? List.<MarginSignature.Layer>of() : record.signature().layers()) {
            out.printf(Locale.ROOT, "  input of %-6s nu %.4g  d/nu quartiles %.4g %.4g %.4g (%d kept)%n", l.layer(), l.nu(), l.q1(),
                    l.median(), l.q3(), l.kept());
        }
        out.printf(Locale.ROOT, "written to margins.csv, margins.json and margins.html (%.1f s)%n", record.wallS());
    }
}
