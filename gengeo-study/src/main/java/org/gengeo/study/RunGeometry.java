package org.gengeo.study;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.gengeo.analysis.MeasureRunner;
import org.gengeo.analysis.RunAnalyses;
import org.gengeo.core.Progress;
import org.gengeo.measures.CoherenceAnalysis;
import org.gengeo.measures.HessianAnalysis;
import org.gengeo.measures.HessianOptions;
import org.gengeo.measures.HessianResult;
import org.gengeo.measures.MarginsAnalysis;
import org.gengeo.measures.registry.MeasureRegistry;
import org.gengeo.pergrad.CoherenceRecord;
import org.gengeo.train.LoadedRun;
import org.gengeo.train.RunDirectory;

/**
 * The headline geometry of one trained run, as the quick start's report shows it: the Hessian's top
 * eigenvalues and spectral density ({@link HessianAnalysis}), m-coherence per layer
 * ({@link CoherenceAnalysis}), the margin distribution ({@link MarginsAnalysis}) and the registry's
 * norm and sharpness measures ({@link MeasureRunner}), each written to the run directory as the
 * matching command writes it, through the same {@link RunAnalyses} ({@code hessian.json}, {@code coherence.json},
 * {@code margins.json} with {@code margins.csv}, {@code measures.json}). Sizes are chosen to finish in well under a minute on the quick-start model
 * (MLP 784-100-10 on 2,500 images) with one thread; run the commands for more precision.
 */
public final class RunGeometry {
    /** Top eigenvalues, and the SLQ density from 4 runs of 40 Lanczos steps, on 1,000 training examples. */
    static final HessianOptions HESSIAN = new HessianOptions(5, 0, false, true, List.of(), 1000, "lanczos", "hessian", 0, 1000, 100,
            1e-4, 200, 0.01, 4, 40);
    /** m-coherence on 500 training examples, in one pass. */
    static final CoherenceAnalysis.Options COHERENCE = new CoherenceAnalysis.Options("train", 500, 0, 500);
    /** Margins with the defaults of {@code gengeo margins}, the signature on 1,000 training examples. */
    static final MarginsAnalysis.Options MARGINS = new MarginsAnalysis.Options(false, MarginsAnalysis.Options.defaults().batchNorm(),
            -1, 1, 1000, 0, 1000);
    /** The norm and sharpness measures of the registry that the report shows. */
    static final List<String> MEASURES = List.of("frobenius-norm", "spectral-norm", "log-prod-spectral", "log-sum-frobenius", "path-norm",
            "dist-init", "keskar-sharpness", "pacbayes-sharpness");

    private RunGeometry() {}

    /** Computes and writes the headline analyses of the run in {@code dir}; {@code progress} hears one line per analysis. */
    public static void write(Path dir, String command, Consumer<String> progress) {
        RunDirectory run = RunDirectory.open(dir);
        try (LoadedRun loaded = LoadedRun.open(run, null)) {
            long t = System.nanoTime();
            HessianResult h = RunAnalyses.HESSIAN.compute(loaded, new RunAnalyses.HessianRequest(HESSIAN, null, false), command,
                    Progress.NONE);
            RunAnalyses.HESSIAN.write(run, h);
            progress.accept(String.format(Locale.ROOT, "hessian: lambda_1 %.4g, density from %d x %d Lanczos steps (%.1f s)", h.top()[0],
                    HESSIAN.slqRuns(), HESSIAN.slqSteps(), seconds(t)));
            t = System.nanoTime();
            CoherenceRecord c = RunAnalyses.COHERENCE.compute(loaded, COHERENCE, command, Progress.NONE);
            RunAnalyses.COHERENCE.write(run, c);
            progress.accept(String.format(Locale.ROOT, "coherence: m-coherence %.4g over %d examples (%.1f s)",
                    c.coherence().total().mCoherence(), c.coherence().examples(), seconds(t)));
            t = System.nanoTime();
            MarginsAnalysis.Outcome m = RunAnalyses.MARGINS.compute(loaded, MARGINS, command, Progress.NONE);
            RunAnalyses.MARGINS.write(run, m);
            progress.accept(String.format(Locale.ROOT, "margins: normalised margin area %.4g on train, %.4g on test (%.1f s)",
                    m.record().train().area(), m.record().test().area(), seconds(t)));
        }
        MeasureRunner.run(dir, MEASURES.stream().map(MeasureRegistry::get).toList(), Map.of(), true, true, command,
                line -> progress.accept("measure " + line.strip()));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
