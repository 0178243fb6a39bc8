package org.gengeo.core.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.gengeo.core.GengeoException;

/**
 * Loads a data set by name and applies the configured transformations, in this order:
 * <ol>
 *   <li>load the full training and test pools (files, embedded subset, or generated);</li>
 *   <li>class subset ({@code classes}, image data only), relabelled 0..k-1;</li>
 *   <li>size subsets: the training set is the first {@code trainSize} entries of a permutation of
 *       the training pool, the test set the first {@code testSize} of a permutation of the test
 *       pool; the training examples left out form the <em>spare</em> pool used by step 6;</li>
 *   <li>binary relabelling (0-4 to 0, 5-9 to 1; train, spare and test);</li>
 *   <li>label noise or random labels (training set only; the test labels never change);</li>
 *   <li>attack: the first {@code attack} spare examples, labels flipped, appended to the training set;</li>
 *   <li>standardisation with one global mean and standard deviation of the final training set
 *       (all pixels of all examples, attack points included), applied to train and test; or, instead,
 *       per-channel normalisation ({@link ChannelNormalization}) with the final training set's
 *       per-channel statistics or given values.</li>
 * </ol>
 *
 * <p>Randomness: every random choice draws from its own stream {@code Seeds.random(cfg.seed(),
 * purpose)}, so changing one option never changes the draws of another. Purposes:
 * {@code "train-subset"} and {@code "test-subset"} (Fisher-Yates permutations, see
 * {@link DataTransforms#permutation}), {@code "label-noise-pick"} and {@code "label-noise-label"},
 * {@code "random-labels"}, {@code "attack-label"}, and {@code "synthetic-<kind>"} for generated
 * examples. Because the spare pool is the continuation of the training permutation, adding attack
 * points never changes which clean examples are trained on.
 *
 * <p>Names: {@code fashion-mnist}, {@code mnist} (IDX files), {@code fashion-mnist-embedded} (the
 * subset shipped in gengeo: 2,500 training images, 250 per class, and 1,000 test images, 100 per
 * class, the first of each class in the original files' order), {@code cifar10}, {@code cifar100}
 * (fine labels, 100 classes) and {@code cifar100-coarse} (the same images with the 20 superclass
 * labels) (binary versions, see {@link CifarReader}),
 * and the synthetic {@code gaussians}, {@code teacher}, {@code spirals} (see {@link SyntheticData};
 * {@value #SYNTHETIC_SIZE} training and test examples unless sizes are given; they are generated
 * at the requested size, so no permutation is applied, and attack points come from an extra,
 * independent draw). Fashion-MNIST is looked up in the data directory, then in
 * {@value #DEBIAN_FASHION_MNIST} (Debian's dataset-fashion-mnist; the system property
 * {@code gengeo.fashionMnistDir} overrides this path), then in the embedded subset. MNIST needs a
 * data directory; CIFAR-10 needs one holding {@code data_batch_1.bin} ... {@code data_batch_5.bin}
 * and {@code test_batch.bin}, directly or in its {@code cifar-10-batches-bin} folder; CIFAR-100 one
 * holding {@code train.bin} and {@code test.bin}, directly or in its {@code cifar-100-binary} folder. With
 * {@link DataConfig#trainFile()} and {@link DataConfig#testFile()} the pools are read from array files
 * (see {@link ArrayFiles}) and the name is the user's label (a built-in name is refused); the
 * transformations are the same.
 *
 * <p>{@link DataSplit#info()} records {@code source} (directory, {@code "embedded"} or
 * {@code "synthetic"}), {@code rawHashes} (SHA-256 of each file read, as stored), {@code classes},
 * {@code corruptedIndices} (sorted), {@code randomLabels}, {@code attackIndices} (positions in the
 * final training set), {@code standardization} (a {@link DataTransforms.Standardization}),
 * {@code normalization} (a {@link ChannelNormalization}),
 * {@code trainSize}, {@code testSize}, {@code trainHash} and {@code testHash}
 * ({@link Dataset#contentHash()} of the final sets); keys of options not used are absent.
 */
