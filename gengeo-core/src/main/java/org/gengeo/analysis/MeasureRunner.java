package org.gengeo.analysis;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.gengeo.core.Provenance;
import org.gengeo.measures.registry.Measure;
import org.gengeo.measures.registry.MeasureContext;
import org.gengeo.measures.registry.MeasureParameters;
import org.gengeo.measures.registry.MeasureRegistry;
import org.gengeo.measures.registry.MeasureValue;
import org.gengeo.measures.registry.MeasuresRecord;
import org.gengeo.train.LoadedRun;
import org.gengeo.train.RunDirectory;

/**
 * Computes measures on a run and keeps them in the run's {@code measures.json}. Results are merged
 * into what the file already holds, so measures can be added one at a time; after each measure the
 * file is rewritten atomically, so a killed computation loses at most the measure in progress.
 */
public final class MeasureRunner {
    private MeasureRunner() {}

    /**
     * Computes {@code measures} (with {@code parameters}: measure name to its overrides) on the run in
     * {@code dir}. With {@code skipDone}, a measure already in measures.json with the same parameters is
     * not recomputed. With {@code onlyApplicable}, a measure that does not apply to the model (see
     * {@link Measure#notApplicable}) is skipped with a progress line instead of failing.
     * {@code progress} hears one line per measure.
     */
    public static MeasuresRecord run(Path dir, List<Measure> measures, Map<String, Map<String, Double>> parameters, boolean skipDone,
                                     boolean onlyApplicable, String command, Consumer<String> progress) {
        RunDirectory run = RunDirectory.open(dir);
        Map<String, MeasuresRecord.Entry> entries = new LinkedHashMap<>(read(run).measures());
        try (LoadedRun loaded = LoadedRun.open(run, null)) {
            MeasureContext context = MeasureContext.of(loaded);
            Provenance.Inputs inputs = loaded.inputs();
            for (Measure m : measures) {
                String reason = m.notApplicable(loaded.network().architecture());
                if (onlyApplicable && reason != null) {
                    progress.accept(String.format(Locale.ROOT, "%-20s skipped: %s", m.name(), reason));
                    continue;
                }
                MeasureParameters p = MeasureParameters.of(m, parameters.getOrDefault(m.name(), Map.of()));
                MeasuresRecord.Entry old = entries.get(m.name());
                if (skipDone && old != null && old.parameters().equals(p.asMap())) {
                    continue;
                }
                long start = System.nanoTime();
                MeasureValue v = m.compute(context, p);
                double wall = (System.nanoTime() - start) / 1e9;
                entries.put(m.name(), new MeasuresRecord.Entry(v.value(), v.details(), p.asMap(), m.data().name().toLowerCase(Locale.ROOT),
                        wall, Provenance.current(command).withInputs(inputs)));
                run.write(RunArtifacts.MEASURES, new MeasuresRecord(dir.toString(), ordered(entries)));
                progress.accept(String.format(Locale.ROOT, "%-20s %14.6g   (%.2f s)", m.name(), v.value(), wall));
            }
        }
        MeasuresRecord record = new MeasuresRecord(dir.toString(), ordered(entries));
        run.write(RunArtifacts.MEASURES, record);
        return record;
    }

    /** The measures.json of {@code run}, or an empty record if there is none. */
    public static MeasuresRecord read(RunDirectory run) {
        return run.has(RunArtifacts.MEASURES) ? run.read(RunArtifacts.MEASURES) : new MeasuresRecord(run.root().toString(), Map.of());
    }

    /** Entries in the registry's order, unknown names (from a newer or older gengeo) last. */
    private static Map<String, MeasuresRecord.Entry> ordered(Map<String, MeasuresRecord.Entry> entries) {
        Map<String, MeasuresRecord.Entry> out = new LinkedHashMap<>();
        for (Measure m : MeasureRegistry.ALL) {
            if (entries.containsKey(m.name())) {
                out.put(m.name(), entries.get(m.name()));
            }
        }
        entries.forEach(out::putIfAbsent);
        return out;
    }
}
