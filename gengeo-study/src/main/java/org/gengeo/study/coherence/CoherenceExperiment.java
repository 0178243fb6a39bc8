package org.gengeo.study.coherence;

import java.nio.file.Path;
import java.util.Map;
import org.gengeo.study.StudySection;
import org.gengeo.train.TrainConfig;

/** One experiment of the coherent-gradients study: the runs it needs, and what it reads from them. */
interface CoherenceExperiment {
    /** The name used on the command line, for the runs' directory and the CSV file. */
    String name();

    /** The runs to train, by name, derived from the preset's base config (in the order to train them). */
    Map<String, TrainConfig> runs(TrainConfig base, int stepsPerEpoch);

    /** The section of the page, from the finished runs (same names as {@link #runs}). */
    StudySection analyse(Map<String, Path> runs);
}
