package org.gengeo.core;

/** Receives progress of long work: {@code done} units out of {@code total} (-1 when not known in advance). */
@FunctionalInterface
public interface Progress {
    /** Ignores every update. */
    Progress NONE = (done, total) -> { };

    /** {@code done} units of {@code total} are finished. */
    void update(long done, long total);
}
