package org.gengeo.report.svg;

import java.util.ArrayList;
import java.util.List;

/**
 * One axis: its domain, tick positions and labels, and how to draw them on one side of a
 * rectangle. Numeric axes use {@link NiceTicks}; categorical axes put one labelled tick per
 * category at 0, 1, ..., n-1 over the domain [-0.5, n-0.5].
 */
final class Axis {
  /** Where an axis is drawn relative to its rectangle. */
  enum Side { BOTTOM, LEFT, RIGHT }

  static final double TICK = 5;
  static final double GAP = 3;

  final double lo;
  final double hi;
  final boolean log;
  final double[] ticks;
  final String[] labels;
  final double[] minor;
  final boolean categorical;
  /** Draw x labels rotated by -45 degrees (set by the layout when they do not fit flat). */
  boolean rotated;
  /** Label only every n-th tick (set by the layout). */
  int labelEvery = 1;

  private Axis(double lo, double hi, boolean log, double[] ticks, String[] labels, boolean categorical) {
    this.lo = lo;
    this.hi = hi;
    this.log = log;
    this.ticks = ticks;
    this.labels = labels;
    this.categorical = categorical;
    this.minor = log ? minorTicks(lo, hi, ticks) : new double[0];
  }

  /**
   * A numeric axis whose domain is the data range widened to the outermost ticks.
   *
   * @param r data range (may be empty: then [0, 1], or [1, 10] on a log axis)
   */
  static Axis nice(Range r, boolean log, int target) {
    double min = r.isEmpty() ? (log ? 1 : 0) : r.min;
    double max = r.isEmpty() ? (log ? 10 : 1) : r.max;
    NiceTicks.Ticks t = log ? NiceTicks.log(min, max, target) : NiceTicks.linear(min, max, target);
    return new Axis(t.lo(), t.hi(), log, t.values(), t.labels(), false);
  }

  /**
   * A numeric axis whose domain is exactly the data range (widened only when empty or
   * degenerate); ticks are those of {@link NiceTicks} that fall inside it.
   */
  static Axis exact(Range r, boolean log, int target) {
    double min = r.isEmpty() ? (log ? 1 : 0) : r.min;
    double max = r.isEmpty() ? (log ? 10 : 1) : r.max;
    if (log && max <= min * (1 + 1e-9)) {
      min /= 2;
      max *= 2;
    } else if (!log) {
      double[] w = NiceTicks.widen(min, max);
      min = w[0];
      max = w[1];
    }
    NiceTicks.Ticks t = log ? NiceTicks.log(min, max, target) : NiceTicks.linear(min, max, target);
    double tol = log ? 1e-9 : (max - min) * 1e-9;
    List<Integer> keep = new ArrayList<>();
    for (int i = 0; i < t.values().length; i++) {
      double v = t.values()[i];
      boolean in = log ? v >= min * (1 - tol) && v <= max * (1 + tol) : v >= min - tol && v <= max + tol;
      if (in) {
        keep.add(i);
      }
    }
    double[] v = new double[keep.size()];
    String[] l = new String[keep.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = t.values()[keep.get(i)];
      l[i] = t.labels()[keep.get(i)];
    }
    return new Axis(min, max, log, v, l, false);
  }

  /** A categorical axis with one tick per label; labels wider than 150 px are shortened. */
  static Axis categorical(String[] names) {
    double[] v = new double[names.length];
    String[] l = new String[names.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = i;
      l[i] = Text.ellipsize(names[i], 150, Frame.FONT_TICK);
    }
    return new Axis(-0.5, names.length - 0.5, false, v, l, true);
  }

  Scale scale(double from, double to) {
    return new Scale(lo, hi, from, to, log);
  }

  double maxLabelWidth(double size) {
    double w = 0;
    for (String s : labels) {
      w = Math.max(w, Text.width(s, size));
    }
    return w;
  }

  /** Whether the labels, drawn flat along a horizontal axis of this length, do not overlap. */
  boolean fitsHorizontally(double length, double size) {
    Scale s = scale(0, length);
    for (int i = 1; i < ticks.length; i++) {
      double space = Math.abs(s.map(ticks[i]) - s.map(ticks[i - 1]));
      double need = (Text.width(labels[i - 1], size) + Text.width(labels[i], size)) / 2 + 6;
      if (space < need) {
        return false;
      }
    }
    return true;
  }

  /** Light grid lines at the major ticks, across the rectangle. */
  void drawGrid(Svg svg, Side side, double left, double top, double right, double bottom) {
    Scale s = side == Side.BOTTOM ? scale(left, right) : scale(bottom, top);
    svg.open("g", "class", "grid", "stroke", "#E6E6E6", "stroke-width", 1);
    for (double t : ticks) {
      if (!s.contains(t)) {
        continue;
      }
      double p = s.map(t);
      if (side == Side.BOTTOM) {
        svg.element("line", "x1", p, "y1", top, "x2", p, "y2", bottom);
      } else {
        svg.element("line", "x1", left, "y1", p, "x2", right, "y2", p);
      }
    }
    svg.close("g");
  }

