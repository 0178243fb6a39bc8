package org.gengeo.report.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Table cells: integers plainly, others to six (or the given) significant digits with trailing zeros dropped. */
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

    @Test
    void fewerDigitsRoundTheSameWay() {
        assertEquals("0.1235", Numbers.table(0.123456, 4));
        assertEquals("0.5", Numbers.table(0.5000001, 4));
        assertEquals("1235", Numbers.table(1234.5678, 4));
        assertEquals("-2.5e-05", Numbers.table(-2.5e-5, 4));
        assertEquals("7", Numbers.table(7.0, 4));
        assertThrows(IllegalArgumentException.class, () -> Numbers.table(0.5, 0));
    }
}
