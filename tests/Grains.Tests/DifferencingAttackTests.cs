using Cohort.Contracts.Participants;
using Cohort.Contracts.Queries;
using Cohort.Domain.Metrics;
using Xunit.Abstractions;

namespace Cohort.Grains.Tests;

/// <summary>
/// The differencing attack of the disclosure probe, played as an analyst: two filtered distributions whose populations differ by
/// one participant (a site and sex, with a list of ethnicities or categories, and the same list plus one value only that participant
/// has there) give n₂·m₂ − n₁·m₁, which with exact numbers is that participant's value. With the cell key method it must land within
/// 10% of the true value no more often than a guess from the released cell mean does, and the singleton's count (a suppressed cell)
/// must not come out exactly except as often as two independent noises happen to agree.
/// </summary>
public sealed class DifferencingAttackTests(IngestedCohort cohort, ITestOutputHelper output) : IClassFixture<IngestedCohort>
{
    private sealed record Pair(CohortFilter Without, CohortFilter With, Person Single);

    /// <summary>Filter pairs that differ by exactly one participant, found from the participants' own records.</summary>
    private IEnumerable<Pair> Pairs()
    {
        static string Band(ParticipantView p) => p.Demographics?.BirthYear is { } born && p.Visits[0].Date.Year - born is var age
            ? CohortFilter.AgeBands[age < 20 ? 0 : age >= 80 ? CohortFilter.AgeBands.Count - 1 : age / 10 - 1] : CohortFilter.Unknown;
        var people = cohort.Participants.Where(p => p.Visits.Count > 0 && p.Demographics is not null).Select(p => new Person(
            p.Demographics!.Site ?? "Unknown", p.Demographics.Sex ?? CohortFilter.Unknown, p.Demographics.Ethnicity ?? "Unknown",
            p.Visits[0].GlycaemicCategory, p.Visits[0].Phase, Band(p), p.Visits.Count > 1 ? p.Visits[^1].Phase : null)).ToArray();
        // Base populations: a site, or a site and a sex; the varying dimension: ethnicity, category, phase or age band.
        var bases = people.GroupBy(p => (p.Site, (string?)null)).Concat(people.GroupBy(p => (p.Site, (string?)p.Sex)));
        foreach (var group in bases)
        {
            var (site, sex) = group.Key;
            CohortFilter Base() => new(Site: [site], Sex: sex is null ? null : [sex]);
            foreach (var (key, make) in new (Func<Person, string> Key, Func<string[], CohortFilter> Make)[]
            {
                (p => p.Ethnicity, list => Base() with { Ethnicity = list }),
                (p => p.Category, list => Base() with { Category = list }),
                (p => p.Phase, list => Base() with { Phase = list }),
                (p => p.AgeBand, list => Base() with { AgeBand = list }),
            })
            {
                var sizes = group.GroupBy(key).ToDictionary(g => g.Key, g => g.Count());
                var rest = sizes.Where(kv => kv.Value > 1).Select(kv => kv.Key).Order().ToArray();
                if (rest.Sum(r => sizes[r]) < 11) continue;
                foreach (var single in sizes.Where(kv => kv.Value == 1).Select(kv => kv.Key))
                    yield return new Pair(make(rest), make([.. rest, single]), group.Single(p => key(p) == single));
            }
        }
    }

    private sealed record Person(string Site, string Sex, string Ethnicity, string Category, string Phase, string AgeBand, string? LatestPhase);

    private static CohortQuery Q(CohortFilter f) => new(f, VisitChoice.Baseline, Dimension.None, 2.5);

