namespace Cohort.Phenotyping.Features;

public static class TrainingPopulationNames
{
    public static string Code(this TrainingPopulation p) => p switch
    {
        TrainingPopulation.Diabetes => "diabetes",
        TrainingPopulation.Everyone => "everyone",
        _ => "outside-diabetes",
    };

    public static string Describe(this TrainingPopulation p) => p switch
    {
        TrainingPopulation.Diabetes => "participants whose feature visit is in the diabetes range",
        TrainingPopulation.Everyone => "every participant",
        _ => "participants whose feature visit is outside the diabetes range",
    };

    /// <summary>Whether a participant belongs to the population, given whether their feature visit is outside the diabetes range.</summary>
    public static bool Includes(this TrainingPopulation p, bool outsideDiabetes) => p switch
    {
        TrainingPopulation.Diabetes => !outsideDiabetes,
        TrainingPopulation.Everyone => true,
        _ => outsideDiabetes,
    };

    public static bool TryParse(string? code, out TrainingPopulation population)
    {
        foreach (var p in Enum.GetValues<TrainingPopulation>())
            if (string.Equals(p.Code(), code?.Trim(), StringComparison.OrdinalIgnoreCase)) { population = p; return true; }
        population = TrainingPopulation.OutsideDiabetes;
        return false;
    }
}
