package org.gengeo.spark;

import java.io.Serializable;
import org.apache.spark.api.java.function.Function;
import org.gengeo.sweep.SweepConfig;
import org.gengeo.sweep.SweepEngine;
import org.gengeo.sweep.SweepPlan;
import org.gengeo.sweep.SweepRunner;

/**
 * One Spark task: brings the model with a given config id to its finished row through the local
 * engine's in-process path ({@link SweepRunner#inProcess}: train or resume, measure, write
 * {@code runs/ID/row.json}), so both engines produce the same rows. DJL records one gradient tape
 * per process, so the models of one JVM (all of them under {@code local[*]}, those of one executor on
 * a cluster) take turns; parallelism comes from executors.
 */
final class ModelTask implements Function<String, ModelTask.Result> {
    private static final long serialVersionUID = 1L;
    private static final Object ONE_MODEL_PER_JVM = new Object();
    private final SweepEngine.Request request;

    ModelTask(SweepEngine.Request request) {
        this.request = request;
    }

    /**
     * What a task reports back to the driver.
     *
     * @param id    the config id
     * @param fresh true if this task trained or measured it, false if it was finished already
     * @param error the failure's message, or null
     */
    record Result(String id, boolean fresh, String error) implements Serializable {}

    @Override
    public Result call(String id) {
        try {
            SweepPlan plan = request.plan();
            SweepConfig c = plan.configs().stream().filter(x -> x.id().equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no model " + id + " in sweep " + plan.name()));
            synchronized (ONE_MODEL_PER_JVM) {
                return new Result(id, SweepRunner.inProcess(plan, request.outDir(), request.threads(), request.command()).finish(c), null);
            }
        } catch (RuntimeException e) {
            return new Result(id, false, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }
}
