using System.CommandLine;
using Cohort.Contracts.Queries;
using Cohort.Ingest.Export;

namespace Cohort.Cli.Commands;

/// <summary>`cohort export`: participant-level per-visit data with its dictionary and provenance (when the silo allows it).</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var output = CliOptions.Required("--out", "the directory to write", "DIR");
        var sex = new Option<string[]>("--sex") { Description = "only these sexes; repeat for several", HelpName = "F|M|unknown" };
        sex.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, "F", "M", "unknown");
        var site = new Option<string[]>("--site") { Description = "only these sites; repeat for several", HelpName = "SITE" };
        var gateway = CliOptions.Gateway();
        var command = new Command("export", """
            Writes visits.parquet and visits.csv (every visit: markers, indices, glycaemic category, phase, phenotype), dictionary.csv
            (names, units, formula inputs, variants, citations) and manifest.json (data version, factors, rule set, cut-off, model,
            SHA-256 of each file). Participant-level data: needs the epidemiologist role, and the silo refuses when
            Cohort:ExportEnabled is false.
            """) { output, sex, site, gateway };
        command.SetAction(async (parse, ct) =>
        {
            var dir = parse.GetValue(output)!;
            var sexes = parse.GetValue(sex) ?? [];
            var sites = parse.GetValue(site) ?? [];
            var filter = new CohortFilter(Sex: sexes.Length > 0 ? sexes : null, Site: sites.Length > 0 ? sites : null);
            var summary = await ClusterConnection.UseAsync(parse.GetValue(gateway), async (grains, stop) =>
            {
                using var bar = new Terminal.ProgressBar("export", 1);
                var progress = new Terminal.Reported<(int Shards, int Of)>(p => bar.Report(p.Shards, p.Of, "export: shards written"));
                try { return await CohortExport.WriteAsync(grains, dir, filter, stop, progress: progress); }
                catch (ExportRefusedException e) { throw new CliException(e.Message); }
                catch (InvalidOperationException e) { throw new CliException(e.Message); }
            }, ct);
            Console.WriteLine($"exported {summary.Rows:N0} visits of {summary.Participants:N0} participants (data version {summary.DataVersion}) to {dir}: {string.Join(", ", summary.Files)}");
            return 0;
        });
        return command;
    }
}
