package dev.pixkit.cli;

import dev.pixkit.client.DeleteByUrlResult;
import dev.pixkit.client.PixkitClient;
import dev.pixkit.client.PixkitException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code delete <fileId…>} and {@code delete --by-url <deliveryUrl>…}: deletes each file; goes on after a failure
 * and exits 1 if any failed. By URL it uses Pixkit's delete-by-URL extension, which is idempotent: a URL with
 * nothing behind it is reported, not an error. ({@code --url} is the server's URL, as for every command.)
 */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = {"Deletes files (with all their versions). Prints 'deleted <fileId>' for each.",
                "With --by-url, deletes what delivery URLs name (Pixkit extension; a URL with ?ik-obj-version=",
                "deletes only that version) and prints 'deleted <fileId> <url>' or 'absent <url>'."})
final class DeleteCommand implements Callable<Integer> {
    @ParentCommand
    PixkitCli cli;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "FILE_ID", description = "Ids of the files to delete.")
    List<String> fileIds = new ArrayList<>();

    @Option(names = "--by-url", paramLabel = "DELIVERY_URL",
            description = "A delivery URL of the file to delete (repeatable); transformations in it do not matter.")
    List<String> deliveryUrls = new ArrayList<>();

    @Override
    public Integer call() {
        if (fileIds.isEmpty() && deliveryUrls.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "Missing FILE_ID or --by-url DELIVERY_URL");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int failed = 0;
        try (PixkitClient client = cli.client(spec.commandLine(), true)) {
            for (String id : fileIds) {
                try {
                    client.delete(id);
                    out.println("deleted " + id);
                } catch (PixkitException e) {
                    failed++;
                    err.println("Error: " + id + ": " + PixkitCli.describe(e));
                }
            }
            for (String url : deliveryUrls) {
                try {
                    DeleteByUrlResult r = client.deleteByUrl(url);
                    out.println(!r.deleted() ? "absent " + url
                            : "deleted " + r.fileId() + (r.versionId() == null ? "" : " version " + r.versionId())
                                    + " " + url);
                } catch (PixkitException | IllegalArgumentException e) {
                    failed++;
                    err.println("Error: " + url + ": " + (e instanceof PixkitException p ? PixkitCli.describe(p)
                            : e.getMessage()));
                }
            }
        }
        out.flush();
        err.flush();
        return failed == 0 ? PixkitCli.OK : PixkitCli.API_ERROR;
    }
}