public final class DataSources {
    /** Where Debian's dataset-fashion-mnist package installs the files. */
    public static final String DEBIAN_FASHION_MNIST = "/usr/share/datasets/fashion-mnist";
    /** System property that replaces {@link #DEBIAN_FASHION_MNIST} (tests use it to force the embedded fallback). */
    public static final String FASHION_MNIST_DIR_PROPERTY = "gengeo.fashionMnistDir";
    /** The label of array-file data when the user gives none. */
    public static final String ARRAY_FILES_NAME = "files";
    /** Default size of each synthetic set. */
    public static final int SYNTHETIC_SIZE = 1000;
    private static final String EMBEDDED = "/org/gengeo/core/data/fashion-mnist-subset/";
    private static final String[] IDX_FILES = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
        "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};
    private static final List<String> NAMES = List.of("fashion-mnist", "fashion-mnist-embedded", "mnist", "cifar10",
            "cifar100", "cifar100-coarse",
            "gaussians", "teacher", "spirals");

    /** Training set, unused training examples (the attack pool) and test set after the size subsets. */
    private record Pools(Dataset train, Dataset spare, Dataset test) {}

    private DataSources() {}

    /** The names {@code --data} accepts. */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * Loads and transforms the data {@code cfg} describes (see the class comment for the order).
     *
     * @throws GengeoException for an unknown name, missing or malformed files, or impossible options
     */
    public static DataSplit load(DataConfig cfg) {
        validate(cfg);
        Map<String, Object> info = new LinkedHashMap<>();
        Pools pools = cfg.trainFile() == null && SyntheticData.has(cfg.name()) ? synthetic(cfg, info) : fromFiles(cfg, info);
        Dataset train = pools.train();
        Dataset spare = pools.spare();
        Dataset test = pools.test();
        if (cfg.binary()) {
            train = DataTransforms.binary(train);
            spare = DataTransforms.binary(spare);
            test = DataTransforms.binary(test);
        }
        if (cfg.randomLabels()) {
            train = DataTransforms.randomLabels(train, cfg.seed());
            info.put("randomLabels", true);
        } else if (cfg.labelNoise() > 0) {
            DataTransforms.Noisy noisy = DataTransforms.labelNoise(train, cfg.labelNoise(), cfg.seed());
            train = noisy.data();
            info.put("corruptedIndices", noisy.corrupted());
        }
        if (cfg.attack() > 0) {
            if (cfg.attack() > spare.size()) {
                throw new GengeoException("--attack " + cfg.attack() + " needs that many unused training examples but only "
                        + spare.size() + " are left (lower --train-size)");
            }
            int first = train.size();
            train = DataTransforms.attack(train, spare.select(IntStream.range(0, cfg.attack()).toArray()), cfg.seed());
            info.put("attackIndices", IntStream.range(first, train.size()).toArray());
        }
        if (cfg.standardize()) {
            DataTransforms.Standardization s = DataTransforms.statistics(train);
            train = DataTransforms.standardize(train, s);
            test = DataTransforms.standardize(test, s);
            info.put("standardization", s);
        }
        if (cfg.normalize() != null) {
            ChannelNormalization n = ChannelNormalization.of(cfg.normalize(), train);
            train = n.apply(train);
            test = n.apply(test);
            info.put("normalization", n);
        }
        info.put("trainSize", train.size());
        info.put("testSize", test.size());
        info.put("trainHash", train.contentHash());
        info.put("testHash", test.contentHash());
        return new DataSplit(train, test, info);
    }

    private static void validate(DataConfig cfg) {
        if (cfg.name() == null || cfg.name().isBlank()) {
            throw new GengeoException("no data set name given (expected one of " + String.join(", ", NAMES) + ")");
        }
        if (!(cfg.labelNoise() >= 0 && cfg.labelNoise() <= 1)) {
            throw new GengeoException("--label-noise must be in [0, 1], got " + cfg.labelNoise());
        }
        if (cfg.randomLabels() && cfg.labelNoise() > 0) {
            throw new GengeoException("--random-labels and --label-noise exclude each other");
        }
        if (cfg.standardize() && cfg.normalize() != null) {
            throw new GengeoException("--standardize and --normalize exclude each other");
        }
        if (cfg.normalize() != null) {
            ChannelNormalization.check(cfg.normalize());
        }
        if (cfg.attack() < 0) {
            throw new GengeoException("--attack must be >= 0, got " + cfg.attack());
        }
        if ((cfg.trainFile() == null) != (cfg.testFile() == null)) {
            throw new GengeoException("--train and --test go together (one file each)");
        }
        if (cfg.trainFile() != null && cfg.dataDir() != null) {
            throw new GengeoException("--train/--test and --data-dir exclude each other");
        }
        if (cfg.trainFile() != null && NAMES.contains(cfg.name())) {
            throw new GengeoException("--data " + cfg.name() + " names a built-in data set; with --train/--test give the data your own name");
        }
        checkSize(cfg.trainSize(), "--train-size");
        checkSize(cfg.testSize(), "--test-size");
    }