    [Fact]
    public async Task Differencing_two_filters_that_differ_by_one_person_recovers_neither_the_value_nor_the_count()
    {
        var pairs = Pairs().ToArray();
        Assert.True(pairs.Length >= 10, $"only {pairs.Length} filter pairs differ by one participant");
        int trials = 0, attackHits = 0, guessHits = 0, exactCounts = 0, countTrials = 0;
        var recoveredCounts = new HashSet<long>();
        foreach (var pair in pairs)
            foreach (var metric in MetricCatalogue.All)
            {
                // The truth, as an epidemiologist sees it: exact means, so the difference of the sums is the participant's value.
                var a = (await cohort.Query.Distribution(Q(pair.Without), metric.Code)).Total;
                var b = (await cohort.Query.Distribution(Q(pair.With), metric.Code)).Total;
                if (a.N is not { } na || b.N is not { } nb || nb != na + 1 || a.Mean is not { } ma || b.Mean is not { } mb) continue;
                var truth = nb * mb - na * ma;
                if (Math.Abs(truth) < 1e-9) continue;

                StratumDistribution pa, pb;
                using (TestViews.AsAnalyst())
                {
                    pa = (await cohort.Query.Distribution(Q(pair.Without), metric.Code)).Total;
                    pb = (await cohort.Query.Distribution(Q(pair.With), metric.Code)).Total;
                }
                if (pa.N is not { } qa || pb.N is not { } qb || pa.Mean is not { } xa || pb.Mean is not { } xb) continue;
                trials++;
                var recovered = qb * xb - qa * xa;
                if (Math.Abs(recovered - truth) <= 0.1 * Math.Abs(truth)) attackHits++;
                if (Math.Abs(xa - truth) <= 0.1 * Math.Abs(truth)) guessHits++;
                // The singleton cell's size, which suppression hides: released counts differ by 1 + (noise₂ − noise₁). Each metric's
                // cell holds those with a value, a set of people of its own, so each trial is a fresh draw.
                countTrials++;
                recoveredCounts.Add(qb - qa);
                if (qb - qa == 1) exactCounts++;
            }
        output.WriteLine($"{pairs.Length} pairs, {trials} trials: attack within 10% {attackHits} ({(double)attackHits / trials:P1}), guess from the released mean {guessHits} ({(double)guessHits / trials:P1}); singleton count exact in {exactCounts} of {countTrials}, values {string.Join(", ", recoveredCounts.Order())}");
        Assert.True(trials >= 100, $"only {trials} trials");
        // One-sided: the attack may not beat guessing by more than sampling noise (two binomial SDs of the guess rate).
        var guessRate = (double)guessHits / trials;
        var slack = 2 * Math.Sqrt(Math.Max(guessRate, 0.05) * (1 - guessRate) / trials);
        Assert.True((double)attackHits / trials <= guessRate + slack,
            $"the attack lands within 10% in {attackHits} of {trials} trials, a guess from the released mean in {guessHits}");
        // Two independent draws from the ptable's symmetric row agree with probability Σp² ≈ 0.27 for D = 2, V = 1: the attacker gets
        // the right count about that often and cannot tell when. 0.40 is more than five binomial SDs above 0.27 at 600 trials.
        Assert.True((double)exactCounts / countTrials < 0.40, $"the singleton's count came out exactly in {exactCounts} of {countTrials}");
        Assert.True(recoveredCounts.Count >= 3, $"recovered counts {string.Join(", ", recoveredCounts)}");
    }

    [Fact]
    public async Task Differencing_two_prevalences_tells_a_persons_status_no_better_than_guessing_the_commoner_one()
    {
        var pairs = Pairs().ToArray();
        int trials = 0, attackRight = 0, guessRight = 0;
        foreach (var pair in pairs)
            foreach (var condition in new[] { new Condition(ConditionKind.Category, "prediabetes"), new Condition(ConditionKind.Category, "diabetes"),
                         new Condition(ConditionKind.Phase, "compensated"), new Condition(ConditionKind.Category, "normal") })
            {
                var a = (await cohort.Query.Prevalence(Q(pair.Without), condition)).Total;
                var b = (await cohort.Query.Prevalence(Q(pair.With), condition)).Total;
                if (a.Cases is not { } ca || b.Cases is not { } cb || a.Total is not { } ta || b.Total is not { } tb || tb != ta + 1) continue;
                var isCase = cb - ca == 1;
                PrevalenceEstimate pa, pb;
                using (TestViews.AsAnalyst())
                {
                    pa = (await cohort.Query.Prevalence(Q(pair.Without), condition)).Total;
                    pb = (await cohort.Query.Prevalence(Q(pair.With), condition)).Total;
                }
                if (pa.Cases is not { } qa || pb.Cases is not { } qb) continue;
                trials++;
                // The attacker's best rule: a case when the released cases went up; the guess: the commoner status in the base cell.
                if ((qb - qa >= 1) == isCase) attackRight++;
                if ((ca * 2 > ta) == isCase) guessRight++;
            }
        output.WriteLine($"{trials} trials: status right from differencing {attackRight} ({(double)attackRight / trials:P1}), from the commoner status {guessRight} ({(double)guessRight / trials:P1})");
        Assert.True(trials >= 40, $"only {trials} trials");
        Assert.True(attackRight <= guessRight + 2 * Math.Sqrt(trials * 0.25), $"differencing told the status in {attackRight} of {trials}, guessing in {guessRight}");
    }

