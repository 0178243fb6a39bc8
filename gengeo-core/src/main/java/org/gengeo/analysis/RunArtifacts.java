package org.gengeo.analysis;

import java.util.ArrayList;
import java.util.List;
import org.gengeo.duality.DualityResult;
import org.gengeo.margins.MarginsRecord;
import org.gengeo.measures.HessianResult;
import org.gengeo.measures.LandscapeResult;
import org.gengeo.measures.SharpnessResult;
import org.gengeo.measures.VolumeResult;
import org.gengeo.measures.registry.MeasuresRecord;
import org.gengeo.pergrad.CoherenceRecord;
import org.gengeo.train.Artifact;
import org.gengeo.train.RunDirectory;

/**
 * The files the analyses add to a run directory, each named once with the record type it reads back
 * as; with {@link RunDirectory#TRAINING} they are every file a run directory can hold ({@link #ALL}).
 * The commands write them through {@link Analysis}, and the run report reads each record through its
 * artifact, so both go by the same name and type.
 */
public final class RunArtifacts {
    /** {@code gengeo hessian}'s eigenvalues, trace and spectral density. */
    public static final Artifact<HessianResult> HESSIAN = Artifact.record("hessian.json", HessianResult.class,
            "the Hessian's extreme eigenvalues, trace and spectral density");
    /** The eigenvectors {@code gengeo hessian} found, which {@code gengeo landscape --dirs eigen} reuses. */
    public static final Artifact<Void> HESSIAN_EIGENVECTORS = Artifact.file("hessian-eigenvectors.safetensors",
            "the Hessian's top and bottom eigenvectors");
    /** The plots of hessian.json. */
    public static final Artifact<Void> HESSIAN_PAGE = Artifact.file("hessian.html", "plots of hessian.json");
    /** {@code gengeo coherence}'s m-coherence. */
    public static final Artifact<CoherenceRecord> COHERENCE = Artifact.record("coherence.json", CoherenceRecord.class,
            "m-coherence of the per-example gradients, whole network and per layer");
    /** {@code gengeo margins}' distributions and signature. */
    public static final Artifact<MarginsRecord> MARGINS = Artifact.record("margins.json", MarginsRecord.class,
            "normalised margin distributions and the margin signature");
    /** Every example's margin. */
    public static final Artifact<Void> MARGINS_TABLE = Artifact.file("margins.csv", "every training and test example's margin");
    /** The plots of margins.json. */
    public static final Artifact<Void> MARGINS_PAGE = Artifact.file("margins.html", "plots of the margins");
    /** {@code gengeo measure}'s registry measures, merged one measure at a time. */
    public static final Artifact<MeasuresRecord> MEASURES = Artifact.record("measures.json", MeasuresRecord.class,
            "the registry's norm, sharpness and other measures");
    /** {@code gengeo sharpness}' Keskar sharpness and Hessian flatness. */
    public static final Artifact<SharpnessResult> SHARPNESS = Artifact.record("sharpness.json", SharpnessResult.class,
            "Keskar sharpness and the Hessian's top eigenvalue, trace and Frobenius norm");
    /** {@code gengeo volume}'s prior volume. */
    public static final Artifact<VolumeResult> VOLUME = Artifact.record("volume.json", VolumeResult.class,
            "log P(f) under the NNGP prior");
    /** {@code gengeo duality}'s decomposition. */
    public static final Artifact<DualityResult> DUALITY = Artifact.record("duality.json", DualityResult.class,
            "the activity-weight duality decomposition of the generalization loss");
    /** The plots of duality.json. */
    public static final Artifact<Void> DUALITY_PAGE = Artifact.file("duality.html", "plots of duality.json");
    /** {@code gengeo landscape}'s loss slice. */
    public static final Artifact<LandscapeResult> LANDSCAPE = Artifact.record("landscape.json", LandscapeResult.class,
            "train and test loss on a grid along one or two directions");
    /** The plots of landscape.json. */
    public static final Artifact<Void> LANDSCAPE_PAGE = Artifact.file("landscape.html", "plots of landscape.json");
    /** The learning-time histogram of {@code train --learning-times}. */
    public static final Artifact<Void> LEARNING_TIMES_PAGE = Artifact.file("learning-times.html", "histogram of learning-times.json");

    /** The analyses' files, records and others, in the order above. */
    public static final List<Artifact<?>> ANALYSES = List.of(HESSIAN, HESSIAN_EIGENVECTORS, HESSIAN_PAGE, COHERENCE, MARGINS,
            MARGINS_TABLE, MARGINS_PAGE, MEASURES, SHARPNESS, VOLUME, DUALITY, DUALITY_PAGE, LANDSCAPE, LANDSCAPE_PAGE, LEARNING_TIMES_PAGE);

    /** Every file a run directory can hold: training's, then the analyses'. */
    public static final List<Artifact<?>> ALL = all();

    private RunArtifacts() {}

    /** The JSON records among {@link #ALL}. */
    public static List<Artifact<?>> records() {
        return ALL.stream().filter(Artifact::isRecord).toList();
    }

    private static List<Artifact<?>> all() {
        List<Artifact<?>> all = new ArrayList<>(RunDirectory.TRAINING);
        all.addAll(ANALYSES);
        return List.copyOf(all);
    }
}
