package org.gengeo.report.page;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Compact, locale-independent number formatting for tables and labels.
 *
 * <ul>
 *   <li>{@code 0.25 -> "0.25"}, {@code 3 -> "3"}, {@code 12.5 -> "12.5"}</li>
 *   <li>{@code 1200 -> "1.2k"}, {@code 3.4e6 -> "3.4M"}, {@code 2e9 -> "2G"}, {@code 5e12 -> "5T"}</li>
 *   <li>{@code 0.0001 -> "1e-4"}, {@code 2.5e-7 -> "2.5e-7"}, {@code 3e17 -> "3e17"}</li>
 * </ul>
 * Numbers of magnitude in [0.001, 1000) are written plainly, [1e3, 1e15) with an SI suffix, and
 * everything else in short scientific notation. NaN and infinities are written "NaN", "inf",
 * "-inf".
 */
public final class Numbers {
  private static final String[] SUFFIX = {"", "k", "M", "G", "T"};

  private Numbers() {
  }

  /**
   * Formats {@code v} for a table cell to six significant digits: {@link #table(double, int)} with 6.
   *
   * @param v any double
   * @return the cell text
   */
  public static String table(double v) {
    return table(v, 6);
  }

  /**
   * Formats {@code v} for a table cell: whole numbers (below 1e15) as integers, others to {@code sig}
   * significant digits ({@code %g}) without trailing zeros ({@code 3 -> "3"}, six digits:
   * {@code 0.1234567 -> "0.123457"}, {@code 1.5e-7 -> "1.5e-07"}). NaN and infinities as Java writes them.
   *
   * @param v any double
   * @param sig significant digits, 1 to 17
   * @return the cell text
   */
  public static String table(double v, int sig) {
    if (sig < 1 || sig > 17) {
      throw new IllegalArgumentException("significant digits must be in 1..17, got " + sig);
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    String s = String.format(Locale.ROOT, "%." + sig + "g", v);
    int e = s.indexOf('e');
    String mantissa = e < 0 ? s : s.substring(0, e);
    if (mantissa.contains(".")) {
      mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return e < 0 ? mantissa : mantissa + s.substring(e);
  }

  /**
   * Formats {@code v} compactly with three significant digits.
   *
   * @param v any double
   * @return the label
   */
  public static String compact(double v) {
    return compact(v, 3);
  }

  /**
   * Formats {@code v} compactly with at most {@code sig} significant digits (trailing zeros
   * dropped).
   *
   * @param v any double
   * @param sig significant digits, 1 to 17
   * @return the label
   */
  public static String compact(double v, int sig) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (sig < 1 || sig > 17) {
      throw new IllegalArgumentException("significant digits must be in 1..17, got " + sig);
    }
    if (v == 0) {
      return "0";
    }
    return compact(new BigDecimal(v).round(new MathContext(sig, RoundingMode.HALF_EVEN)));
  }

  /**
   * Formats an exact decimal compactly, using all its (non-zero-trailing) digits.
   *
   * @param d the value
   * @return the label
   */
  static String compact(BigDecimal d) {
    if (d.signum() == 0) {
      return "0";
    }
    d = d.stripTrailingZeros();
    int exp10 = d.precision() - d.scale() - 1; // floor(log10(|d|))
    if (exp10 >= -3 && exp10 < 3) {
      return d.toPlainString();
    }
    if (exp10 >= 3 && exp10 < 15) {
      int group = exp10 / 3;
      return d.scaleByPowerOfTen(-3 * group).stripTrailingZeros().toPlainString() + SUFFIX[group];
    }
    return scientific(d);
  }

  /** Short scientific notation: mantissa with its significant digits, "e", exponent. */
  static String scientific(BigDecimal d) {
    if (d.signum() == 0) {
      return "0";
    }
    d = d.stripTrailingZeros();
    int exp10 = d.precision() - d.scale() - 1;
    String mant = d.scaleByPowerOfTen(-exp10).stripTrailingZeros().toPlainString();
    return mant + "e" + exp10;
  }
}
