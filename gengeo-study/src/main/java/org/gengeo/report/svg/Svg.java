package org.gengeo.report.svg;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * A tiny builder for SVG markup. Every text node and attribute value is XML-escaped, numbers are
 * written with at most two decimals in {@link java.util.Locale#ROOT} style, and elements are closed
 * in order (checked), so the result is always well-formed XML.
 *
 * <p>Attributes are given as name/value pairs: {@code svg.element("line", "x1", 0.0, "y1", 5.5,
 * "stroke", "#333")}. {@link Double} and {@link Float} values are written with {@link #num(double)},
 * other values with {@code toString()} and escaped. A {@code null} value drops the attribute.
 *
 * <p>The output has no XML prolog, so it can be inlined in HTML5 as well as saved as an
 * {@code .svg} file.
 */
public final class Svg {
  /** The SVG namespace. */
  public static final String NS = "http://www.w3.org/2000/svg";

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_:.-]*");

  private final StringBuilder out = new StringBuilder(4096);
  private final Deque<String> open = new ArrayDeque<>();

  /**
   * Starts a document: an {@code <svg>} root of the given pixel size with a matching viewBox, a
   * sans-serif font and, when {@code title} is not empty, a {@code <title>} child and an
   * {@code aria-label} for screen readers.
   *
   * @param width width in pixels, positive
   * @param height height in pixels, positive
   * @param title accessible title; may be empty or null
   */
  public Svg(int width, int height, String title) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("SVG size must be positive, got " + width + "x" + height);
    }
    String t = title == null ? "" : title;
    open("svg", "xmlns", NS, "width", width, "height", height,
        "viewBox", "0 0 " + width + " " + height, "role", "img",
        "aria-label", t.isEmpty() ? null : t,
        "font-family", "Helvetica, Arial, 'DejaVu Sans', sans-serif");
    if (!t.isEmpty()) {
      open("title").text(t).close("title");
    }
  }

  /**
   * Opens an element with attributes given as name/value pairs.
   *
   * @param tag element name
   * @param attrs alternating attribute names and values
   * @return this builder
   */
  public Svg open(String tag, Object... attrs) {
    startTag(tag, attrs);
    out.append('>');
    open.push(tag);
    return this;
  }

  /**
   * Closes the innermost open element, which must be {@code tag}.
   *
   * @param tag element name
   * @return this builder
   * @throws IllegalStateException if {@code tag} is not the innermost open element
   */
  public Svg close(String tag) {
    String top = open.peek();
    if (!tag.equals(top)) {
      throw new IllegalStateException("closing <" + tag + "> but innermost open element is <" + top + ">");
    }
    open.pop();
    out.append("</").append(tag).append('>');
    return this;
  }

  /**
   * Writes an empty element ({@code <tag .../>}).
   *
   * @param tag element name
   * @param attrs alternating attribute names and values
   * @return this builder
   */
  public Svg element(String tag, Object... attrs) {
    startTag(tag, attrs);
    out.append("/>");
    return this;
  }

  /**
   * Writes escaped character data inside the current element.
   *
   * @param text any text; null writes nothing
   * @return this builder
   */
  public Svg text(String text) {
    if (text != null) {
      out.append(escape(text));
    }
    return this;
  }

  /**
   * Writes a {@code <text>} element at (x, y) with escaped content.
   *
   * @param x anchor x in pixels
   * @param y baseline y in pixels
   * @param content the text
   * @param attrs further attributes (font-size, text-anchor, ...)
   * @return this builder
   */
  public Svg text(double x, double y, String content, Object... attrs) {
    Object[] all = new Object[attrs.length + 4];
    all[0] = "x";
    all[1] = x;
    all[2] = "y";
    all[3] = y;
    System.arraycopy(attrs, 0, all, 4, attrs.length);
    return open("text", all).text(content).close("text");
  }

  /**
   * Closes the root element and returns the document.
   *
   * @return the SVG markup
   * @throws IllegalStateException if elements other than the root are still open
   */
  public String finish() {
    if (open.size() != 1) {
      throw new IllegalStateException("unclosed elements: " + open);
    }
    close("svg");
    return out.toString();
  }

  private void startTag(String tag, Object[] attrs) {
    if (!NAME.matcher(tag).matches()) {
      throw new IllegalArgumentException("bad element name: " + tag);
    }
    if (attrs.length % 2 != 0) {
      throw new IllegalArgumentException("attributes must be name/value pairs");
    }
    out.append('<').append(tag);
    for (int i = 0; i < attrs.length; i += 2) {
      Object value = attrs[i + 1];
      if (value == null) {
        continue;
      }
      String name = String.valueOf(attrs[i]);
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("bad attribute name: " + name);
      }
      String v = value instanceof Double || value instanceof Float
          ? num(((Number) value).doubleValue()) : value.toString();
      out.append(' ').append(name).append("=\"").append(escape(v)).append('"');
    }
  }

  /**
   * Escapes text for XML character data and attribute values: {@code & < > " '} become entities,
   * and characters not allowed in XML 1.0 (control characters other than tab, newline and carriage
   * return, unpaired surrogates, U+FFFE and U+FFFF) become U+FFFD.
   *
   * @param s any string; null gives ""
   * @return the escaped string
   */
  public static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> {
          if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            b.append(c).append(s.charAt(++i));
          } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r')
              || Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF') {
            b.append('\uFFFD');
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  /**
   * Formats a coordinate: rounded to two decimals, trailing zeros dropped, no exponent, "-0"
   * written as "0". Non-finite values are rejected because they would make an invalid drawing.
   *
   * @param v a finite number
   * @return e.g. "12", "3.5", "-0.25"
   * @throws IllegalArgumentException if {@code v} is NaN or infinite
   */
  public static String num(double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("non-finite coordinate: " + v);
    }
    double r = Math.rint(v * 100.0) / 100.0;
    if (r == 0) {
      return "0";
    }
    if (r == Math.rint(r) && Math.abs(r) < 1e15) {
      return Long.toString((long) r);
    }
    return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
  }
}
