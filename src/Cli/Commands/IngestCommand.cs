using System.CommandLine;
using Cohort.Cli.Terminal;
using Cohort.Contracts.Ingest;
using Cohort.Ingest.Ingestion;

namespace Cohort.Cli.Commands;

/// <summary>`cohort ingest`: reads Parquet drops and sends them to the cluster through a gateway.</summary>
public static class IngestCommand
{
    public static Command Create()
    {
        var participants = new Option<string?>("--participants") { Description = "the participants file (required for the long layout)", HelpName = "FILE" };
        var observations = new Option<string[]>("--observations")
        {
            Description = "an observations file; repeat for several", HelpName = "FILE", Arity = ArgumentArity.OneOrMore,
        };
        var events = new Option<string[]>("--events")
        {
            Description = "an outcome events file (participant_id, event, date, value) for participants already ingested; repeat for several",
            HelpName = "FILE", Arity = ArgumentArity.OneOrMore,
        };
        var layout = CliOptions.Choice("--layout", "long", "long: one row per value; wide: one row per visit, read through --mapping", "long", "wide");
        var mapping = new Option<string?>("--mapping") { Description = "the wide layout's mapping: nhanes (built in) or a JSON file", HelpName = "NAME|FILE" };
        var threshold = CliOptions.Share("--threshold", 0.01, "the share of rejected rows above which nothing is written");
        var fastingDefault = new Option<string?>("--fasting-default")
        {
            Description = "what an empty fasting value outside an OGTT means (without it such samples are of unknown status)",
        };
        fastingDefault.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, "true", "false", "unknown");
        var force = new Option<bool>("--force") { Description = "ingest files again even when one with the same content was ingested in the same role" };
        var pace = CliOptions.Pace();
        var heldMax = CliOptions.Checked(new Option<long?>("--held-rows-max")
        {
            Description = "for files not sorted by participant: the observations held back at most before they are written together " +
                "(default: a third of this process's memory at about 96 bytes each); smaller uses less memory and writes each participant once per release",
            HelpName = "N",
        }, v => v is null or > 0, "must be a positive number of observations");
        var gateway = CliOptions.Gateway();
        var json = CliOptions.Json();
        var command = new Command("ingest", """
            Reads Parquet drops and ingests them, all or nothing: every file is checked and every row validated first; when more than
            --threshold of the rows are rejected nothing is written and the run says why. Rejected rows go to the run's quarantine
            (`cohort quarantine`). A wide file needs a mapping; with demographics in the mapping the participants file may be left out.
            Files already ingested in the same role (participants, observations, events) with the same content are skipped. A row is fasting when its `fasting` column says so or it is an
            OGTT minute-0 sample; samples of unknown fasting status are never used where a fasting value is needed (HOMA-IR, TyG, ...).
            With --events instead of --observations, the run ingests outcome events (diabetes_diagnosis, insulin_start,
            cardiovascular_event, kidney_disease, death, or a study's declared codes): an event of an unknown participant, or dated
            before the participant's birth year, is rejected to the quarantine.
            Exit code 0 when the run succeeds or is skipped, 1 otherwise. Needs the engineer role.
            """) { participants, observations, events, layout, mapping, threshold, fastingDefault, force, pace, heldMax, gateway, json };
        command.SetAction(async (parse, ct) =>
        {
            var (observed, outcomes) = (parse.GetValue(observations) ?? [], parse.GetValue(events) ?? []);
            if (observed.Length == 0 && outcomes.Length == 0) throw new UsageException("give --observations (with --participants) or --events");
            if (observed.Length > 0 && outcomes.Length > 0) throw new UsageException("give --observations or --events, not both: ingest the observations first");
            if (outcomes.Length == 0 && FileLayouts.Parse(parse.GetValue(layout)!) == FileLayout.Long && parse.GetValue(participants) is null)
                throw new UsageException("--participants is required for the long layout");
            var request = new IngestRequest(parse.GetValue(participants), observed)
            {
                EventFiles = outcomes,
                Layout = FileLayouts.Parse(parse.GetValue(layout)!),
                Mapping = parse.GetValue(mapping),
                RejectThreshold = parse.GetValue(threshold),
                FastingDefault = parse.GetValue(fastingDefault),
                Force = parse.GetValue(force),
                MaxRowsPerSecond = parse.GetValue(pace),
                HeldRowsMax = parse.GetValue(heldMax),
            };
            var asJson = parse.GetValue(json);
            var run = await ClusterConnection.UseAsync(parse.GetValue(gateway), async (grains, stop) =>
            {
                using var bar = new ProgressBar("ingest", 1);
                var progress = asJson ? null : new Reported<IngestProgress>(p => bar.Report(p.RowsRead, p.RowsTotal, p.Phase));
                return await new IngestRunner(grains).RunAsync(request, progress, stop);
            }, ct);
            RunReport.Print(run, asJson);
            return run.Status is RunStatus.Succeeded or RunStatus.Skipped ? 0 : 1;
        });
        return command;
    }
}
