package org.gengeo.core.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.gengeo.core.fuzz.FuzzOutcomes;

/**
 * Coverage-guided fuzzing (Jazzer) of CIFAR-10's binary reader (record length, labels): every input must give a result or a one-line
 * GengeoException ({@link FuzzOutcomes}). Two seconds in the default suite; {@link CifarFuzzLongTest} runs a minute.
 */
class CifarFuzzTest {
    @FuzzTest(maxDuration = "2s")
    void cifar(byte[] input) {
        FuzzOutcomes.check("cifar", () -> CifarReader.read("fuzz", CifarReader.Format.CIFAR10, List.of(new RawFile("batch.bin", input))));
    }
}
