package dev.pixkit.cli;

import dev.pixkit.client.PixkitApiException;
import dev.pixkit.client.PixkitClient;
import dev.pixkit.client.PixkitException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code pixkit-cli}: uploads, file details, delete and delivery URLs against a Pixkit server. Exit codes: 0 ok,
 * 1 API or connection error, 2 usage error.
 */
@Command(name = "pixkit-cli",
        mixinStandardHelpOptions = true,
        versionProvider = PixkitCli.Version.class,
        synopsisSubcommandLabel = "COMMAND",
        description = "Talks to a Pixkit server: uploads files, shows and deletes them, and builds delivery URLs.",
        subcommands = {UploadCommand.class, DetailsCommand.class, DeleteCommand.class, UrlCommand.class,
                CommandLine.HelpCommand.class},
        footerHeading = "%nConfiguration:%n",
        footer = {
                "  Server URL:    --url, else $PIXKIT_URL,",
                "                 else http://localhost:$${PIXKIT_PORT:-8080}",
                "  Private key:   --private-key, else $PIXKIT_PRIVATE_KEY, else privateKey",
                "                 in $${PIXKIT_DATA_DIR:-./data}/keys.properties",
                "  URL endpoint:  --endpoint, else $PIXKIT_URL_ENDPOINT, else <url>/media",
                "",
                "Exit codes: 0 ok, 1 API or connection error, 2 usage error."})
public final class PixkitCli implements Callable<Integer> {
    public static final int OK = 0;
    public static final int API_ERROR = 1;
    public static final int USAGE = 2;

    private final Map<String, String> env;
    private final boolean stderrIsTerminal;

    @Spec
    CommandSpec spec;

    @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "Server base URL, e.g. http://localhost:8080.")
    String url;

    @Option(names = "--private-key", scope = ScopeType.INHERIT, paramLabel = "KEY",
            description = "Private API key (HTTP Basic user name; also signs URLs).")
    String privateKey;

    @Option(names = "--endpoint", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "Delivery URL endpoint, e.g. http://localhost:8080/media.")
    String endpoint;

    @Option(names = "--retries", scope = ScopeType.INHERIT, paramLabel = "N", defaultValue = "2",
            description = "Retries on connection errors, 408, 429 and 5xx (default: ${DEFAULT-VALUE}).")
    int retries;

    /** Reads the process environment; the progress bar is drawn when the console is a terminal. */
    public PixkitCli() {
        this(System.getenv(), System.console() != null && System.console().isTerminal());
    }

    /** For embedding and tests: {@code env} stands in for the environment variables. */
    public PixkitCli(Map<String, String> env, boolean stderrIsTerminal) {
        this.env = Map.copyOf(env);
        this.stderrIsTerminal = stderrIsTerminal;
    }

    public static void main(String[] args) {
        System.exit(commandLine(new PixkitCli()).execute(args));
    }

    /** A configured command line for {@code cli}, with Pixkit's exit codes and error messages. */
    public static CommandLine commandLine(PixkitCli cli) {
        CommandLine cl = new CommandLine(cli);
        cl.setExecutionExceptionHandler(PixkitCli::handleError);
        return cl;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command: use upload, details, delete or url");
    }

    private static int handleError(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        if (ex instanceof PixkitException e) {
            err.println("Error: " + describe(e));
        } else {
            err.println("Error: " + ex);
            ex.printStackTrace(err);
        }
        err.flush();
        return API_ERROR;
    }

    /** {@code 404 The requested file does not exist.} for API errors, the message otherwise. */
    static String describe(PixkitException e) {
        if (e instanceof PixkitApiException api) {
            return api.status() + " " + api.getMessage();
        }
        return e.getMessage();
    }

    boolean stderrIsTerminal() {
        return stderrIsTerminal;
    }

    /** The server's base URL from the option, the environment or the default. */
    URI baseUrl(CommandLine cmd) {
        String value = url;
        if (isBlank(value)) {
            value = env.get("PIXKIT_URL");
        }
        if (isBlank(value)) {
            String port = env.get("PIXKIT_PORT");
            value = "http://localhost:" + (isBlank(port) ? "8080" : port.strip());
        }
        return httpUrl(cmd, value.strip(), "--url");
    }

    /** The delivery endpoint from the option, the environment or {@code <url>/media}. */
    String endpoint(CommandLine cmd) {
        String value = endpoint;
        if (isBlank(value)) {
            value = env.get("PIXKIT_URL_ENDPOINT");
        }
        if (isBlank(value)) {
            String base = baseUrl(cmd).toString();
            return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/media";
        }
        return httpUrl(cmd, value.strip(), "--endpoint").toString();
    }

    /** The private key from the option, the environment or the server's keys file; a usage error when none. */
    String privateKey(CommandLine cmd) {
        if (!isBlank(privateKey)) {
            return privateKey.strip();
        }
        String fromEnv = env.get("PIXKIT_PRIVATE_KEY");
        if (!isBlank(fromEnv)) {
            return fromEnv.strip();
        }
        String dataDir = env.get("PIXKIT_DATA_DIR");
        Path keys = Path.of(isBlank(dataDir) ? "./data" : dataDir.strip()).resolve("keys.properties");
        if (Files.isRegularFile(keys)) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(keys)) {
                p.load(in);
            } catch (IOException e) {
                throw new ParameterException(cmd, "Cannot read " + keys + ": " + e.getMessage());
            }
            String key = p.getProperty("privateKey");
            if (!isBlank(key)) {
                return key.strip();
            }
            throw new ParameterException(cmd, keys + " has no privateKey");
        }
        throw new ParameterException(cmd, "No private key: pass --private-key, set PIXKIT_PRIVATE_KEY, or run where "
                + keys + " exists (set PIXKIT_DATA_DIR to the server's data dir)");
    }

    /** A client for the configured server; {@code withKey} requires a private key. */
    PixkitClient client(CommandLine cmd, boolean withKey) {
        if (retries < 0) {
            throw new ParameterException(cmd, "--retries must be 0 or more");
        }
        return PixkitClient.builder()
                .baseUrl(baseUrl(cmd))
                .urlEndpoint(endpoint(cmd))
                .privateKey(withKey ? privateKey(cmd) : null)
                .maxRetries(retries)
                .build();
    }

    private static URI httpUrl(CommandLine cmd, String value, String option) {
        try {
            URI uri = new URI(value);
            if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null) {
                return uri;
            }
        } catch (java.net.URISyntaxException ignored) {
            // reported below
        }
        throw new ParameterException(cmd, option + " must be an absolute http(s) URL (got '" + value + "')");
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = PixkitCli.class.getPackage().getImplementationVersion();
            return new String[] {"pixkit-cli " + (v == null ? "(development build)" : v)};
        }
    }
}
