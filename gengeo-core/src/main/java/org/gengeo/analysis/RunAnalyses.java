package org.gengeo.analysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gengeo.core.Progress;
import org.gengeo.core.Provenance;
import org.gengeo.core.io.CsvTable;
import org.gengeo.core.model.Init;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.Precision;
import org.gengeo.duality.DualityAnalysis;
import org.gengeo.duality.DualityOptions;
import org.gengeo.duality.DualityResult;
import org.gengeo.margins.ExampleMargins;
import org.gengeo.margins.MarginsRecord;
import org.gengeo.measures.CoherenceAnalysis;
import org.gengeo.measures.HessianAnalysis;
import org.gengeo.measures.HessianOptions;
import org.gengeo.measures.HessianResult;
import org.gengeo.measures.LandscapeOptions;
import org.gengeo.measures.LandscapeResult;
import org.gengeo.measures.LossLandscape;
import org.gengeo.measures.MarginsAnalysis;
import org.gengeo.measures.PriorVolume;
import org.gengeo.measures.Sharpness;
import org.gengeo.measures.SharpnessOptions;
import org.gengeo.measures.SharpnessResult;
import org.gengeo.measures.VolumeOptions;
import org.gengeo.measures.VolumeResult;
import org.gengeo.pergrad.CoherenceRecord;
import org.gengeo.train.LoadedRun;
import org.gengeo.train.RunDirectory;

/**
 * The analyses of a saved run, one {@link Analysis} each, with the options that are not the
 * computation's own (the precision the model is loaded in, which training set is used).
 */
public final class RunAnalyses {
    private RunAnalyses() {}

    /**
     * What {@code gengeo hessian} asks.
     *
     * @param options      the computation's options
     * @param precision    the precision of the products (null: the model's own)
     * @param eigenvectors whether to keep the eigenvectors in {@link RunArtifacts#HESSIAN_EIGENVECTORS}
     */
    public record HessianRequest(HessianOptions options, Precision precision, boolean eigenvectors) {}

    /**
     * What {@code gengeo sharpness} asks.
     *
     * @param options the computation's options
     * @param clean   measure on the training set without its attack points
     */
    public record SharpnessRequest(SharpnessOptions options, boolean clean) {}

    /** Eigenvalues, trace and spectral density of the training loss's curvature ({@link HessianAnalysis}). */
    public static final Analysis<HessianRequest, HessianResult, HessianResult> HESSIAN = Analysis.of(RunArtifacts.HESSIAN,
            HessianRequest::precision, (run, r, provenance, progress) -> HessianAnalysis.run(run.network(), run.data().train(),
                    r.options(), label(run), provenance, r.eigenvectors() ? run.dir().path(RunArtifacts.HESSIAN_EIGENVECTORS) : null,
                    progress));

    /** m-coherence of the per-example gradients ({@link CoherenceAnalysis}). */
    public static final Analysis<CoherenceAnalysis.Options, CoherenceRecord, CoherenceRecord> COHERENCE = Analysis.of(
            RunArtifacts.COHERENCE, o -> null, (run, o, provenance, progress) -> CoherenceAnalysis.run(run, o, label(run), provenance));

    /** Normalised margins and the margin signature ({@link MarginsAnalysis}); every example's margin goes to margins.csv. */
    public static final Analysis<MarginsAnalysis.Options, MarginsAnalysis.Outcome, MarginsRecord> MARGINS = Analysis.of(
            RunArtifacts.MARGINS, o -> null, (run, o, provenance, progress) -> MarginsAnalysis.run(run, o, label(run), provenance),
            MarginsAnalysis.Outcome::record, RunAnalyses::writeMargins);

    /** The activity-weight duality on one layer ({@link DualityAnalysis}), in double precision, on the correctly labelled training set. */
    public static final Analysis<DualityOptions, DualityResult, DualityResult> DUALITY = Analysis.of(RunArtifacts.DUALITY,
            o -> Precision.FLOAT64, (run, o, provenance, progress) -> DualityAnalysis.run(run.network(),
                    DualityAnalysis.cleanTrain(run.data()), run.data().test(), o, label(run), provenance,
                    DualityAnalysis.mislabelled(run.data()).length));

