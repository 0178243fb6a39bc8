package org.gengeo.report.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.StringReader;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Test helpers: strict XML parsing of the generated markup. */
final class Xml {
  private Xml() {
  }

  static Document parse(String xml) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(null);
      return b.parse(new InputSource(new StringReader(xml)));
    } catch (Exception e) {
      fail("not well-formed XML: " + e.getMessage() + "\n" + xml.substring(0, Math.min(xml.length(), 2000)));
      return null;
    }
  }

  /** Parses an SVG document and checks its root. */
  static Document svg(String svg) {
    Document d = parse(svg);
    Element root = d.getDocumentElement();
    assertEquals("svg", root.getLocalName());
    assertEquals(Svg.NS, root.getNamespaceURI());
    return d;
  }

  /** Elements with the given class attribute. */
  static int countClass(Document d, String cls) {
    NodeList all = d.getElementsByTagNameNS("*", "*");
    int n = 0;
    for (int i = 0; i < all.getLength(); i++) {
      if (cls.equals(((Element) all.item(i)).getAttribute("class"))) {
        n++;
      }
    }
    return n;
  }

  static Element firstWithClass(Document d, String cls) {
    NodeList all = d.getElementsByTagNameNS("*", "*");
    for (int i = 0; i < all.getLength(); i++) {
      if (cls.equals(((Element) all.item(i)).getAttribute("class"))) {
        return (Element) all.item(i);
      }
    }
    return null;
  }
}
