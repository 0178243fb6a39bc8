package org.gengeo.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.gengeo.core.io.AtomicFiles;
import org.gengeo.findings.FindingsTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gengeo findings DIR...}: the table of every finding of the given study directories, as text, Markdown and HTML. */
@Command(name = "findings", mixinStandardHelpOptions = true,
        description = {"Print the findings of one or more study directories (each with the findings.json its study wrote): claim, the",
                "paper's number or direction, gengeo's number, its 95%% bootstrap CI and resampling unit, seeds, and the verdict of the",
                "finding's rule; then what ran (setting, commit, command). Also writes the table as Markdown and as an HTML page."})
public final class FindingsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Study directories (or findings.json files).")
    List<Path> dirs;
    @Option(names = "--markdown", paramLabel = "FILE", defaultValue = "findings.md", description = "Markdown table (default: ${DEFAULT-VALUE}).")
    Path markdown;
    @Option(names = "--html", paramLabel = "FILE", defaultValue = "findings.html", description = "HTML page (default: ${DEFAULT-VALUE}).")
    Path html;

    @Override
    public Integer call() {
        FindingsTable table = FindingsTable.read(dirs);
        String md = table.markdown();
        String page = table.html();
        AtomicFiles.writeString(markdown, md);
        AtomicFiles.writeString(html, page);
        spec.commandLine().getOut().print(table.text());
        spec.commandLine().getOut().println("wrote " + markdown + " and " + html);
        return 0;
    }
}
