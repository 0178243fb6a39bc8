package org.gengeo.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.gengeo.core.GengeoException;
import org.gengeo.train.NormPenalty;
import org.gengeo.train.TrainConfig;
import org.junit.jupiter.api.Test;

/** The duality study's factors turn into the intended training options; every seed of a preset sees one data set. */
class DualityFactorTest {
    @Test
    void presetsStopAtTheLossOfThePaperAndFixTheDataSeed() {
        for (String preset : new String[] {"quick", "full"}) {
            TrainConfig base = DualityStudy.preset(preset, 1);
            assertEquals(1e-3, base.untilTrainLoss());
            assertEquals(DualityStudy.DATA_SEED, base.dataSeed());
            assertEquals(base.with("seed", 0L).dataConfig().seed(), base.with("seed", 7L).dataConfig().seed());
        }
    }

    @Test
    void normPenaltyIsTheUnsquaredPenaltyForTheFirst200Epochs() {
        TrainConfig c = DualityFactor.named("norm-penalty").apply(DualityStudy.preset("quick", 1), 0.01).validate();
        assertEquals(new NormPenalty(0.01, 200), NormPenalty.of(c));
    }

    @Test
    void decentralisedSwitchesTheTopologyAtAFixedLearnerSetting() {
        DualityFactor f = DualityFactor.named("decentralised");
        TrainConfig base = DualityStudy.preset("quick", 1);
        TrainConfig central = f.apply(base, 0).validate();
        TrainConfig ring = f.apply(base, 1).validate();
        assertEquals("all-reduce", central.topology());
        assertEquals("ring", ring.topology());
        assertEquals(central.with("topology", "ring"), ring);
        assertEquals(DualityFactor.LEARNERS * DualityFactor.LEARNER_BATCH, ring.examplesPerStep());
        assertNull(base.learners());
        assertThrows(GengeoException.class, () -> f.apply(base, 2));
    }
}