    private static void checkSize(Integer n, String flag) {
        if (n != null && n < 1) {
            throw new GengeoException(flag + " must be at least 1, got " + n);
        }
    }

    /** Generated sets, drawn at the requested sizes; the spare pool is an independent extra draw. */
    private static Pools synthetic(DataConfig cfg, Map<String, Object> info) {
        if (cfg.classes() != null) {
            throw new GengeoException("--classes applies to the image data sets, not to the synthetic '" + cfg.name() + "'");
        }
        String kind = cfg.name();
        int trainN = cfg.trainSize() != null ? cfg.trainSize() : SYNTHETIC_SIZE;
        int testN = cfg.testSize() != null ? cfg.testSize() : SYNTHETIC_SIZE;
        info.put("source", "synthetic");
        return new Pools(SyntheticData.generate(kind, trainN, cfg.seed(), "train"),
                SyntheticData.generate(kind, cfg.attack(), cfg.seed(), "spare"),
                SyntheticData.generate(kind, testN, cfg.seed(), "test"));
    }

    /** Data read from files: class subset, then seeded size subsets of both pools. */
    private static Pools fromFiles(DataConfig cfg, Map<String, Object> info) {
        Dataset[] pools = read(cfg, info);
        Dataset train = pools[0];
        Dataset test = pools[1];
        if (cfg.classes() != null) {
            train = DataTransforms.keepClasses(train, cfg.classes());
            test = DataTransforms.keepClasses(test, cfg.classes());
            info.put("classes", cfg.classes());
        }
        if (train.size() == 0 || test.size() == 0) {
            throw new GengeoException("'" + cfg.name() + "' from " + info.get("source") + " has " + train.size()
                    + " training and " + test.size() + " test examples; both must be at least 1");
        }
        int[] trainOrder = DataTransforms.permutation(train.size(), cfg.seed(), "train-subset");
        int trainN = size(cfg.trainSize(), train.size(), "--train-size", cfg.name());
        Dataset spare = train.select(Arrays.copyOfRange(trainOrder, trainN, trainOrder.length));
        if (cfg.trainSize() != null) {
            train = train.select(Arrays.copyOf(trainOrder, trainN));
        }
        if (cfg.testSize() != null) {
            int testN = size(cfg.testSize(), test.size(), "--test-size", cfg.name());
            test = test.select(DataTransforms.firstOfPermutation(test.size(), testN, cfg.seed(), "test-subset"));
        }
        return new Pools(train, spare, test);
    }

    private static int size(Integer wanted, int available, String flag, String name) {
        if (wanted == null) {
            return available;
        }
        if (wanted > available) {
            throw new GengeoException(flag + " " + wanted + " is outside 1.." + available + " (the examples '" + name + "' has)");
        }
        return wanted;
    }

    /** The full train and test pools of a file-based set, before any transformation. */
    private static Dataset[] read(DataConfig cfg, Map<String, Object> info) {
        String name = cfg.name();
        if (cfg.trainFile() != null) {
            Map<String, String> hashes = new LinkedHashMap<>();
            Dataset[] pools = ArrayFiles.read(name, cfg.trainFile(), cfg.testFile(), hashes);
            info.put("source", cfg.trainFile() + " | " + cfg.testFile());
            info.put("rawHashes", hashes);
            return pools;
        }
        switch (name) {
            case "fashion-mnist": return idx(name, fashionMnistDir(cfg.dataDir()), info);
            case "fashion-mnist-embedded": return embedded(info);
            case "mnist":
                if (cfg.dataDir() == null) {
                    throw new GengeoException("--data mnist needs --data-dir pointing at the four MNIST IDX files ("
                            + String.join(", ", IDX_FILES) + ", each optionally .gz)");
                }
                return idx(name, cfg.dataDir(), info);
            case "cifar10", "cifar100", "cifar100-coarse": return cifar(name, cfg.dataDir(), info);
            default:
                throw new GengeoException("unknown data set '" + name + "' (expected one of " + String.join(", ", NAMES) + ")");
        }
    }

    private static Path fashionMnistDir(Path dataDir) {
        if (dataDir != null) {
            return dataDir;
        }
        Path system = Path.of(System.getProperty(FASHION_MNIST_DIR_PROPERTY, DEBIAN_FASHION_MNIST));
        return find(system, IDX_FILES[0]) != null ? system : null;
    }

