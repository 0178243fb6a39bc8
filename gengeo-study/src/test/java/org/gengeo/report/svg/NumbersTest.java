package org.gengeo.report.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NumbersTest {
  @Test
  void compactForms() {
    assertEquals("0", Numbers.compact(0));
    assertEquals("0", Numbers.compact(-0.0));
    assertEquals("0.25", Numbers.compact(0.25));
    assertEquals("1e-4", Numbers.compact(1e-4));
    assertEquals("2.5e-7", Numbers.compact(2.5e-7));
    assertEquals("1.2k", Numbers.compact(1200));
    assertEquals("12.3k", Numbers.compact(12345));
    assertEquals("3.4M", Numbers.compact(3.4e6));
    assertEquals("-41.2", Numbers.compact(-41.2));
    assertEquals("0.001", Numbers.compact(0.001));
    assertEquals("1M", Numbers.compact(999999.7));
    assertEquals("3e17", Numbers.compact(3e17));
    assertEquals("0.333", Numbers.compact(1.0 / 3));
    assertEquals("NaN", Numbers.compact(Double.NaN));
    assertEquals("-inf", Numbers.compact(Double.NEGATIVE_INFINITY));
    assertEquals("0.41", Numbers.compact(0.41, 2));
  }
}
