using System.Diagnostics;
using System.Text.Json;
using Cohort.Cli.Terminal;
using Cohort.Ingest.Synthetic;

namespace Cohort.Cli.Commands;

/// <summary>`cohort synth`: generates a synthetic cohort with known phenotypes and phases.</summary>
public static class SynthCommand
{
    public const string Usage = """
        cohort synth --participants N --visits V --seed S --out DIR [--layout long|wide] [--bad-rows FRACTION]
                     [--effect-size X] [--ogtt-share X] [--nefa-share X] [--json]

          Writes DIR/participants.parquet, DIR/observations.parquet (plus observations.mapping.json for the wide layout),
          DIR/truth.parquet (latent phenotype and true phase of every visit), DIR/faults.parquet (injected bad rows)
          and DIR/manifest.json. The same seed gives byte-identical files.
        """;

    public static async Task<int> RunAsync(Arguments args, CancellationToken ct)
    {
        var layout = args.String("layout") ?? "long";
        var options = new SynthOptions
        {
            Participants = args.Number("participants", 1000),
            Visits = args.Number("visits", 4),
            Seed = args.Number("seed", 1UL),
            Layout = layout switch
            {
                "long" => SynthLayout.Long,
                "wide" => SynthLayout.Wide,
                _ => throw new UsageException($"--layout must be 'long' or 'wide' (got '{layout}')"),
            },
            BadRowFraction = args.Number("bad-rows", 0.0),
            EffectSize = args.Number("effect-size", new SynthOptions().EffectSize),
            OgttShare = args.Number("ogtt-share", 0.85),
            NefaShare = args.Number("nefa-share", 0.35),
        };
        var outDir = args.RequiredString("out");
        var json = args.Flag("json");
        args.EnsureAllUsed();
        try
        {
            options.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new UsageException($"--{Kebab(e.ParamName)}: {e.Message.Split(" (Parameter")[0]}");
        }

        var clock = Stopwatch.StartNew();
        SynthManifest manifest;
        using (var bar = new ProgressBar("synth", options.Participants))
            manifest = await SyntheticCohortGenerator.GenerateAsync(options, outDir, json ? null : bar, ct);
        clock.Stop();
        var peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                out_dir = Path.GetFullPath(outDir),
                participants = manifest.Participants, visits = manifest.Visits, observation_rows = manifest.ObservationRows, faults = manifest.Faults,
                seconds = Math.Round(clock.Elapsed.TotalSeconds, 2), peak_working_set_mb = Math.Round(peakMb, 1),
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
