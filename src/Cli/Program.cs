using Cohort.Cli;
using Cohort.Cli.Commands;

// The `cohort` command-line tool. Exit codes: 0 success, 1 failure, 2 usage error.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };

const string Help = $"""
    cohort — the Cohort command-line tool

    {SynthCommand.Usage}

    {IngestCommand.Usage}

    {RunsCommand.Usage}

    {QuarantineCommand.Usage}

    {ScheduleCommand.Usage}

    {ExportCommand.Usage}

    {PhenotypesCommand.Usage}

    {UsersCommand.Usage}

    Commands that reach a silo act as the account of COHORT_API_KEY, or of COHORT_USER with COHORT_PASSWORD; each needs its role
    (ingest, runs, quarantine, schedule: engineer; export, phenotypes: epidemiologist; users: admin).
    """;

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine(Help);
    return args.Length == 0 ? 2 : 0;
}

try
{
    // `schedule add ...` and `quarantine replay ...` take a verb before their options.
    var verb = args.Length > 1 && args[0] is "schedule" or "quarantine" or "phenotypes" or "users" && !args[1].StartsWith("--", StringComparison.Ordinal) ? args[1] : null;
    var rest = new Arguments(args.Skip(verb is null ? 1 : 2));
    return args[0] switch
    {
        "synth" => await SynthCommand.RunAsync(rest, cancel.Token),
        "ingest" => await IngestCommand.RunAsync(rest, cancel.Token),
        "runs" => await RunsCommand.RunAsync(rest, cancel.Token),
        "schedule" => await ScheduleCommand.RunAsync(rest, verb, cancel.Token),
        "quarantine" => await QuarantineCommand.RunAsync(rest, verb, cancel.Token),
        "export" => await ExportCommand.RunAsync(rest, cancel.Token),
        "phenotypes" => await PhenotypesCommand.RunAsync(rest, verb, cancel.Token),
        "users" => await UsersCommand.RunAsync(rest, verb, cancel.Token),
        _ => throw new UsageException($"unknown command '{args[0]}' (try: cohort --help)"),
    };
}
catch (UsageException e)
{
    Console.Error.WriteLine($"cohort: {e.Message}");
    return 2;
}
catch (CliException e)
{
    Console.Error.WriteLine($"cohort: {e.Message}");
    return 1;
}
catch (Cohort.Contracts.Access.AccessDeniedException e)
{
    Console.Error.WriteLine($"cohort: refused: {e.Message}");
    return 1;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("cohort: cancelled");
    return 1;
}
catch (Exception e) when (e is TimeoutException or Orleans.Runtime.OrleansException)
{
    // The cluster was reached but did not answer in time, or a silo went away mid-call: say so instead of aborting with a trace.
    Console.Error.WriteLine($"cohort: the cluster did not complete the request: {e.GetType().Name}: {e.Message}");
    return 1;
}
