using System.CommandLine;
using System.Diagnostics;
using Cohort.Cli.Terminal;
using Cohort.Contracts;
using Cohort.Ingest.Synthetic;

namespace Cohort.Cli.Commands;

/// <summary>`cohort synth`: generates a synthetic cohort with known phenotypes and phases.</summary>
public static class SynthCommand
{
    public static Command Create()
    {
        var defaults = new SynthOptions();
        var participants = CliOptions.Count("--participants", defaults.Participants, "how many participants");
        var visits = CliOptions.Count("--visits", defaults.Visits, "visits per participant, about a year apart");
        var seed = new Option<ulong>("--seed") { Description = "the seed: the same seed gives byte-identical files", DefaultValueFactory = _ => defaults.Seed, HelpName = "S" };
        var output = CliOptions.Required("--out", "the directory to write", "DIR");
        var layout = CliOptions.Choice("--layout", "long", "long: one row per value; wide: one row per visit, with a mapping file", "long", "wide");
        var badRows = CliOptions.Share("--bad-rows", 0.0, "the share of rows made invalid on purpose (listed in faults.parquet)");
        var effectSize = new Option<double>("--effect-size") { Description = "how far apart the phenotypes lie", DefaultValueFactory = _ => defaults.EffectSize, HelpName = "X" };
        var ogttShare = CliOptions.Share("--ogtt-share", defaults.OgttShare, "the share of visits with an OGTT");
        var nefaShare = CliOptions.Share("--nefa-share", defaults.NefaShare, "the share of visits with NEFA measured");
        var json = CliOptions.Json();
        var command = new Command("synth", """
            Generates a synthetic cohort with known phenotypes and phases: DIR/participants.parquet, DIR/observations.parquet (plus
            observations.mapping.json for the wide layout), DIR/truth.parquet (latent phenotype and true phase of every visit),
            DIR/faults.parquet (injected bad rows) and DIR/manifest.json. Needs no silo.
            """) { participants, visits, seed, output, layout, badRows, effectSize, ogttShare, nefaShare, json };
        command.SetAction(async (parse, ct) =>
        {
            var options = new SynthOptions
            {
                Participants = parse.GetValue(participants), Visits = parse.GetValue(visits), Seed = parse.GetValue(seed),
                Layout = parse.GetValue(layout) == "wide" ? SynthLayout.Wide : SynthLayout.Long,
                BadRowFraction = parse.GetValue(badRows), EffectSize = parse.GetValue(effectSize),
                OgttShare = parse.GetValue(ogttShare), NefaShare = parse.GetValue(nefaShare),
            };
            try
            {
                options.Validate();
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw new UsageException($"--{Kebab(e.ParamName)}: {e.Message.Split(" (Parameter")[0]}");
            }
            var outDir = parse.GetValue(output)!;
            var asJson = parse.GetValue(json);
            var clock = Stopwatch.StartNew();
            SynthManifest manifest;
            using (var bar = new ProgressBar("synth", options.Participants))
                manifest = await SyntheticCohortGenerator.GenerateAsync(options, outDir, asJson ? null : bar, ct);
            clock.Stop();
            var peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024);
            if (asJson)
            {
                Console.WriteLine(CohortJson.Serialize(new
                {
                    OutDir = Path.GetFullPath(outDir), manifest.Participants, manifest.Visits, manifest.ObservationRows, manifest.Faults,
                    Seconds = Math.Round(clock.Elapsed.TotalSeconds, 2), PeakWorkingSetMb = Math.Round(peakMb, 1),
                }));
            }
            else
            {
                Console.WriteLine($"wrote {manifest.Participants:N0} participants, {manifest.Visits:N0} visits, {manifest.ObservationRows:N0} observation rows to {Path.GetFullPath(outDir)}");
                var faults = manifest.Faults.Where(kv => kv.Value > 0).Select(kv => $"{kv.Key} {kv.Value:N0}").ToArray();
                if (faults.Length > 0) Console.WriteLine($"bad rows injected: {string.Join(", ", faults)}");
                Console.WriteLine($"took {clock.Elapsed.TotalSeconds:0.0} s, peak working set {peakMb:0} MB");
            }
            return 0;
        });
        return command;
    }

    private static string Kebab(string? name) => name switch
    {
        "BadRowFraction" => "bad-rows",
        "EffectSize" => "effect-size",
        "OgttShare" => "ogtt-share",
        "NefaShare" => "nefa-share",
        null => "?",
        _ => name.ToLowerInvariant(),
    };
}
