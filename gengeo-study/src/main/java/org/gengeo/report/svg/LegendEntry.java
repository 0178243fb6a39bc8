package org.gengeo.report.svg;

/**
 * One legend row: a swatch in the series' style and its name.
 *
 * @param name series name
 * @param color CSS colour
 * @param dash stroke-dasharray or null
 * @param marker marker shape, or null for none
 * @param line whether the swatch shows a line
 * @param area whether the swatch shows a filled box
 */
record LegendEntry(String name, String color, String dash, Marker marker, boolean line, boolean area) {
}
