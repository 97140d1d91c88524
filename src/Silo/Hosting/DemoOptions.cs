using Cohort.Ingest.Synthetic;

namespace Cohort.Silo.Hosting;

/// <summary>The `--demo` cohort's size ("Cohort:Demo"): 20,000 participants × 4 visits, seed 1, unless configured.</summary>
public sealed class DemoOptions
{
    public const string Section = "Cohort:Demo";

    public int Participants { get; set; } = 20_000;
    public int Visits { get; set; } = 4;
    public ulong Seed { get; set; } = 1;

    /// <summary>The generator's options for this size, checked by the generator's own limits; a bad value names its setting.</summary>
    public SynthOptions Synth()
    {
        var options = new SynthOptions { Participants = Participants, Visits = Visits, Seed = Seed };
        try
        {
            options.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new ArgumentException($"{Section}:{e.ParamName}: {e.Message.Split(" (Parameter")[0]}", e);
        }
        return options;
    }
}
