package dev.candor.main;

import dev.candor.config.BotConfig;
import dev.candor.config.ConfigException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code candor} command line: {@code serve}, {@code healthcheck}, {@code export}, {@code verify}, {@code check},
 * {@code replay}, {@code migrate}, {@code backup}, {@code insights} and {@code help}. Every command takes {@code --help}/{@code -h} and {@code --version}/{@code -V}
 * (inherited from here). Exit 0 done, 1 a check failed, 2 usage or settings.
 */
@Command(name = "candor", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
    version = "Candor 0.1.0", usageHelpWidth = 100,
    description = "A Slack app for incident channels.",
    subcommands = {Main.Serve.class, Main.Healthcheck.class, ExportCommand.class, VerifyCommand.class, CheckCommand.class,
        ReplayCommand.class, TrainModelCommand.class, MigrateCommand.class, BackupCommand.class,
        InsightsCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  public static final int OK = 0;
  public static final int CHECK_FAILED = 1;
  public static final int USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String... args) {
    return commandLine().execute(args);
  }

  /** The command line with its error handling, ready to execute; its out and err may be replaced (tests do). */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("candor: " + e.getMessage());
      return USAGE;
    });
    // insights says what is wrong with its arguments in one line (its --help shows the usage)
    CommandLine.IParameterExceptionHandler usage = cli.getParameterExceptionHandler();
    cli.setParameterExceptionHandler((e, args) -> {
      if (!InsightsCommand.NAME.equals(e.getCommandLine().getCommandName())) {
        return usage.handleParseException(e, args);
      }
      e.getCommandLine().getErr().println("candor: " + e.getMessage() + " (candor insights --help lists the options)");
      return USAGE;
    });
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command: serve, healthcheck, export, verify, check, replay, migrate, backup, insights or help");
  }

  @Command(name = "serve", description = "Run Candor: HTTP mode on PORT, or Socket Mode when SLACK_APP_TOKEN is set.")
  static final class Serve implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
      PrintWriter err = spec.commandLine().getErr();
      BotConfig config;
      try {
        config = BotConfig.fromEnvironment(System.getenv());
      } catch (ConfigException e) {
        err.println("candor: " + e.getMessage());
        return USAGE;
      }
      Candor candor;
      try {
        candor = Candor.start(config, Clock.systemUTC());
      } catch (Candor.StartupException e) {
        err.println("candor: " + e.getMessage());
        return USAGE;
      }
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        candor.close();
        stopped.countDown();
      }, "candor-shutdown"));
      stopped.await();
      return OK;
    }
  }

  @Command(name = "healthcheck", description = "Ask a running Candor's /healthz; exit 0 when healthy, 1 when not.")
  static final class Healthcheck implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--url", description = "Health URL (default: http://127.0.0.1:$PORT/healthz)")
    String url;

    @Override
    public Integer call() {
      String target;
      try {
        target = url != null ? url : "http://127.0.0.1:" + BotConfig.portFrom(System.getenv()) + "/healthz";
      } catch (ConfigException e) {
        spec.commandLine().getErr().println("candor: " + e.getMessage());
        return USAGE;
      }
      OkHttpClient client = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(5)).build();
      try (var response = client.newCall(new Request.Builder().url(target).build()).execute()) {
        String body = response.body().string();
        spec.commandLine().getOut().println(response.code() + " " + body);
        return response.code() == 200 ? OK : CHECK_FAILED;
      } catch (Exception e) {
        spec.commandLine().getErr().println("candor: " + target + " did not answer: " + e.getMessage());
        return CHECK_FAILED;
      } finally {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
      }
    }
  }
}
