package org.gengeo.report.page;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Table cells: integers plainly, others to six significant digits with trailing zeros dropped. */
class NumbersTableTest {
    @Test
    void numbersAreShortAndExact() {
        assertEquals("12", Numbers.table(12));
        assertEquals("-3", Numbers.table(-3.0));
        assertEquals("0.725", Numbers.table(0.725));
        assertEquals("1.5e-07", Numbers.table(1.5e-7));
        assertEquals("12.3457", Numbers.table(12.345678));
        assertEquals("NaN", Numbers.table(Double.NaN));
    }
}
