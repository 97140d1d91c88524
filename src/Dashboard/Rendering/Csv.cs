using System.Globalization;
using System.Text;
using Cohort.Contracts.Queries;
using Cohort.Ingest.Files;

namespace Cohort.Dashboard.Rendering;

/// <summary>CSV downloads of exactly the numbers a page shows; a suppressed count reads "&lt;threshold", never a number.</summary>
internal static class Csv
{
    public static string Distribution(StratifiedDistribution d)
    {
        var t = d.Provenance.SuppressionThreshold;
        var sb = new StringBuilder();
        sb.AppendLine("section,stratum,name,from,to,value");
        foreach (var s in d.Strata.Prepend(d.Total))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"summary,{CsvText.Cell(s.Stratum)},n,,,{C(s.N, t)}");
            sb.AppendLine(CultureInfo.InvariantCulture, $"summary,{CsvText.Cell(s.Stratum)},missing,,,{C(s.Missing, t)}");
            sb.AppendLine(CultureInfo.InvariantCulture, $"summary,{CsvText.Cell(s.Stratum)},mean,,,{F(s.Mean)}");
            sb.AppendLine(CultureInfo.InvariantCulture, $"summary,{CsvText.Cell(s.Stratum)},sd,,,{F(s.Sd)}");
            foreach (var (name, value) in s.Percentiles ?? new Dictionary<string, double>())
                sb.AppendLine(CultureInfo.InvariantCulture, $"percentile,{CsvText.Cell(s.Stratum)},{name},,,{F(value)}");
        }
        foreach (var b in d.Total.Histogram ?? []) sb.AppendLine(CultureInfo.InvariantCulture, $"histogram,all,bin,{F(b.From)},{F(b.To)},{C(b.Count, t)}");
        Provenance(sb, d.Provenance, d.Disclosure);
        return sb.ToString();
    }

    /// <summary>An outcome's rates and rate ratios (section rate) and cumulative incidence by year (section curve), one row per stratum and year.</summary>
    public static string Outcomes(Contracts.Outcomes.OutcomeResult o)
    {
        var t = o.Provenance.SuppressionThreshold;
        var sb = new StringBuilder();
        sb.AppendLine("section,event,stratum,year,participants,events,person_years,at_risk,value,lower,upper,rate_ratio,rate_ratio_lower,rate_ratio_upper,reference");
        foreach (var r in o.Rows)
        {
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"rate,{o.Event},{CsvText.Cell(r.Stratum)},,{C(r.Participants, t)},{C(r.Events, t)},{F(r.PersonYears)},,{F(r.Rate)},{F(r.RateLower)},{F(r.RateUpper)},{F(r.RateRatio)},{F(r.RateRatioLower)},{F(r.RateRatioUpper)},{(r.Reference ? "yes" : "")}");
            foreach (var p in r.Curve)
                sb.AppendLine(CultureInfo.InvariantCulture, $"curve,{o.Event},{CsvText.Cell(r.Stratum)},{p.Year},,,,{C(p.AtRisk, t)},{F(p.Percent)},{F(p.Lower)},{F(p.Upper)},,,,");
        }
        Provenance(sb, o.Provenance, o.Disclosure);
        return sb.ToString();
    }

    public static string Prevalence(PrevalenceResult p)
    {
        var t = p.Provenance.SuppressionThreshold;
        var sb = new StringBuilder();
        sb.AppendLine("condition,visit,stratum,cases,total,proportion,lower,upper,method,standardised,std_lower,std_upper,standard,weighted,w_lower,w_upper,weight,w_se,w_df,w_reliable,w_unreliable_because,w_method,w_standardised,w_std_lower,w_std_upper");
        foreach (var e in p.Strata.Prepend(p.Total))
        {
            var w = e.Weighted;
            sb.AppendLine(CultureInfo.InvariantCulture, $"{CsvText.Cell(p.Condition)},{CsvText.Cell(p.Visit)},{CsvText.Cell(e.Stratum)},{C(e.Cases, t)},{C(e.Total, t)},{F(e.Proportion)},{F(e.Lower)},{F(e.Upper)},{CsvText.Cell(p.Method)},{F(e.AgeStandardised?.Proportion)},{F(e.AgeStandardised?.Lower)},{F(e.AgeStandardised?.Upper)},{p.Standard},{F(w?.Proportion)},{F(w?.Lower)},{F(w?.Upper)},{CsvText.Cell(p.Weight)},{F(w?.StandardError)},{w?.DegreesOfFreedom},{(w?.Reliable is { } r ? (r ? "yes" : "no") : "")},{CsvText.Cell(w?.Unreliable ?? "")},{CsvText.Cell(w?.Method ?? "")},{F(w?.Standardised)},{F(w?.StandardisedLower)},{F(w?.StandardisedUpper)}");
        }
        Provenance(sb, p.Provenance, p.Disclosure);
        return sb.ToString();
    }

    public static string Cutoffs(CutoffSensitivity c)
    {
        var t = c.Provenance.SuppressionThreshold;
        var sb = new StringBuilder();
        sb.AppendLine("cutoff_id,value,population,age_group,sex,counted_where,not_checked,applies,cases,total,not_counted,proportion,lower,upper");
        foreach (var r in c.Registry)
            sb.AppendLine(CultureInfo.InvariantCulture, $"{CsvText.Cell(r.Id)},{F(r.Value)},{CsvText.Cell(r.Population)},{CsvText.Cell(r.AgeGroup)},{r.Sex},{CsvText.Cell(string.Join("; ", r.AppliedConditions))},{CsvText.Cell(string.Join("; ", r.UncheckedConditions))},{r.Applies},{C(r.Cases, t)},{C(r.Total, t)},{C(r.NotCounted, t)},{F(r.Proportion)},{F(r.Lower)},{F(r.Upper)}");
        sb.AppendLine("local_group,n,percentile,value,lower,upper,undefined_reason");
        foreach (var l in c.Local)
            sb.AppendLine(CultureInfo.InvariantCulture, $"{l.Group},{C(l.N, t)},{F(l.Percentile)},{F(l.Value)},{F(l.Lower)},{F(l.Upper)},{CsvText.Cell(l.UndefinedReason ?? "")}");
        Provenance(sb, c.Provenance, c.Disclosure);
        return sb.ToString();
    }

    public static string Transitions(TransitionResult r)
    {
        var t = r.Provenance.SuppressionThreshold;
        var sb = new StringBuilder();
        sb.AppendLine("group,from_state,to_state,count");
        foreach (var table in r.ByPhenotype.Prepend(r.Overall))
            for (var i = 0; i < table.States.Count; i++)
                for (var j = 0; j < table.States.Count; j++)
                    sb.AppendLine(CultureInfo.InvariantCulture, $"{table.Group},{table.States[i]},{table.States[j]},{(table.Counts[i][j] is null && table.Complement?[i][j] == true ? "hidden (complement)" : C(table.Counts[i][j], t))}");
        sb.AppendLine("group,at_risk,progressions,person_years,rate_per_1000,lower,upper");
        foreach (var table in r.ByPhenotype.Prepend(r.Overall))
            sb.AppendLine(CultureInfo.InvariantCulture, $"{table.Group},{C(table.AtRisk, t)},{C(table.Progressions, t)},{F(table.PersonYears)},{F(table.RatePer1000)},{F(table.Lower)},{F(table.Upper)}");
        sb.AppendLine("group,from_state,at_risk,progressions,confirmed,regressions,confirmed_regressions,censored_person_years,confirmed_rate_per_1000,lower,upper,raw_rate_per_1000,model_rate_per_1000,model_lower,model_upper");
        foreach (var table in r.ByPhenotype.Prepend(r.Overall))
            foreach (var row in table.FromStates ?? [])
            {
                var i = table == r.Overall && r.Model is { } m ? m.States.ToList().IndexOf(row.State) : -1;
                var model = i >= 0 && i < r.Model!.RatesPer1000.Count ? $"{F(r.Model.RatesPer1000[i])},{F(r.Model.Lower[i])},{F(r.Model.Upper[i])}" : ",,";
                sb.AppendLine(CultureInfo.InvariantCulture, $"{table.Group},{row.State},{C(row.AtRisk, t)},{C(row.Progressions, t)},{C(row.Confirmed, t)},{C(row.Regressions, t)},{C(row.ConfirmedRegressions, t)},{F(row.PersonYears)},{F(row.RatePer1000)},{F(row.Lower)},{F(row.Upper)},{F(row.RawRatePer1000)},{model}");
            }
        Provenance(sb, r.Provenance, r.Disclosure);
        return sb.ToString();
    }

    /// <summary>The provenance line and how the numbers were released (exact, or perturbed by the cell key method).</summary>
    private static void Provenance(StringBuilder sb, Provenance p, string disclosure)
    {
        sb.AppendLine(CultureInfo.InvariantCulture, $"# data_version={p.DataVersion} query_hash={p.QueryHash} glucose_factor={F(p.GlucoseFactor)} insulin_factor={F(p.InsulinFactor)} rule_set={p.RuleSet} model={CsvText.Cell(p.ModelVersion)} suppression_threshold={p.SuppressionThreshold}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"# disclosure={CsvText.Cell(disclosure)}");
    }

    private static string C(long? x, int threshold) => x is { } v ? v.ToString(CultureInfo.InvariantCulture) : $"<{threshold}";

    private static string F(double? x) => x is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "";
}
