using Cohort.Contracts.Queries;

namespace Cohort.Dashboard.Rendering;

/// <summary>
/// The downloads behind the pages, as tidy tables (<see cref="CsvTable"/>): exactly the numbers a page shows, a suppressed count left
/// empty and named in the row's <c>suppressed</c> column, never a number.
/// </summary>
internal static class Csv
{
    /// <summary>A distribution: summaries and percentiles per stratum and the histogram, one statistic per row.</summary>
    public static CsvTable Distribution(StratifiedDistribution d)
    {
        var (p, x) = (d.Provenance, d.Disclosure);
        var table = new CsvTable("distribution", "section", "stratum", "name", "from", "to", "value");
        foreach (var s in d.Strata.Prepend(d.Total))
        {
            table.Row(p, x, "summary", s.Stratum, "n", null, null, new Count(s.N));
            table.Row(p, x, "summary", s.Stratum, "missing", null, null, new Count(s.Missing));
            table.Row(p, x, "summary", s.Stratum, "mean", null, null, s.Mean);
            table.Row(p, x, "summary", s.Stratum, "sd", null, null, s.Sd);
            foreach (var (name, value) in s.Percentiles ?? new Dictionary<string, double>())
                table.Row(p, x, "percentile", s.Stratum, name, null, null, value);
        }
        // The outer bins are open-ended: their outer edge is left empty.
        var bins = d.Total.Histogram ?? [];
        for (var i = 0; i < bins.Count; i++)
            table.Row(p, x, "histogram", "all", "bin", i == 0 && bins.Count > 1 ? null : bins[i].From, i == bins.Count - 1 && bins.Count > 1 ? null : bins[i].To, new Count(bins[i].Count));
        return table;
    }

    /// <summary>A trajectory: each stratum's (and everyone's) participants and quartiles at each visit, one row per stratum and visit.</summary>
    public static CsvTable Trajectory(Features.Trajectories.Trajectory t)
    {
        var table = new CsvTable("trajectory", "metric", "unit", "stratum", "visit", "participants", "p25", "p50", "p75");
        for (var v = 0; v < t.Visits.Count; v++)
        {
            var d = t.Visits[v];
            foreach (var s in d.Strata.Prepend(d.Total))
            {
                var q = Charts.TrajectoryPanel.Quartiles(s);
                table.Row(d.Provenance, d.Disclosure, t.Metric, t.Unit, ReferenceEquals(s, d.Total) ? "everyone" : s.Stratum, v + 1, new Count(s.N), q?.P25, q?.P50, q?.P75);
            }
        }
        return table;
    }

    /// <summary>An outcome's rates and rate ratios (section rate) and cumulative incidence by year (section curve), one row per stratum and year.</summary>
    public static CsvTable Outcomes(Contracts.Outcomes.OutcomeResult o)
    {
        var (p, x) = (o.Provenance, o.Disclosure);
        var table = new CsvTable("outcomes", "section", "event", "stratum", "year", "participants", "events", "person_years", "at_risk", "value", "lower", "upper",
            "rate_ratio", "rate_ratio_lower", "rate_ratio_upper", "reference");
        foreach (var r in o.Rows)
        {
            table.Row(p, x, "rate", o.Event, r.Stratum, null, new Count(r.Participants), new Count(r.Events), r.PersonYears, null, r.Rate, r.RateLower, r.RateUpper,
                r.RateRatio, r.RateRatioLower, r.RateRatioUpper, r.Reference ? "yes" : null);
            foreach (var c in r.Curve)
                table.Row(p, x, "curve", o.Event, r.Stratum, c.Year, null, null, null, new Count(c.AtRisk), c.Percent, c.Lower, c.Upper, null, null, null, null);
        }
        return table;
    }

    /// <summary>Prevalences of one or more conditions on the same query: one row per condition and stratum.</summary>
    public static CsvTable Prevalence(string name, params PrevalenceResult[] results)
    {
        var table = new CsvTable(name, "condition", "visit", "stratum", "cases", "total", "proportion", "lower", "upper", "method", "standardised", "std_lower",
            "std_upper", "standard", "weighted", "w_lower", "w_upper", "weight", "w_se", "w_df", "w_reliable", "w_unreliable_because", "w_method",
            "w_standardised", "w_std_lower", "w_std_upper");
        foreach (var r in results)
            foreach (var e in r.Strata.Prepend(r.Total))
            {
                var w = e.Weighted;
                table.Row(r.Provenance, r.Disclosure, r.Condition, r.Visit, e.Stratum, new Count(e.Cases), new Count(e.Total), e.Proportion, e.Lower, e.Upper, r.Method,
                    e.AgeStandardised?.Proportion, e.AgeStandardised?.Lower, e.AgeStandardised?.Upper, r.Standard, w?.Proportion, w?.Lower, w?.Upper,
                    r.Weight, w?.StandardError, w?.DegreesOfFreedom, w?.Reliable, w?.Unreliable, w?.Method, w?.Standardised, w?.StandardisedLower, w?.StandardisedUpper);
            }
        return table;
    }

