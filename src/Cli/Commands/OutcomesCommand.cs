using System.CommandLine;
using Cohort.Contracts;
using Cohort.Contracts.Outcomes;
using Cohort.Contracts.Queries;

namespace Cohort.Cli.Commands;

/// <summary>`cohort outcomes`: the incidence of an event by phenotype (or another stratum), with rates, curves and adjusted rate ratios.</summary>
public static class OutcomesCommand
{
    public static Command Create()
    {
        var ev = CliOptions.Required("--event", "the event: diabetes_diagnosis, insulin_start, cardiovascular_event, kidney_disease, death or a study's code", "CODE");
        var by = CliOptions.Choice("--by", "phenotype", "the strata", [.. DimensionNames.ByName.Keys.Where(k => k is not ("none" or "age_band_at_visit"))]);
        var reference = new Option<string?>("--reference") { Description = "the stratum rate ratios are against (default: the first with events)", HelpName = "STRATUM" };
        var (gateway, json) = (CliOptions.Gateway(), CliOptions.Json());
        var command = new Command("outcomes", """
            Incidence of an event from each participant's baseline visit to the event, death or last contact: per stratum the participants,
            events, person-years, rate per 1,000 person-years (exact 95% CI), Kaplan–Meier cumulative incidence at whole years, and the rate
            ratio against the reference from a Poisson model adjusted for sex, age band and baseline glycaemic category. Small counts are
            suppressed; an analyst's counts are perturbed. Any signed-in role.
            """) { ev, by, reference, gateway, json };
        command.SetAction((parse, ct) => ClusterConnection.UseAsync(parse.GetValue(gateway), async grains =>
        {
            var cutoff = (await grains.GetGrain<Contracts.Ingest.ICohortSettingsGrain>(0).Get()).PhaseCutoffHomaIr;
            var query = new CohortQuery(CohortFilter.All, VisitChoice.Baseline, DimensionNames.ByName[parse.GetValue(by)!], cutoff);
            OutcomeResult result;
            try { result = await grains.GetGrain<ICohortQueryGrain>(0).Outcomes(query, parse.GetValue(ev)!, parse.GetValue(reference)); }
            catch (ArgumentException e) { throw new CliException(e.Message); }
            if (parse.GetValue(json)) { Console.WriteLine(CohortJson.Serialize(result)); return 0; }
            var t = result.Provenance.SuppressionThreshold;
            string C(long? x) => x is { } v ? v.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : $"<{t}";
            string I(double? v, double? lo, double? hi) => v is null ? "—" : lo is null ? $"{v:0.##}" : $"{v:0.##} ({lo:0.##}–{hi:0.##})";
            Console.WriteLine($"{result.EventName} by {result.StrataBy}");
            Console.WriteLine($"{"stratum",-24} {"participants",12} {"events",8} {"person-years",13}  {"rate/1000 PY (95% CI)",-24} rate ratio (95% CI)");
            foreach (var r in result.Rows)
                Console.WriteLine($"{r.Stratum,-24} {C(r.Participants),12} {C(r.Events),8} {r.PersonYears,13:0.0}  {I(r.Rate, r.RateLower, r.RateUpper),-24} " +
                    (r.Reference ? "1 (reference)" : I(r.RateRatio, r.RateRatioLower, r.RateRatioUpper)));
            Console.WriteLine(result.Model);
            Console.WriteLine($"Follow-up: {result.FollowUp}.");
            return 0;
        }, ct));
        return command;
    }
}
