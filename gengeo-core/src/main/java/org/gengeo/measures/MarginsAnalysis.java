package org.gengeo.measures;

import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gengeo.core.GengeoException;
import org.gengeo.core.Provenance;
import org.gengeo.core.data.DataTransforms;
import org.gengeo.core.data.Dataset;
import org.gengeo.core.model.Network;
import org.gengeo.core.tensor.DeviceData;
import org.gengeo.core.tensor.TensorEngine;
import org.gengeo.margins.ActivationSpread;
import org.gengeo.margins.BatchNormReading;
import org.gengeo.margins.ExampleMargins;
import org.gengeo.margins.LayerDistances;
import org.gengeo.margins.MarginSignature;
import org.gengeo.margins.MarginSummary;
import org.gengeo.margins.Margins;
import org.gengeo.margins.MarginsRecord;
import org.gengeo.margins.WeightNorms;
import org.gengeo.train.LoadedRun;

/**
 * The margins of a loaded run: every training and test example's margin normalised by the product
 * of the weight norms ({@link Margins}), their distributions ({@link MarginSummary}), and the margin
 * signature of the hidden layers on a seeded sample of the training set (Jiang et al. 2019,
 * {@link MarginSignature}).
 */
public final class MarginsAnalysis {
    private MarginsAnalysis() {}

    /**
     * What to compute.
     *
     * @param bias normalise by the norms of the augmented [W | b] instead of the weights only
     * @param batchNorm how a batch-norm layer is read for the norms
     * @param cdfLo lower end of the range the CDF is integrated over
     * @param cdfHi upper end, above {@code cdfLo}
     * @param signatureSample training examples of the signature sample
     * @param seed seed of that sample
     * @param chunk examples per backward pass
     */
    public record Options(boolean bias, BatchNormReading batchNorm, double cdfLo, double cdfHi, int signatureSample, long seed,
                          int chunk) {
        /** The defaults of {@code gengeo margins}. */
        public static Options defaults() {
            return new Options(false, BatchNormReading.FOLD, -1, 1, 10_000, 0, 1000);
        }

        /** This, checked. @throws GengeoException naming the bad option */
        public Options validate() {
            if (!(cdfHi > cdfLo)) {
                throw new GengeoException("--cdf-range must be LO,HI with LO < HI, got " + cdfLo + "," + cdfHi);
            }
            if (signatureSample < 1 || chunk < 1) {
                throw new GengeoException("--signature-sample and --chunk must be at least 1");
            }
            return this;
        }
    }

    /** The record for margins.json, and every example's margins (for margins.csv and the histograms). */
    public record Outcome(MarginsRecord record, ExampleMargins train, ExampleMargins test) {}

    /** Computes the margins of {@code run}; {@code label} names the run in the record. */
    public static Outcome run(LoadedRun run, Options o, String label, Provenance provenance) {
        long start = System.nanoTime();
        try (NDManager memory = TensorEngine.newManager()) {
            Network net = run.network();
            Dataset trainSet = run.data().train();
            DeviceData trainData = new DeviceData(trainSet, memory, net.precision());
            ExampleMargins train = Margins.of(net, trainData, o.bias(), o.batchNorm());
            ExampleMargins test = Margins.of(net, new DeviceData(run.data().test(), memory, net.precision()), o.bias(), o.batchNorm());
            boolean bn = net.architecture().batchNorm();
            Map<String, Double> byReading = new LinkedHashMap<>();
            for (BatchNormReading r : BatchNormReading.values()) {
                byReading.put(r.label(), WeightNorms.logProduct(net, o.bias(), r));
            }
            Dataset sample = trainSet.select(DataTransforms.firstOfPermutation(trainSet.size(), o.signatureSample(), o.seed(),
                    "signature-sample"));
            // the signature reads each layer's input; an imported TorchScript module shows only its input and output
            MarginSignature signature = net.torchScript() != null ? null : MarginSignature.of(
                    LayerDistances.of(net, new DeviceData(sample, memory, net.precision()), o.chunk()), ActivationSpread.of(net, trainData));
            MarginsRecord record = new MarginsRecord(provenance, label, o.bias(), train.logNormProduct(),
                    MarginSummary.of(train, o.cdfLo(), o.cdfHi()), MarginSummary.of(test, o.cdfLo(), o.cdfHi()), sample.size(),
                    signature, signature == null ? null : signature.logFeatures(), (System.nanoTime() - start) / 1e9, bn ? o.batchNorm().label() : null,
                    bn ? byReading : null);
            return new Outcome(record, train, test);
        }
    }
}
