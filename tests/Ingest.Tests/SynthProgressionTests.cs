namespace Cohort.Ingest.Tests;

/// <summary>Some participants move normal → compensated → intermediate → diabetes range over the visits.</summary>
[Collection(CohortCollection.Name)]
public class SynthProgressionTests(GeneratedCohort cohort)
{
    private static readonly string[] Order = ["normal", "compensated", "intermediate", "diabetes-range"];

    [Fact]
    public void Phases_progress_over_visits()
    {
        var byVisit = cohort.Manifest.TruePhasesByVisit;
        var first = byVisit["1"].GetValueOrDefault("diabetes-range");
        var last = byVisit[GeneratedCohort.Visits.ToString()].GetValueOrDefault("diabetes-range");
        Assert.True(last > first * 1.1, $"diabetes-range {first} at visit 1, {last} at the last visit");

        var trajectories = cohort.AllVisits.GroupBy(v => v.ParticipantId)
            .Select(g => g.OrderBy(v => v.Number).Select(v => Array.IndexOf(Order, v.Phase)).ToArray()).ToArray();
        var forward = trajectories.Count(t => t[^1] > t[0]) / (double)trajectories.Length;
        Stats.Between(0.05, 0.40, forward, "share whose phase worsened between first and last visit");
        Assert.Contains(trajectories, t => t[^1] - t[0] >= 2);
        Assert.Contains(trajectories, t => t[0] == 0 && t[^1] == 1);
        Assert.Contains(trajectories, t => t[0] == 1 && t[^1] >= 2);
    }

    [Fact]
    public void Visits_are_about_a_year_apart()
    {
        foreach (var g in cohort.AllVisits.GroupBy(v => v.ParticipantId).Take(500))
        {
            var dates = g.OrderBy(v => v.Number).Select(v => v.Date.DayNumber).ToArray();
            for (var i = 1; i < dates.Length; i++) Stats.Between(319, 411, dates[i] - dates[i - 1], "days between visits");
        }
    }
}
