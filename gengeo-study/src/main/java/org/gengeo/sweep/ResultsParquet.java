package org.gengeo.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.gengeo.core.Provenance;
import org.gengeo.core.io.Json;

/**
 * The local engine's {@code results.parquet}: laid out as Spark writes it, a directory holding one part
 * file ({@code part-00000.parquet}, uncompressed, written by {@link ParquetTable}, that is by parquet-hadoop) and an empty
 * {@code _SUCCESS} marker, so that {@code spark.read.parquet}, {@code pyarrow.parquet.read_table} and
 * {@code pandas.read_parquet} read either engine's table from the same path (readers skip names
 * starting with {@code _} or {@code .}). The columns are {@link ResultsSchema}'s; the file's metadata
 * holds the provenance under {@code gengeo.provenance}.
 *
 * <p>Atomicity: when the directory is this writer's own, only its part file is replaced, atomically, so
 * a reader sees the old table or the new one. When it is not (the first time, or after the Spark
 * engine), a new directory is built beside it ({@code results.parquet.new}) and renamed into place after
 * the old one is moved aside; a kill between those two renames leaves no table until the next write,
 * which every finished model triggers.
 */
public final class ResultsParquet {
    /** The table's directory name. */
    public static final String NAME = "results.parquet";
    /** The part file's name. */
    public static final String PART = "part-00000.parquet";
    private static final String SUCCESS = "_SUCCESS";

    private ResultsParquet() {}

    /** Writes {@code out/results.parquet} from {@code rows} (the finished rows, {@link ResultsTable#rows}); returns their number. */
    public static int write(SweepPlan plan, List<SweepRow> rows, Path out, String command) {
        ParquetTable table = ResultsSchema.table(plan, rows)
                .metadata("gengeo.provenance", Json.line(Provenance.current(command)));
        Path dir = out.resolve(NAME);
        try {
            if (ownDirectory(dir)) {
                table.write(dir.resolve(PART));
                return table.size();
            }
            Path fresh = out.resolve(NAME + ".new");
            Path old = out.resolve(NAME + ".old");
            SweepRunner.deleteTree(fresh);
            Files.createDirectories(fresh);
            table.write(fresh.resolve(PART));
            Files.createFile(fresh.resolve(SUCCESS));
            SweepRunner.deleteTree(old);
            if (Files.exists(dir)) {
                Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(fresh, dir, StandardCopyOption.ATOMIC_MOVE);
            SweepRunner.deleteTree(old);
            return table.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A directory holding this writer's part file and nothing else but the marker and hidden temp files. */
    private static boolean ownDirectory(Path dir) throws IOException {
        if (!Files.isRegularFile(dir.resolve(PART))) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).allMatch(n -> n.equals(PART) || n.equals(SUCCESS) || n.startsWith("."));
        }
    }
}
