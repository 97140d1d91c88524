using Cohort.Contracts.Cohort;
using Cohort.Ingest.Export;
using Microsoft.Extensions.DependencyInjection;

namespace Cohort.Cli.Commands;

/// <summary>`cohort export`: participant-level per-visit data with its dictionary and provenance (when the silo allows it).</summary>
public static class ExportCommand
{
    public const string Usage = """
        cohort export --out DIR [--sex F|M|unknown] [--site SITE] [--gateway HOST:PORT]

          Writes visits.parquet and visits.csv (every visit: markers, indices, glycaemic category, phase, phenotype), dictionary.csv
          (names, units, formula inputs, variants, citations) and manifest.json (data version, factors, rule set, cut-off, model, SHA-256
          of each file). Participant-level data: needs the epidemiologist role, and the silo refuses when Cohort:ExportEnabled is false.
        """;

    public static async Task<int> RunAsync(Arguments args, CancellationToken ct)
    {
        var output = args.RequiredString("out");
        var sex = args.Strings("sex");
        var site = args.Strings("site");
        var gateway = args.String("gateway");
        args.EnsureAllUsed();
        using var host = await ClusterConnection.ConnectAsync(gateway, ct);
        try
        {
            var filter = new CohortFilter(Sex: sex.Count > 0 ? sex : null, Site: site.Count > 0 ? site : null);
            var summary = await CohortExport.WriteAsync(host.Services.GetRequiredService<IGrainFactory>(), output, filter, ct);
            Console.WriteLine($"exported {summary.Rows:N0} visits of {summary.Participants:N0} participants (data version {summary.DataVersion}) to {output}: {string.Join(", ", summary.Files)}");
            return 0;
        }
        catch (ExportRefusedException e)
        {
            throw new CliException(e.Message);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
