package org.gengeo.findings;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a measurement stands against a paper's claim; decided by a {@link Rule}, never by hand. */
public enum Verdict {
    /** The whole 95% interval lies on the paper's side. */
    REPRODUCED("reproduced"),
    /** The estimate lies on the paper's side but the interval reaches the other, or there is no interval (one seed). */
    PARTLY("partly"),
    /** The estimate lies on the other side, the interval still reaching the paper's (or an exact check failed). */
    NOT_REPRODUCED("not reproduced"),
    /** The whole interval lies on the other side. */
    CONTRADICTED("contradicted");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** The word written in findings.json and the tables. */
    @JsonValue
    public String label() {
        return label;
    }
}