    [Fact]
    public async Task Cut_off_and_phenotype_tables_are_perturbed_for_analysts_and_exact_for_epidemiologists()
    {
        var q = Q(CohortFilter.All) with { StrataBy = Dimension.Sex };
        var exactCutoffs = await cohort.Query.HomaIrCutoffs(q);
        var exactTable = await cohort.Query.PhenotypeTable(q);
        CutoffSensitivity cutoffs, again;
        Contracts.Phenotypes.PhenotypeTableResult table;
        using (TestViews.AsAnalyst())
        {
            cutoffs = await cohort.Query.HomaIrCutoffs(q);
            again = await cohort.Query.HomaIrCutoffs(q);
            table = await cohort.Query.PhenotypeTable(q);
        }
        Assert.Equal("exact", exactCutoffs.Disclosure);
        Assert.StartsWith("perturbed", cutoffs.Disclosure);
        Assert.StartsWith("perturbed", table.Disclosure);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(cutoffs.Registry), System.Text.Json.JsonSerializer.Serialize(again.Registry));
        foreach (var (e, p) in exactCutoffs.Registry.Zip(cutoffs.Registry))
        {
            if (e.Total is { } n) Assert.InRange(p.Total!.Value, n - 2, n + 2);
            if (e.Cases is { } k) Assert.InRange(p.Cases!.Value, k - 2, k + 2);
        }
        Assert.NotEqual(exactCutoffs.Registry.Select(r => r.Total), cutoffs.Registry.Select(r => r.Total));
        foreach (var (e, p) in exactTable.Rows.Zip(table.Rows))
            for (var c = 0; c < e.Counts.Count; c++)
                if (e.Counts[c] is { } n) Assert.InRange(p.Counts[c]!.Value, n - 2, n + 2);
                else Assert.Null(p.Counts[c]);
    }

    [Fact]
    public async Task Differencing_two_transition_tables_tells_a_persons_move_no_better_than_guessing_the_commonest()
    {
        int trials = 0, attackRight = 0, guessRight = 0, exactRight = 0;
        foreach (var pair in Pairs())
        {
            // The person's move, from their own record (none when they have no later visit).
            if (pair.Single.LatestPhase is not { } latest) continue;
            var states = (await cohort.Query.Transitions(Q(pair.Without), VisitChoice.Baseline, VisitChoice.Latest, TransitionKind.Phase)).Overall.States.ToList();
            var n = states.Count;
            var cells = Enumerable.Range(0, n * n).Select(i => (Row: i / n, Column: i % n)).ToArray();
            var moved = (Row: states.IndexOf(pair.Single.Phase), Column: states.IndexOf(latest));
            var ea = (await cohort.Query.Transitions(Q(pair.Without), VisitChoice.Baseline, VisitChoice.Latest, TransitionKind.Phase)).Overall;
            var eb = (await cohort.Query.Transitions(Q(pair.With), VisitChoice.Baseline, VisitChoice.Latest, TransitionKind.Phase)).Overall;
            if (ea.Counts[moved.Row][moved.Column] is { } before && eb.Counts[moved.Row][moved.Column] == before + 1) exactRight++;
            TransitionTable pa, pb;
            using (TestViews.AsAnalyst())
            {
                pa = (await cohort.Query.Transitions(Q(pair.Without), VisitChoice.Baseline, VisitChoice.Latest, TransitionKind.Phase)).Overall;
                pb = (await cohort.Query.Transitions(Q(pair.With), VisitChoice.Baseline, VisitChoice.Latest, TransitionKind.Phase)).Overall;
            }
            var released = cells.Where(c => pa.Counts[c.Row][c.Column] is not null && pb.Counts[c.Row][c.Column] is not null).ToArray();
            if (released.Length == 0) continue;
            trials++;
            // The attacker's best rule: the released cell that went up most; the guess: the commonest move in the base table. (When the
            // person's cell is suppressed, neither can name it.)
            var attack = released.MaxBy(c => pb.Counts[c.Row][c.Column]!.Value - pa.Counts[c.Row][c.Column]!.Value);
            var guess = released.MaxBy(c => pa.Counts[c.Row][c.Column]!.Value);
            if (attack == moved) attackRight++;
            if (guess == moved) guessRight++;
        }
        output.WriteLine($"{trials} trials: move right from differencing {attackRight} ({(double)attackRight / trials:P1}), from the commonest move {guessRight} ({(double)guessRight / trials:P1}); exact tables would have told it in {exactRight}");
        Assert.True(trials >= 20, $"only {trials} trials");
        Assert.True(attackRight <= guessRight + 2 * Math.Sqrt(trials * 0.25), $"differencing told the move in {attackRight} of {trials}, guessing in {guessRight}");
    }

    [Fact]
    public async Task Transitions_and_the_overview_are_perturbed_for_analysts_and_exact_for_epidemiologists()
    {
        var q = Q(CohortFilter.All);
        var exactMoves = await cohort.Query.Transitions(q, VisitChoice.Baseline, VisitChoice.Latest, TransitionKind.Phase);
        var exactOverview = await cohort.Query.Overview();
        TransitionResult moves, again;
        CohortOverview overview;
        using (TestViews.AsAnalyst())
        {
            moves = await cohort.Query.Transitions(q, VisitChoice.Baseline, VisitChoice.Latest, TransitionKind.Phase);
            again = await cohort.Query.Transitions(q, VisitChoice.Baseline, VisitChoice.Latest, TransitionKind.Phase);
            overview = await cohort.Query.Overview();
        }
        Assert.Equal("exact", exactMoves.Disclosure);
        Assert.StartsWith("perturbed", moves.Disclosure);
        Assert.Equal(Statistics.Json(moves), Statistics.Json(again));
        var changed = 0;
        foreach (var (e, p) in exactMoves.ByPhenotype.Prepend(exactMoves.Overall).Zip(moves.ByPhenotype.Prepend(moves.Overall)))
        {
            for (var r = 0; r < e.Counts.Count; r++)
                for (var c = 0; c < e.Counts.Count; c++)
                    if (e.Counts[r][c] is { } n)
                    {
                        Assert.InRange(p.Counts[r][c]!.Value, n - 2, n + 2);
                        if (p.Counts[r][c] != n) changed++;
                    }
                    else Assert.Null(p.Counts[r][c]);
            if (e.AtRisk is { } risk) Assert.InRange(p.AtRisk!.Value, risk - 2, risk + 2);
            // Person-years move by at most three quarters of the longest interval (a few years here), rounded to three digits.
            Assert.InRange(p.PersonYears, e.PersonYears * 0.99 - 10, e.PersonYears * 1.01 + 10);
        }
        Assert.True(changed > 0, "no transition count was perturbed");

        Assert.Equal("exact", exactOverview.Disclosure);
        Assert.StartsWith("perturbed", overview.Disclosure);
        Assert.Equal(exactOverview.Participants, overview.Participants);
        Assert.Equal(exactOverview.BaselinePhases.Keys.Order(), overview.BaselinePhases.Keys.Order());
        foreach (var (phase, n) in exactOverview.BaselinePhases) Assert.InRange(overview.BaselinePhases[phase], n - 2, n + 2);
        foreach (var (category, n) in exactOverview.BaselineCategories) Assert.InRange(overview.BaselineCategories[category], n - 2, n + 2);
    }

    [Fact]
    public async Task The_same_query_gives_the_same_perturbed_answer_and_epidemiologists_see_exact_numbers()
    {
        var q = Q(CohortFilter.All);
        StratifiedDistribution first, second;
        using (TestViews.AsAnalyst())
        {
            first = await cohort.Query.Distribution(q, "homa_ir");
            second = await cohort.Query.Distribution(q, "homa_ir");
        }
        var exact = await cohort.Query.Distribution(q, "homa_ir");
        Assert.Equal(Statistics.Json(first), Statistics.Json(second));
        Assert.StartsWith("perturbed (cell key method", first.Disclosure);
        Assert.Equal("exact", exact.Disclosure);
        var truth = cohort.Participants.Where(p => p.Visits.Count > 0).Select(p => p.Visits[0].Indices.Single(i => i.Code == "homa_ir").Value).OfType<double>().ToArray();
        Assert.Equal(truth.Length, exact.Total.N);
        Assert.InRange(first.Total.N!.Value, truth.Length - 2, truth.Length + 2);
        Assert.Equal(truth.Average(), first.Total.Mean!.Value, 0.05);
        // Percentiles are rounded to three significant digits in the perturbed view.
        foreach (var p in first.Total.Percentiles!.Values) Assert.Equal(Domain.Disclosure.DisclosureControl.Round(p, 3), p);
    }
}
