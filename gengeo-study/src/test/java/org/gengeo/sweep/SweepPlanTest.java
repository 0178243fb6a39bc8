package org.gengeo.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gengeo.core.GengeoException;
import org.junit.jupiter.api.Test;

/** Sweep files: the grid, the runs, the ids, and every kind of mistake named by file, line and key. */
class SweepPlanTest {
    static final String GOOD = """
            name: t
            base: {data: gaussians, train-size: 100, model: "mlp:20-8-10", epochs: 1}
            grid:
              lr: [0.01, 0.1]
              batch: [16, 32, 64]
            runs:
              - {lr: 0.05, dropout: 0.2}
              - {lr: 0.01, batch: 16}
            measures: [stable-rank, {name: hessian-top, samples: 50}, frobenius-norm]
            """;

    static String error(String text) {
        return assertThrows(GengeoException.class, () -> SweepPlan.parse("s.yaml", text)).getMessage();
    }

    @Test
    void gridIsACartesianProductPlusRunsWithoutDuplicates() {
        SweepPlan p = SweepPlan.parse("s.yaml", GOOD);
        assertEquals(7, p.configs().size(), "2 x 3 grid + 2 runs, one of which repeats a grid point");
        assertEquals(List.of("data", "train-size", "model", "epochs", "lr", "batch", "dropout"), p.columns());
        assertEquals(0.01, p.configs().get(0).config().lr());
        assertEquals(32, p.configs().get(1).config().batch(), "last key fastest");
        assertEquals(0.2, p.configs().get(6).config().dropout());
        assertEquals(List.of("frobenius-norm", "stable-rank", "hessian-top"), p.measures().stream().map(m -> m.name()).toList());
        assertEquals(50.0, p.parameters().get("hessian-top").get("samples"));
        SweepPlan json = SweepPlan.parse("s.json", """
                {"base": {"data": "gaussians", "train-size": 100, "model": "mlp:20-8-10", "epochs": 1, "lr": 0.01, "batch": 16}}""");
        assertEquals(p.configs().get(0).id(), json.configs().get(0).id(), "the id depends on the config, not on the file");
        assertNotEquals(p.configs().get(0).id(), p.configs().get(1).id());
    }

    @Test
    void mistakesNameFileLineAndKey() {
        assertEquals("s.yaml:4: grid.lrr: unknown training option (see gengeo train --help)",
                error(GOOD.replace("  lr: [0.01, 0.1]", "  lrr: [0.01, 0.1]")));
        assertEquals("s.yaml:5: grid.batch.1: bad training option value: batch: 'big' is not an integer",
                error(GOOD.replace("[16, 32, 64]", "[16, big]")));
        String e = error(GOOD.replace("{lr: 0.05, dropout: 0.2}", "{lr: -1}"));
        assertEquals("s.yaml:7: runs.0: entry 1: --lr must be a positive number, got -1.0", e);
        assertEquals("s.yaml:9: measures: unknown measure 'stable-rnk' (known: frobenius-norm, spectral-norm, log-prod-spectral, "
                + "log-sum-frobenius, path-norm, dist-init, stable-rank, powerlaw-alpha, margin-area, margin-signature, coherence, keskar-sharpness, "
                + "log10-prior-volume, pacbayes-sharpness, hessian-top, hessian-trace, hessian-effective-dim, dual-sharp-term)", error(GOOD.replace("[stable-rank,", "[stable-rnk,")));
        assertEquals("s.yaml:9: measures.1.sample: measure 'hessian-top' has no parameter 'sample' (it has samples, tol, seed)",
                error(GOOD.replace("samples: 50", "sample: 50")));
        assertEquals("s.yaml:10: seeds: unknown sweep key (a sweep file has name, base, grid, runs and measures)",
                error(GOOD + "seeds: [1, 2]\n"));
        assertEquals("s.yaml:2: base.out: 'out' is set by the sweep itself (each model goes to OUT/runs/ID)",
                error(GOOD.replace("epochs: 1}", "epochs: 1, out: x}")));
        assertEquals("s.yaml:4: grid.lr: a grid key needs a non-empty list of values, e.g. [0.01, 0.1]",
                error(GOOD.replace("[0.01, 0.1]", "0.01")));
        assertEquals(0, error("base: {lr: [1, 2}\n").indexOf("s.yaml: not valid YAML"));
    }

    @Test
    void aKeyGivenTwiceIsAnErrorNotTheLastOneWinning() {
        String twoGrids = """
                base: {data: gaussians, model: "mlp:20-8-10"}
                grid: {lr: [0.01]}
                grid: {batch: [16, 32]}
                """;
        assertEquals("s.yaml: not valid YAML: line 3: key 'grid' is given twice", error(twoGrids));
        assertEquals("s.json: not valid JSON: line 1: key 'lr' is given twice", assertThrows(GengeoException.class,
                () -> SweepPlan.parse("s.json", "{\"base\": {\"lr\": 0.1, \"lr\": 0.2}}")).getMessage());
    }

    @Test
    void aSpecTypoIsCaughtUpFrontWithTheLineOfTheValue() {
        String typo = """
                base: {data: gaussians}
                grid:
                  model:
                    - "mlp:20-8-10"
                    - "mlp:20-64-1O"
                """;
        String e = error(typo);
        assertTrue(e.startsWith("s.yaml:5: grid.model.1: "), e);
        assertTrue(e.contains("1O"), e);
        assertTrue(error("base: {data: gaussians, activation: relux}\n").startsWith("s.yaml:1: base.activation: "));
        assertTrue(error("base: {lr: abc}\n").matches("s.yaml:1: base.lr: bad training option value: (line \\d+: )?lr: 'abc' is not a number"),
                error("base: {lr: abc}\n"));
    }
}
