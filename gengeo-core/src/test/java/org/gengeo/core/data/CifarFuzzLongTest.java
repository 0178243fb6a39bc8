package org.gengeo.core.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.gengeo.core.fuzz.FuzzOutcomes;
import org.junit.jupiter.api.Tag;

/** The long run of {@link CifarFuzzTest} (slow profile): a minute of coverage-guided fuzzing of CIFAR-10's binary reader (record length, labels). */
@Tag("slow")
class CifarFuzzLongTest {
    @FuzzTest(maxDuration = "60s")
    void cifar(byte[] input) {
        FuzzOutcomes.check("cifar", () -> CifarReader.read("fuzz", CifarReader.Format.CIFAR10, List.of(new RawFile("batch.bin", input))));
    }
}
