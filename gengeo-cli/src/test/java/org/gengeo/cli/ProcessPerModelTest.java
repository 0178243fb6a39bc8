package org.gengeo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A sweep's worker JVMs inherit the launcher's commit, so each model's provenance names it. */
class ProcessPerModelTest {
    @Test
    void workersGetTheLaunchersCommit() {
        String before = System.getProperty("gengeo.gitCommit");
        System.setProperty("gengeo.gitCommit", "0123abc-dirty");
        try {
            List<String> cmd = ProcessPerModel.javaCommand();
            assertTrue(cmd.contains("-Dgengeo.gitCommit=0123abc-dirty"), cmd.toString());
            assertEquals(Main.class.getName(), cmd.get(cmd.size() - 1));
        } finally {
            if (before == null) {
                System.clearProperty("gengeo.gitCommit");
            } else {
                System.setProperty("gengeo.gitCommit", before);
            }
        }
    }

    @Test
    void withoutACommitNoneIsInvented() {
        String before = System.getProperty("gengeo.gitCommit");
        System.clearProperty("gengeo.gitCommit");
        try {
            assertTrue(ProcessPerModel.javaCommand().stream().noneMatch(a -> a.startsWith("-Dgengeo.gitCommit")));
        } finally {
            if (before != null) {
                System.setProperty("gengeo.gitCommit", before);
            }
        }
    }
}