    /// <summary>HOMA-IR under every registry cut-off, and the cohort's own percentiles.</summary>
    public static CsvTable[] Cutoffs(CutoffSensitivity c)
    {
        var (p, x) = (c.Provenance, c.Disclosure);
        var registry = new CsvTable("cutoffs", "cutoff_id", "value", "population", "age_group", "sex", "counted_where", "not_checked", "applies", "cases", "total",
            "not_counted", "proportion", "lower", "upper");
        foreach (var r in c.Registry)
            registry.Row(p, x, r.Id, r.Value, r.Population, r.AgeGroup, r.Sex?.ToString(), string.Join("; ", r.AppliedConditions), string.Join("; ", r.UncheckedConditions),
                r.Applies.ToString(), new Count(r.Cases), new Count(r.Total), new Count(r.NotCounted), r.Proportion, r.Lower, r.Upper);
        var local = new CsvTable("local_percentiles", "local_group", "n", "percentile", "value", "lower", "upper", "undefined_reason");
        foreach (var l in c.Local) local.Row(p, x, l.Group.ToString(), new Count(l.N), l.Percentile, l.Value, l.Lower, l.Upper, l.UndefinedReason);
        return [registry, local];
    }

    /// <summary>The population and release of a model's cluster sizes: model-wide, whatever the page's filters, exact with small ones suppressed.</summary>
    public const string ModelPopulation = "everyone the model assigns (filters do not apply)", ModelRelease = "exact model-wide counts, small ones suppressed";

    /// <summary>A phenotype model's clusters as released: sizes (suppressed when small), stability, tissue scores, uncertain members.</summary>
    public static CsvTable PhenotypeClusters(Contracts.Phenotypes.PhenotypesView v, Contracts.Phenotypes.PhenotypeTableResult context)
    {
        var provenance = context.Provenance with { Population = ModelPopulation };
        var table = new CsvTable("clusters", "model_version", "method", "sex", "cluster", "label", "participants_now", "in_training", "stability_jaccard", "stable",
            "hepatic", "muscle", "adipose", "uncertain_now");
        foreach (var c in v.Clusters)
            table.Row(provenance, ModelRelease, v.Version, v.Method, c.Sex, c.Number, c.Label, new Count(c.Assigned), new Count(c.TrainingSize), c.Stability, c.Stable,
                c.Hepatic, c.Muscle, c.Adipose, v.IsMixture ? new Count(c.Uncertain) : null);
        return table;
    }

    /// <summary>Participants by stratum × phenotype ("by_phase", "by_sex", …), one row per cell; a cell hidden (small, or to protect one) is empty and named.</summary>
    public static CsvTable PhenotypeTable(Contracts.Phenotypes.PhenotypeTableResult r)
    {
        // The dimension as the by= parameter spells it (curve_shape, age_band, …).
        var by = DimensionNames.ByName.Keys.FirstOrDefault(k => string.Equals(k.Replace("_", ""), r.By.Replace("_", "").Replace(" ", ""), StringComparison.OrdinalIgnoreCase))
            ?? Format.Words(r.By).Replace(' ', '_');
        var table = new CsvTable("by_" + by, "visit", by, "phenotype", "participants");
        foreach (var row in r.Rows)
        {
            for (var i = 0; i < r.Phenotypes.Count; i++)
                table.Row(r.Provenance, r.Disclosure, r.Visit, row.Stratum, r.Phenotypes[i], new Count(row.Counts[i]));
            table.Row(r.Provenance, r.Disclosure, r.Visit, row.Stratum, "all", new Count(row.Total));
        }
        return table;
    }

    /// <summary>Transition counts, progression incidence per group, and per starting state with the model's rates.</summary>
    public static CsvTable[] Transitions(TransitionResult r)
    {
        var (p, x) = (r.Provenance, r.Disclosure);
        var counts = new CsvTable("transitions", "group", "from_state", "to_state", "count");
        foreach (var table in r.ByPhenotype.Prepend(r.Overall))
            for (var i = 0; i < table.States.Count; i++)
                for (var j = 0; j < table.States.Count; j++)
                    counts.Row(p, x, table.Group, table.States[i], table.States[j], new Count(table.Counts[i][j]));
        var incidence = new CsvTable("incidence", "group", "at_risk", "progressions", "person_years", "rate_per_1000", "lower", "upper");
        foreach (var table in r.ByPhenotype.Prepend(r.Overall))
            incidence.Row(p, x, table.Group, new Count(table.AtRisk), new Count(table.Progressions), table.PersonYears, table.RatePer1000, table.Lower, table.Upper);
        var states = new CsvTable("by_starting_state", "group", "from_state", "at_risk", "progressions", "confirmed", "regressions", "confirmed_regressions",
            "censored_person_years", "confirmed_rate_per_1000", "lower", "upper", "raw_rate_per_1000", "model_rate_per_1000", "model_lower", "model_upper");
        foreach (var table in r.ByPhenotype.Prepend(r.Overall))
            foreach (var row in table.FromStates ?? [])
            {
                var i = table == r.Overall && r.Model is { } m ? m.States.ToList().IndexOf(row.State) : -1;
                var modelled = i >= 0 && i < r.Model!.RatesPer1000.Count;
                states.Row(p, x, table.Group, row.State, new Count(row.AtRisk), new Count(row.Progressions), new Count(row.Confirmed), new Count(row.Regressions),
                    new Count(row.ConfirmedRegressions), row.PersonYears, row.RatePer1000, row.Lower, row.Upper, row.RawRatePer1000,
                    modelled ? r.Model!.RatesPer1000[i] : null, modelled ? r.Model!.Lower[i] : null, modelled ? r.Model!.Upper[i] : null);
            }
        return [counts, incidence, states];
    }
}
