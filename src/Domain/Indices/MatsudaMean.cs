
namespace Cohort.Domain.Indices;

/// <summary>How the OGTT means in the Matsuda index are taken; the two conventions differ by several per cent on the same curve.</summary>
public enum MatsudaMean
{
    /// <summary>Arithmetic mean of the available samples (Matsuda &amp; DeFronzo 1999, five samples 0–120 min). Cohort's default.</summary>
    Arithmetic,
    /// <summary>Trapezoid area under the curve divided by its duration (DeFronzo &amp; Matsuda 2010; handles unequal spacing).</summary>
    TrapezoidAuc,
}
