package org.gengeo.measures.registry;

/**
 * A numeric parameter of a measure.
 *
 * @param name         key, lower-case with dashes (e.g. {@code samples})
 * @param defaultValue value used when none is given
 * @param min          smallest allowed value
 * @param integer      whether only whole numbers are allowed
 * @param description  one line
 */
public record MeasureParameter(String name, double defaultValue, double min, boolean integer, String description) {}
