package org.gengeo.report.svg;

/** Text width estimates for layout (Helvetica-like advance widths; no font metrics needed). */
final class Text {
  private Text() {
  }

  /**
   * Estimated advance width of {@code s} in pixels at font size {@code size}: Helvetica widths
   * plus 10%, so that wider fallback fonts (DejaVu Sans) also fit.
   */
  static double width(String s, double size) {
    double em = 0;
    for (int i = 0; i < s.length(); i++) {
      em += advance(s.charAt(i));
    }
    return em * size * 1.1;
  }

  private static double advance(char c) {
    if (c >= '0' && c <= '9') {
      return 0.556;
    }
    switch (c) {
      case '.', ',', ':', ';', '\'', '!', '|', ' ' -> {
        return 0.278;
      }
      case 'i', 'j', 'l' -> {
        return 0.222;
      }
      case 'f', 't', 'r', '(', ')', '[', ']', '-', '/' -> {
        return 0.333;
      }
      case 'm', 'w' -> {
        return 0.833;
      }
      case 'M', 'W', '@', '%' -> {
        return 0.9;
      }
      default -> {
      }
    }
    if (c >= 'A' && c <= 'Z') {
      return 0.68;
    }
    if (c >= 'a' && c <= 'z') {
      return 0.53;
    }
    if (c < 0x80) {
      return 0.584;
    }
    if (Character.isLowSurrogate(c)) {
      return 0;
    }
    return Character.isIdeographic(c) ? 1.0 : 0.62;
  }

  /** {@code s} cut to fit {@code maxWidth} pixels, with an ellipsis when cut. */
  static String ellipsize(String s, double maxWidth, double size) {
    if (width(s, size) <= maxWidth) {
      return s;
    }
    String ell = "\u2026";
    int end = s.length();
    while (end > 0 && width(s.substring(0, end), size) + width(ell, size) > maxWidth) {
      end--;
    }
    if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end) + ell;
  }
}
