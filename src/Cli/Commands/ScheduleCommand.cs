using System.CommandLine;
using Cohort.Contracts;
using Cohort.Contracts.Ingest;

namespace Cohort.Cli.Commands;

/// <summary>`cohort schedule add|list|remove`: scheduled ingests, run by the silo.</summary>
public static class ScheduleCommand
{
    public static Command Create() => new("schedule", """
        Scheduled ingests, run by the silo: at each cron tick (5 fields, in the schedule's time zone) over the files matching its path
        that it has not ingested before with the same content; after downtime it runs once for the missed window. Paths are read by
        the silo and must lie under its ingest roots (Cohort:Ingest:Roots). Needs the engineer role.
        """) { Add(), List(), Remove() };

    private static Command Add()
    {
        var name = CliOptions.Required("--name", "the schedule's name", "NAME");
        var cron = CliOptions.Required("--cron", "when to run: five cron fields, for example \"0 2 * * *\"", "CRON");
        var path = CliOptions.Required("--path", "the observation files, a path or pattern the silo can read", "PATTERN");
        var participants = new Option<string?>("--participants") { Description = "the participants file or pattern", HelpName = "FILE|PATTERN" };
        var layout = CliOptions.Choice("--layout", "long", "long or wide (wide needs --mapping)", "long", "wide");
        var mapping = new Option<string?>("--mapping") { Description = "the wide layout's mapping: nhanes or a JSON file", HelpName = "NAME|FILE" };
        var threshold = CliOptions.Share("--threshold", 0.01, "the share of rejected rows above which a run writes nothing");
        var timeZone = new Option<string>("--timezone") { Description = "the cron's time zone (IANA name)", DefaultValueFactory = _ => "UTC", HelpName = "ZONE" };
        var pace = CliOptions.Pace();
        var gateway = CliOptions.Gateway();
        var command = new Command("add", "Adds a schedule and prints its next run.")
            { name, cron, path, participants, layout, mapping, threshold, timeZone, pace, gateway };
        command.SetAction((parse, ct) => WithSchedules(parse.GetValue(gateway), ct, async s =>
        {
            var d = new ScheduleDefinition(parse.GetValue(name)!, parse.GetValue(cron)!, parse.GetValue(path)!, parse.GetValue(participants),
                parse.GetValue(layout)!, parse.GetValue(mapping), parse.GetValue(threshold), parse.GetValue(timeZone)!, parse.GetValue(pace));
            ScheduleView view;
            try { view = await s.Add(d); }
            catch (ScheduleException e) { throw new CliException(e.Message); }
            Console.WriteLine($"schedule {view.Definition.Name} added: next run {view.NextRunAt:yyyy-MM-dd HH:mm} UTC");
            return 0;
        }));
        return command;
    }

    private static Command List()
    {
        var gateway = CliOptions.Gateway();
        var json = CliOptions.Json();
        var command = new Command("list", "Lists the schedules with their next and last runs.") { gateway, json };
        command.SetAction((parse, ct) => WithSchedules(parse.GetValue(gateway), ct, async s =>
        {
            var list = await s.List();
            if (parse.GetValue(json)) Console.WriteLine(CohortJson.Serialize(list));
            else if (list.Count == 0) Console.WriteLine("(no schedules)");
            else
                foreach (var v in list)
                    Console.WriteLine($"{v.Definition.Name}: \"{v.Definition.Cron}\" {v.Definition.TimeZone} {v.Definition.Path} ({v.Definition.Layout}" +
                        $"{(v.Definition.MaxRowsPerSecond is { } pace ? $", paced at {pace} rows/s" : "")}); " +
                        $"next {v.NextRunAt:yyyy-MM-dd HH:mm} UTC; last {(v.LastRunId is { Length: > 0 } r ? r : "-")} {v.LastStatus ?? "never run"}; {v.FilesIngested} files in its drop ingested");
            return 0;
        }));
        return command;
    }

    private static Command Remove()
    {
        var name = CliOptions.Required("--name", "the schedule to remove", "NAME");
        var gateway = CliOptions.Gateway();
        var command = new Command("remove", "Removes a schedule (exit code 1 when there is none of that name).") { name, gateway };
        command.SetAction((parse, ct) => WithSchedules(parse.GetValue(gateway), ct, async s =>
        {
            var n = parse.GetValue(name)!;
            if (!await s.Remove(n)) throw new CliException($"no schedule named '{n}'");
            Console.WriteLine($"schedule {n} removed");
            return 0;
        }));
        return command;
    }

    private static Task<int> WithSchedules(string? gateway, CancellationToken ct, Func<ISchedulesGrain, Task<int>> f) =>
        ClusterConnection.UseAsync(gateway, grains => f(grains.GetGrain<ISchedulesGrain>(0)), ct);
}
