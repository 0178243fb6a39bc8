package org.gengeo.spark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.gengeo.sweep.ResultsTable;
import org.gengeo.sweep.SweepConfig;
import org.gengeo.sweep.SweepEngine;
import org.gengeo.sweep.SweepPlan;
import org.gengeo.sweep.SweepRow;
import org.gengeo.sweep.SweepRunner;

/**
 * {@code gengeo sweep --engine spark}: the unfinished models of the sweep become one Spark task each
 * ({@link ModelTask}); afterwards the driver rebuilds {@code results.csv} exactly as the local engine
 * does and writes the same rows to {@code results.parquet} ({@link ParquetResults}). Finished models
 * are recognised by their {@code runs/ID/row.json}, as in the local engine, so a sweep can be resumed
 * with either engine; the driver holds the sweep directory's lock as the local engine does, and each
 * task the model's lock. On a cluster the sweep directory (and the sweep file) must be on a filesystem
 * that the driver and every executor see under the same path.
 *
 * <p>The master is {@code --master} if given, else the one spark-submit configured, else the
 * embedded {@code local[*]}.
 */
public final class SparkSweepEngine implements SweepEngine {
    @Override
    public String name() {
        return "spark";
    }

    @Override
    public SweepRunner.Outcome run(Request request, Consumer<String> progress) {
        SweepPlan plan = request.plan();
        SweepRunner.prepare(plan, request.outDir(), request.command());
        return SweepRunner.withSweepLock(request.outDir(), () -> runLocked(plan, request, progress));
    }

    private static SweepRunner.Outcome runLocked(SweepPlan plan, Request request, Consumer<String> progress) {
        List<String> pending = plan.configs().stream().filter(c -> !SweepRunner.finished(plan, request.outDir(), c))
                .map(SweepConfig::id).toList();
        progress.accept(String.format(Locale.ROOT, "%d of %d models already done; %d Spark tasks", plan.configs().size() - pending.size(),
                plan.configs().size(), pending.size()));
        SparkConf conf = new SparkConf().setAppName("gengeo sweep " + plan.name());
        if (request.master() != null) {
            conf.setMaster(request.master());
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.ui.enabled", "false");
        }
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        try {
            Map<String, String> failures = new LinkedHashMap<>();
            if (!pending.isEmpty()) {
                JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
                List<ModelTask.Result> results = jsc.parallelize(pending, pending.size()).map(new ModelTask(request)).collect();
                int i = 0;
                for (ModelTask.Result r : results) {
                    i++;
                    if (r.error() != null) {
                        failures.put(r.id(), r.error());
                        progress.accept("failed: " + r.id() + ": " + r.error());
                    } else {
                        progress.accept(String.format(Locale.ROOT, "[%d/%d] %s %s", i, pending.size(), r.id(), r.fresh() ? "done" : "already done"));
                    }
                }
            }
            List<SweepRow> rows = ResultsTable.rows(plan, request.outDir());
            ResultsTable.write(plan, rows, request.outDir());
            ParquetResults.write(spark, plan, rows, request.outDir());
            return new SweepRunner.Outcome(rows.size(), plan.configs().size(), failures);
        } finally {
            spark.stop();
        }
    }
}
