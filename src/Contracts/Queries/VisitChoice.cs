namespace Cohort.Contracts.Queries;

/// <summary>
/// Which visit of each participant a query looks at: the first, the latest, visit number N, or the first visit with an OGTT (a 2-h
/// glucose); participants without such a visit are left out.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.VisitChoice")]
public readonly record struct VisitChoice([property: Id(0)] VisitKind Kind, [property: Id(1)] int Number = 0)
{
    public static VisitChoice Baseline => new(VisitKind.Baseline);
    public static VisitChoice Latest => new(VisitKind.Latest);
    public static VisitChoice Visit(int number) => new(VisitKind.Number, number);
    public static VisitChoice FirstOgtt => new(VisitKind.FirstOgtt);

    /// <summary>Reads a <see cref="Code"/>: baseline, latest, first-ogtt or a visit number (1 or more), in any case.</summary>
    public static bool TryParse(string? code, out VisitChoice visit)
    {
        VisitChoice? parsed = code?.Trim().ToLowerInvariant() switch
        {
            "baseline" => Baseline,
            "latest" => Latest,
            "first-ogtt" => FirstOgtt,
            var t when int.TryParse(t, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1 => Visit(n),
            _ => null,
        };
        visit = parsed ?? Baseline;
        return parsed is not null;
    }

    public string Label => Kind switch
    {
        VisitKind.Baseline => "baseline",
        VisitKind.Latest => "latest",
        VisitKind.FirstOgtt => "first visit with an OGTT",
        _ => $"visit {Number}",
    };

    /// <summary>The parameter spelling: baseline, latest, first-ogtt or the number.</summary>
    public string Code => Kind switch
    {
        VisitKind.Baseline => "baseline",
        VisitKind.Latest => "latest",
        VisitKind.FirstOgtt => "first-ogtt",
        _ => Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