    private static Dataset[] idx(String name, Path dir, Map<String, Object> info) {
        if (dir == null) {
            return embedded(info);
        }
        requireDirectory(dir);
        RawFile[] files = new RawFile[4];
        Map<String, String> hashes = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            Path p = find(dir, IDX_FILES[i]);
            if (p == null) {
                throw new GengeoException(dir + ": missing " + IDX_FILES[i] + " (or " + IDX_FILES[i] + ".gz)");
            }
            files[i] = RawFile.of(p);
            hashes.put(p.getFileName().toString(), files[i].sha256());
        }
        info.put("source", dir.toString());
        info.put("rawHashes", hashes);
        return sameShape(IdxReader.images(name, files[0], files[1]), files[0], IdxReader.images(name, files[2], files[3]), files[2]);
    }

    /** The training and test pools, once checked to hold examples of one shape (a model takes only one). */
    private static Dataset[] sameShape(Dataset train, RawFile trainFile, Dataset test, RawFile testFile) {
        if (!Arrays.equals(train.sampleShape(), test.sampleShape())) {
            throw new GengeoException(testFile.name() + " holds images of shape " + Arrays.toString(test.sampleShape()) + " but "
                    + trainFile.name() + " holds " + Arrays.toString(train.sampleShape()) + "; training and test images must have one shape");
        }
        return new Dataset[] {train, test};
    }

    private static void requireDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new GengeoException(dir + ": data directory not found");
        }
    }

    private static Path find(Path dir, String base) {
        for (String candidate : new String[] {base + ".gz", base}) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static Dataset[] embedded(Map<String, Object> info) {
        RawFile[] files = new RawFile[4];
        Map<String, String> hashes = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            files[i] = RawFile.resource(EMBEDDED + IDX_FILES[i] + ".gz");
            hashes.put(IDX_FILES[i] + ".gz", files[i].sha256());
        }
        info.put("source", "embedded");
        info.put("rawHashes", hashes);
        return new Dataset[] {IdxReader.images("fashion-mnist", files[0], files[1]), IdxReader.images("fashion-mnist", files[2], files[3])};
    }

    /**
     * Where a CIFAR version's files are: the folder its archive extracts to, the training files in
     * order, the test file, and the record format.
     */
    private record CifarLayout(String folder, List<String> train, String test, CifarReader.Format format) {
        static CifarLayout of(String name) {
            List<String> batches = List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
                    "data_batch_5.bin");
            switch (name) {
                case "cifar10": return new CifarLayout("cifar-10-batches-bin", batches, "test_batch.bin", CifarReader.Format.CIFAR10);
                case "cifar100": return new CifarLayout("cifar-100-binary", List.of("train.bin"), "test.bin",
                        CifarReader.Format.CIFAR100_FINE);
                case "cifar100-coarse": return new CifarLayout("cifar-100-binary", List.of("train.bin"), "test.bin",
                        CifarReader.Format.CIFAR100_COARSE);
                default: throw new IllegalArgumentException(name);
            }
        }
    }

    private static Dataset[] cifar(String name, Path dir, Map<String, Object> info) {
        CifarLayout layout = CifarLayout.of(name);
        if (dir == null) {
            throw new GengeoException("--data " + name + " needs --data-dir pointing at " + layout.format().set()
                    + "'s binary version (" + String.join(", ", layout.train()) + ", " + layout.test() + ")");
        }
        requireDirectory(dir);
        Path base = Files.isDirectory(dir.resolve(layout.folder())) ? dir.resolve(layout.folder()) : dir;
        List<RawFile> train = new ArrayList<>();
        Map<String, String> hashes = new LinkedHashMap<>();
        for (String file : layout.train()) {
            train.add(cifarFile(base, file, hashes));
        }
        RawFile test = cifarFile(base, layout.test(), hashes);
        info.put("source", base.toString());
        info.put("rawHashes", hashes);
        return new Dataset[] {CifarReader.read(name, layout.format(), train), CifarReader.read(name, layout.format(), List.of(test))};
    }

    private static RawFile cifarFile(Path base, String name, Map<String, String> hashes) {
        Path p = base.resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new GengeoException(base + ": missing " + name);
        }
        RawFile f = RawFile.of(p);
        hashes.put(name, f.sha256());
        return f;
    }
}
