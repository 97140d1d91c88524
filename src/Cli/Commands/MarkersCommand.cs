using System.CommandLine;
using Cohort.Contracts;
using Cohort.Contracts.Markers;
using Cohort.Domain.Markers;
using Cohort.Ingest.Markers;

namespace Cohort.Cli.Commands;

/// <summary>`cohort markers add|list`: the study's own markers, declared in a marker file of the same shape as Cohort's own.</summary>
public static class MarkersCommand
{
    public static Command Create() => new("markers", """
        The markers a cohort accepts: Cohort's own (from its data file) and the study's, declared without code in a JSON file
        (an array of definitions: code, name, unit as UCUM, units with factors, loinc, reject and flag limits, fasting, skewed,
        citation). Declared markers can then be ingested in long and wide files and analysed like Cohort's own.
        """) { Add(), List() };

    private static Command Add()
    {
        var file = CliOptions.Required("--file", "the marker file: a JSON array of definitions (see the README)", "FILE");
        var gateway = CliOptions.Gateway();
        var command = new Command("add", """
            Declares the study's markers from a file: new codes are added, declared codes replaced. A unit that is not UCUM, a code of
            Cohort's own markers, or a change of unit or limits for a marker that already has observations is refused with the reason,
            and nothing is declared. Needs the engineer role; audited.
            """) { file, gateway };
        command.SetAction((parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path)) throw new CliException($"--file: no such file '{path}'");
            var json = File.ReadAllText(path);
            var source = Path.GetFileName(path);
            // Checked here first, so a bad file is named before any silo is contacted (the registry checks again).
            try { _ = MarkerFile.Parse(json, source); }
            catch (MarkerDefinitionException e) { throw new CliException(e.Message); }
            return ClusterConnection.UseAsync(parse.GetValue(gateway), async grains =>
            {
                MarkerDeclaration d;
                try { d = await grains.GetGrain<IMarkerRegistryGrain>(0).Declare(json, source); }
                catch (MarkerDeclarationException e) { throw new CliException(e.Message); }
                if (d.Changes.Count == 0) Console.WriteLine($"nothing changed: the study's markers are still version {d.Version}");
                else
                {
                    Console.WriteLine($"study markers version {d.Version}:");
                    foreach (var c in d.Changes) Console.WriteLine($"  {c}");
                }
                return 0;
            }, ct);
        });
        return command;
    }

    private static Command List()
    {
        var gateway = CliOptions.Gateway();
        var json = CliOptions.Json();
        var study = new Option<bool>("--study") { Description = "only the study's own markers" };
        var command = new Command("list", "Lists the markers: code, name, canonical unit, other units, limits; the study's own marked 'study'.")
            { gateway, json, study };
        command.SetAction((parse, ct) => ClusterConnection.UseAsync(parse.GetValue(gateway), async grains =>
        {
            var markers = await grains.MarkersAsync();
            var shown = markers.All.Where(d => !parse.GetValue(study) || !d.BuiltIn).ToArray();
            if (parse.GetValue(json))
            {
                Console.WriteLine(CohortJson.Serialize(new MarkerListing(markers.Version, shown.Select(MarkerFile.ToEntry).ToArray())));
                return 0;
            }
            Console.WriteLine($"study markers version {markers.Version}");
            foreach (var d in shown)
            {
                var others = d.Units.Skip(1).Select(u => u.Spelling).ToArray();
                Console.WriteLine($"{d.Code,-28} {(d.BuiltIn ? "cohort" : "study "),-6} {d.CanonicalUnit,-14} {d.Name}" +
                    (others.Length > 0 ? $"; also {string.Join(", ", others)}" : "") +
                    $"; reject outside [{d.Limits.RejectBelow}, {d.Limits.RejectAbove}]" + (d.FastingSensitive ? "; fasting" : ""));
            }
            return 0;
        }, ct));
        return command;
    }
}
