namespace Cohort.Silo.Hosting;

/// <summary>The `--demo` cohort's size ("Cohort:Demo"): 20,000 participants × 4 visits, seed 1, unless configured.</summary>
public sealed class DemoOptions
{
    public const string Section = "Cohort:Demo";

    public int Participants { get; set; } = 20_000;
    public int Visits { get; set; } = 4;
    public ulong Seed { get; set; } = 1;
}