    /** Keskar sharpness and Hessian flatness ({@link Sharpness}). */
    public static final Analysis<SharpnessRequest, SharpnessResult, SharpnessResult> SHARPNESS = Analysis.of(RunArtifacts.SHARPNESS,
            r -> null, (run, r, provenance, progress) -> Sharpness.run(run.network(),
                    r.clean() ? PriorVolume.withoutAttack(run.data().train(), run.config().attack()) : run.data().train(),
                    r.options(), label(run), provenance));

    /** The prior volume of the function a binary classifier expresses ({@link PriorVolume}). */
    public static final Analysis<VolumeOptions, VolumeResult, VolumeResult> VOLUME = Analysis.of(RunArtifacts.VOLUME, o -> null,
            (run, o, provenance, progress) -> PriorVolume.run(run.network(),
                    Init.parse(run.config().init()).scaled(run.config().initScale()),
                    PriorVolume.withoutAttack(run.data().train(), run.config().attack()), run.data().test(), o, label(run), provenance));

    /**
     * A loss-landscape slice ({@link LossLandscape}): along random filter-normalised directions, or
     * the top Hessian eigenvectors, read from {@link RunArtifacts#HESSIAN_EIGENVECTORS} if it holds
     * enough, else computed now (Lanczos, written there).
     */
    public static final Analysis<LandscapeOptions, LandscapeResult, LandscapeResult> LANDSCAPE = Analysis.of(RunArtifacts.LANDSCAPE,
            o -> null, (run, o, provenance, progress) -> {
                int count = o.twoD() ? 2 : 1;
                List<Map<String, double[]>> directions = o.directions().equalsIgnoreCase("eigen")
                        ? eigenDirections(run, count, o.seed(), provenance)
                        : LossLandscape.randomDirections(run.network(), count, o.seed());
                return LossLandscape.evaluate(run.network(), run.data().train(), run.data().test(), directions, o, label(run), provenance,
                        progress);
            });

    /** The name a record gives its run: the run directory as it was given. */
    private static String label(LoadedRun run) {
        return run.dir().root().toString();
    }

    private static void writeMargins(RunDirectory dir, MarginsAnalysis.Outcome outcome) {
        CsvTable csv = new CsvTable("set", "index", "margin", "normalised_margin");
        addRows(csv, "train", outcome.train());
        addRows(csv, "test", outcome.test());
        csv.write(dir.path(RunArtifacts.MARGINS_TABLE));
    }

    private static void addRows(CsvTable csv, String set, ExampleMargins m) {
        for (int i = 0; i < m.size(); i++) {
            csv.row(set, i, m.raw()[i], m.normalised()[i]);
        }
    }

    private static List<Map<String, double[]>> eigenDirections(LoadedRun run, int count, long seed, Provenance provenance) {
        Path file = run.dir().path(RunArtifacts.HESSIAN_EIGENVECTORS);
        Network net = run.network();
        HessianAnalysis.SavedEigenvectors saved = run.dir().has(RunArtifacts.HESSIAN_EIGENVECTORS) ? HessianAnalysis.readEigenvectors(file, net) : null;
        if (saved == null || saved.vectors().size() < count) {
            HessianOptions o = HessianOptions.defaults();
            HessianOptions top = new HessianOptions(count, 0, false, false, List.of(), o.samples(), "lanczos", "hessian", seed,
                    o.chunk(), o.maxSteps(), o.tol(), o.traceProbes(), o.traceTol(), o.slqRuns(), o.slqSteps());
            HessianAnalysis.run(net, run.data().train(), top, label(run), provenance, file, Progress.NONE);
            saved = HessianAnalysis.readEigenvectors(file, net);
        }
        List<Map<String, double[]>> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(LossLandscape.eigenDirection(net, saved.block(), saved.vectors().get(i)));
        }
        return out;
    }
}
