package org.gengeo.report.svg;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.gengeo.core.io.AtomicFiles;

/**
 * One self-contained HTML5 page: a title, sections with headings, paragraphs, tables and inline
 * SVG figures with captions. The CSS is inline in a {@code <style>} block; there is no script
 * and no external resource, so the page can be mailed, archived or opened offline.
 *
 * <pre>{@code
 * String html = new HtmlPage("Run a")
 *     .heading("Training").paragraph("SGD, lr 0.1, batch 64.")
 *     .figure(lossChart.toSvg(640, 400), "Loss against step.")
 *     .heading("Measures").table(new String[] {"measure", "value"}, rows)
 *     .toHtml();
 * }</pre>
 *
 * <p>All text is escaped. The output is also well-formed XML (polyglot markup), so it can be
 * checked with an XML parser. Each {@link #heading(String)} opens a new {@code <section>}.
 */
public final class HtmlPage {
  private static final Pattern NUMBER = Pattern.compile(
      "[-+\u2212]?(\\d[\\d,]*(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?\\s*[%kMGT]?|[-+]?(inf|NaN)");

  private static final String CSS = String.join("\n",
      "body{margin:0;background:#fff;color:#1a1a1a;font:15px/1.5 -apple-system,'Segoe UI',Helvetica,Arial,sans-serif}",
      "main{max-width:1000px;margin:0 auto;padding:24px 28px 48px}",
      "h1{font-size:1.7em;margin:0.2em 0 0.6em}",
      "h2{font-size:1.3em;margin:1.6em 0 0.5em;padding-bottom:0.2em;border-bottom:1px solid #ddd}",
      "p{margin:0.6em 0;max-width:48em}",
      "table{border-collapse:collapse;margin:0.8em 0;font-size:0.93em}",
      "th,td{padding:4px 10px;border-bottom:1px solid #e3e3e3;text-align:left;vertical-align:top}",
      "th{border-bottom:2px solid #999;font-weight:600}",
      "td.num{text-align:right;font-variant-numeric:tabular-nums}",
      "tbody tr:nth-child(even){background:#f7f7f7}",
      "figure{margin:1.2em 0;display:inline-block;max-width:100%}",
      "figure svg{max-width:100%;height:auto;display:block}",
      "figcaption{font-size:0.9em;color:#444;margin-top:0.3em;max-width:48em}",
      "@media print{main{max-width:none;padding:0}figure{break-inside:avoid}}");

  private final String title;
  private final List<String> parts = new ArrayList<>();
  private boolean inSection;

  /**
   * @param title page title, used for {@code <title>} and the top {@code <h1>}
   */
  public HtmlPage(String title) {
    this.title = title == null ? "" : title;
  }

  /**
   * Starts a new section with an {@code <h2>} heading.
   *
   * @param text heading text
   * @return this page
   */
  public HtmlPage heading(String text) {
    closeSection();
    parts.add("<section>\n<h2>" + Svg.escape(text) + "</h2>\n");
    inSection = true;
    return this;
  }

  /**
   * Adds a paragraph of plain text.
   *
   * @param text the text (escaped; line breaks are kept as spaces)
   * @return this page
   */
  public HtmlPage paragraph(String text) {
    parts.add("<p>" + Svg.escape(text) + "</p>\n");
    return this;
  }

  /**
   * Adds a table. Cells that look like numbers are right-aligned. Short rows are padded with
   * empty cells; null cells are written empty.
   *
   * @param header column titles
   * @param rows rows of cells, each at most as long as {@code header}
   * @return this page
   * @throws IllegalArgumentException if {@code header} is null or empty or a row is longer than
   *     the header
   */
  public HtmlPage table(String[] header, List<String[]> rows) {
    if (header == null || header.length == 0) {
      throw new IllegalArgumentException("table needs at least one column");
    }
    StringBuilder b = new StringBuilder("<table>\n<thead><tr>");
    for (String h : header) {
      b.append("<th>").append(Svg.escape(h)).append("</th>");
    }
    b.append("</tr></thead>\n<tbody>\n");
    int r = 0;
    for (String[] row : rows == null ? List.<String[]>of() : rows) {
      String[] cells = row == null ? new String[0] : row;
      if (cells.length > header.length) {
        throw new IllegalArgumentException("table row " + r + " has " + cells.length + " cells but the header has "
            + header.length);
      }
      b.append("<tr>");
      for (int i = 0; i < header.length; i++) {
        String c = i < cells.length && cells[i] != null ? cells[i] : "";
        b.append(NUMBER.matcher(c.trim()).matches() ? "<td class=\"num\">" : "<td>")
            .append(Svg.escape(c)).append("</td>");
      }
      b.append("</tr>\n");
      r++;
    }
    b.append("</tbody>\n</table>\n");
    parts.add(b.toString());
    return this;
  }

  /**
   * Adds a list of links, e.g. to the pages of the runs an index compares.
   *
   * @param links pairs of (relative address, text); both are escaped
   * @return this page
   */
  public HtmlPage links(List<String[]> links) {
    StringBuilder b = new StringBuilder("<ul>\n");
    for (String[] l : links) {
      b.append("<li><a href=\"").append(Svg.escape(l[0])).append("\">").append(Svg.escape(l[1])).append("</a></li>\n");
    }
    parts.add(b.append("</ul>\n").toString());
    return this;
  }

  /**
   * Adds an inline SVG figure with a caption.
   *
   * @param svg an SVG document as made by the charts here ({@code <svg ...>...</svg>}, no XML
   *     prolog); it is inserted verbatim, so it must come from a trusted builder such as
   *     {@link Svg}
   * @param caption caption text (escaped); null or empty for none
   * @return this page
   * @throws IllegalArgumentException if {@code svg} does not start with {@code <svg} and end
   *     with {@code </svg>}
   */
  public HtmlPage figure(String svg, String caption) {
    String s = svg == null ? "" : svg.strip();
    if (!s.startsWith("<svg") || !s.endsWith("</svg>")) {
      throw new IllegalArgumentException("figure must be an <svg> element without XML prolog");
    }
    StringBuilder b = new StringBuilder("<figure>\n").append(s).append('\n');
    if (caption != null && !caption.isEmpty()) {
      b.append("<figcaption>").append(Svg.escape(caption)).append("</figcaption>\n");
    }
    b.append("</figure>\n");
    parts.add(b.toString());
    return this;
  }

  private void closeSection() {
    if (inSection) {
      parts.add("</section>\n");
      inSection = false;
    }
  }

  /**
   * Builds the page. The page is not changed, so more content can be added and the page built
   * again.
   *
   * @return the complete HTML document, starting with {@code <!DOCTYPE html>}
   */
  public String toHtml() {
    StringBuilder b = new StringBuilder(8192);
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
        .append("<title>").append(Svg.escape(title)).append("</title>\n")
        .append("<style>\n").append(CSS).append("\n</style>\n</head>\n<body>\n<main>\n");
    if (!title.isEmpty()) {
      b.append("<h1>").append(Svg.escape(title)).append("</h1>\n");
    }
    for (String p : parts) {
      b.append(p);
    }
    if (inSection) {
      b.append("</section>\n");
    }
    b.append("</main>\n</body>\n</html>\n");
    return b.toString();
  }

  /**
   * Writes the page as UTF-8, atomically ({@link AtomicFiles}), creating parent directories.
   *
   * @param file the target file
   */
  public void write(Path file) {
    AtomicFiles.writeString(file, toHtml());
  }

}
