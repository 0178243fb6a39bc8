package org.gengeo.core.data;

import java.util.Map;

/**
 * Train and test sets after every transformation, with the facts about the transformations that a
 * run records in {@code data.json}: {@code source}, {@code rawHashes}, {@code corruptedIndices},
 * {@code attackIndices}, {@code standardization} and the final content hashes.
 */
public record DataSplit(Dataset train, Dataset test, Map<String, Object> info) {}