  /** Tick marks, tick labels and the axis title on one side of the rectangle. */
  void draw(Svg svg, Side side, double left, double top, double right, double bottom,
      String title, double titleOffset) {
    Scale s = side == Side.BOTTOM ? scale(left, right) : scale(bottom, top);
    double fs = Frame.FONT_TICK;
    svg.open("g", "class", "axis", "font-size", fs, "fill", "#222222");
    StringBuilder major = new StringBuilder();
    StringBuilder minorPath = new StringBuilder();
    for (double m : minor) {
      tickPath(minorPath, side, s.map(m), left, right, bottom, TICK * 0.6);
    }
    for (int i = 0; i < ticks.length; i++) {
      if (!s.contains(ticks[i])) {
        continue;
      }
      double p = s.map(ticks[i]);
      tickPath(major, side, p, left, right, bottom, TICK);
      if (i % labelEvery != 0) {
        continue;
      }
      switch (side) {
        case BOTTOM -> {
          double y = bottom + TICK + GAP;
          if (rotated) {
            svg.text(p, y + fs * 0.35, labels[i], "text-anchor", "end",
                "transform", "rotate(-45 " + Svg.num(p) + " " + Svg.num(y + fs * 0.35) + ")");
          } else {
            svg.text(p, y + fs * 0.8, labels[i], "text-anchor", "middle");
          }
        }
        case LEFT -> svg.text(left - TICK - GAP, p + fs * 0.35, labels[i], "text-anchor", "end");
        case RIGHT -> svg.text(right + TICK + GAP, p + fs * 0.35, labels[i], "text-anchor", "start");
        default -> throw new IllegalStateException();
      }
    }
    if (minorPath.length() > 0) {
      svg.element("path", "d", minorPath.toString().trim(), "stroke", "#555555", "stroke-width", 0.8, "fill", "none");
    }
    if (major.length() > 0) {
      svg.element("path", "d", major.toString().trim(), "stroke", "#333333", "stroke-width", 1, "fill", "none");
    }
    if (title != null && !title.isEmpty()) {
      double afs = Frame.FONT_AXIS;
      switch (side) {
        case BOTTOM -> svg.text((left + right) / 2, bottom + titleOffset, title,
            "text-anchor", "middle", "font-size", afs, "fill", "#111111");
        case LEFT -> {
          double x = left - titleOffset;
          double y = (top + bottom) / 2;
          String t = Text.ellipsize(title, bottom - top, afs);
          svg.text(x, y, t, "text-anchor", "middle", "font-size", afs, "fill", "#111111",
              "transform", "rotate(-90 " + Svg.num(x) + " " + Svg.num(y) + ")");
        }
        case RIGHT -> {
          double x = right + titleOffset;
          double y = (top + bottom) / 2;
          String t = Text.ellipsize(title, bottom - top, afs);
          svg.text(x, y, t, "text-anchor", "middle", "font-size", afs, "fill", "#111111",
              "transform", "rotate(90 " + Svg.num(x) + " " + Svg.num(y) + ")");
        }
        default -> throw new IllegalStateException();
      }
    }
    svg.close("g");
  }

  private static void tickPath(StringBuilder b, Side side, double p, double left, double right,
      double bottom, double len) {
    switch (side) {
      case BOTTOM -> b.append("M").append(Svg.num(p)).append(' ').append(Svg.num(bottom))
          .append("v").append(Svg.num(len)).append(' ');
      case LEFT -> b.append("M").append(Svg.num(left)).append(' ').append(Svg.num(p))
          .append("h").append(Svg.num(-len)).append(' ');
      case RIGHT -> b.append("M").append(Svg.num(right)).append(' ').append(Svg.num(p))
          .append("h").append(Svg.num(len)).append(' ');
      default -> throw new IllegalStateException();
    }
  }

  /** Minor ticks at 2..9 times each power of ten, when the major ticks are single decades. */
  private static double[] minorTicks(double lo, double hi, double[] ticks) {
    if (ticks.length < 2 || Math.abs(ticks[1] / ticks[0] - 10) > 1e-6) {
      return new double[0];
    }
    double decades = Math.log10(hi / lo);
    if (decades > 8) {
      return new double[0];
    }
    List<Double> out = new ArrayList<>();
    int e0 = (int) Math.floor(Math.log10(lo) - 1e-9);
    int e1 = (int) Math.ceil(Math.log10(hi) + 1e-9);
    for (int e = e0; e <= e1; e++) {
      for (int m = 2; m <= 9; m++) {
        double v = NiceTicks.exact(m, e);
        if (v > lo * (1 + 1e-9) && v < hi * (1 - 1e-9)) {
          out.add(v);
        }
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
