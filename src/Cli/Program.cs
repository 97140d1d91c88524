using System.CommandLine;
using Cohort.Cli;
using Cohort.Cli.Commands;
using Cohort.Cli.Terminal;

// The `cohort` command-line tool, on System.CommandLine: every command has its own --help, options are checked as they are parsed,
// and shell completion works through dotnet-suggest. Exit codes: 0 success, 1 failure, 2 usage error.
var root = new RootCommand("""
    cohort — the Cohort command-line tool. Commands that reach a silo act as the account of COHORT_API_KEY, or of COHORT_USER with
    COHORT_PASSWORD; each needs its role (ingest, runs, quarantine, schedule, markers add, shards flush: engineer; export, phenotypes: epidemiologist; users: admin;
    markers list: any role; account password: anyone, with their current password).
    """)
{
    SynthCommand.Create(), IngestCommand.Create(), RunsCommand.Create(), QuarantineCommand.Create(), ScheduleCommand.Create(),
    ExportCommand.Create(), PhenotypesCommand.Create(), UsersCommand.Create(), AccountCommand.Create(), MarkersCommand.Create(), OutcomesCommand.Create(),
    ShardsCommand.Create(),
};
if (args.Length == 0)
{
    root.Parse(["--help"]).Invoke();
    return 2;
}
if (args is ["help", .. var rest]) args = [.. rest, "--help"];
// Values are taken literally: a label such as "@ops" is not a response file.
var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
// Ctrl+C cancels the running command, which then says so and exits with 1 (not 130 after a grace period).
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
if (parse.Errors.Count > 0 && parse.Action is not { ClearsParseErrors: true })
{
    foreach (var error in parse.Errors)
    {
        // Name the option a value belongs to when the parser's message does not ("Argument 'tall' not recognized").
        var option = (error.SymbolResult as System.CommandLine.Parsing.OptionResult ?? error.SymbolResult?.Parent as System.CommandLine.Parsing.OptionResult)?.Option.Name;
        var message = error.Message.ReplaceLineEndings(" ").Replace("\t", "", StringComparison.Ordinal);
        Console.Error.WriteLine(option is not null && !message.Contains(option, StringComparison.Ordinal) ? $"cohort: {option}: {message}" : $"cohort: {message}");
    }
    Console.Error.WriteLine(HelpHint(parse));
    return 2;
}

try
{
    return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null }, cancel.Token);
}
catch (UsageException e)
{
    return Fail(2, $"cohort: {e.Message}", HelpHint(parse));
}
catch (CliException e)
{
    return Fail(1, $"cohort: {e.Message}");
}
catch (Cohort.Contracts.Access.AccessDeniedException e)
{
    return Fail(1, $"cohort: refused: {e.Message}");
}
catch (OperationCanceledException)
{
    return Fail(1, "cohort: cancelled");
}
catch (Exception e) when (e is TimeoutException or Orleans.Runtime.OrleansException)
{
    // The cluster was reached but did not answer in time, or a silo went away mid-call: say so instead of aborting with a trace.
    return Fail(1, $"cohort: the cluster did not complete the request: {e.GetType().Name}: {e.Message}");
}

// A command's failure, on lines of its own: a command that fails mid-way (its connection lost during an ingest) may have left its
// progress bar's line open.
static int Fail(int exitCode, params string[] lines)
{
    ProgressBar.EndLine();
    foreach (var line in lines) Console.Error.WriteLine(line);
    return exitCode;
}

// "(see: cohort schedule add --help)" for the command the user was running.
static string HelpHint(ParseResult parse)
{
    var names = new List<string>();
    for (var c = parse.CommandResult; c is { Command: not RootCommand }; c = c.Parent as System.CommandLine.Parsing.CommandResult) names.Insert(0, c.Command.Name);
    return $"(see: cohort {string.Concat(names.Select(n => n + " "))}--help)";
}
