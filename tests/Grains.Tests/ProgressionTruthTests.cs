using System.Globalization;
using Cohort.Contracts.Queries;
using Cohort.Ingest.Ingestion;
using Cohort.Ingest.Synthetic;
using Xunit.Abstractions;

namespace Cohort.Grains.Tests;

/// <summary>
/// Progression out of the normal phase against the generator's truth (truth.parquet, read by DuckDB), for two seeds and two cohort
/// sizes: the generator measures with Poon 2018's within-person noise, so raw moves between two visits mostly count noise. The hidden
/// Markov model's rate must come much closer to the truth than the raw and confirmed rates do, and within 40% of it (measured
/// 15–35% high: a visit's misclassification is larger for people near a cut-off than the model's one-matrix assumption allows).
/// </summary>
public sealed class ProgressionTruthTests(ITestOutputHelper output) : ScratchFolder("progression")
{
    [Theory]
    [InlineData(2, 8_000)]
    [InlineData(3, 8_000)]
    [InlineData(2, 16_000)]
    [InlineData(3, 16_000)]
    public async Task The_model_rate_out_of_normal_comes_close_to_the_truth_and_raw_counts_do_not(int seed, int participants)
    {
        var drop = Path.Combine(Dir, $"s{seed}-n{participants}");
        await SyntheticCohortGenerator.GenerateAsync(new SynthOptions { Participants = participants, Visits = 4, Seed = (ulong)seed }, drop);
        await using var cluster = await CohortCluster.StartAsync(silos: 1);
        await new IngestRunner(cluster.Grains).RunAsync(new IngestRequest(Path.Combine(drop, "participants.parquet"), [Path.Combine(drop, "observations.parquet")]));
        var result = await cluster.Grains.GetGrain<ICohortQueryGrain>(0).Transitions(
            new CohortQuery(CohortFilter.All, VisitChoice.Baseline, Dimension.None, 2.5), VisitChoice.Baseline, new VisitChoice(VisitKind.Number, 2), TransitionKind.Phase);

        // The truth, per interval over every pair of consecutive visits: −ln(1 − share leaving normal) / mean interval, per 1,000 years.
        var truth = Path.Combine(drop, "truth.parquet");
        var row = DuckDb.Query($"""
            WITH t AS (SELECT participant_id, visit, visit_date, phase FROM read_parquet('{truth}')),
                 pairs AS (SELECT a.phase AS a, b.phase AS b, date_diff('day', a.visit_date, b.visit_date) / 365.25 AS years
                           FROM t a JOIN t b ON a.participant_id = b.participant_id AND b.visit = a.visit + 1)
            SELECT count(*) FILTER (WHERE a = 'normal'), count(*) FILTER (WHERE a = 'normal' AND b <> 'normal'), avg(years) FROM pairs
            """).Single();
        double atRisk = Convert.ToDouble(row[0], CultureInfo.InvariantCulture), events = Convert.ToDouble(row[1], CultureInfo.InvariantCulture);
        var trueRate = -Math.Log(1 - events / atRisk) / Convert.ToDouble(row[2], CultureInfo.InvariantCulture) * 1000;

        var model = result.Model!;
        Assert.Null(model.UndefinedReason);
        Assert.True(model.Converged);
        var modelRate = model.RatesPer1000[model.States.ToList().IndexOf("normal")]!.Value;
        var normal = result.Overall.FromStates!.Single(r => r.State == "normal");
        var confirmed = normal.RatePer1000!.Value;
        var raw = normal.RawRatePer1000!.Value;
        output.WriteLine($"seed {seed}, {participants:N0} participants: truth {trueRate:0.0}/1000 y; model {modelRate:0.0} ({model.Lower[0]:0.0}–{model.Upper[0]:0.0}); confirmed {confirmed:0.0}; raw {raw:0.0}; regressions {normal.Regressions} (confirmed {normal.ConfirmedRegressions})");
        Assert.InRange(modelRate / trueRate, 0.6, 1.4);
        Assert.True(Math.Abs(modelRate - trueRate) < Math.Abs(confirmed - trueRate), "the model should come closer to the truth than confirmed moves");
        Assert.True(Math.Abs(confirmed - trueRate) < Math.Abs(raw - trueRate), "confirmed moves should come closer to the truth than raw ones");
    }
}
