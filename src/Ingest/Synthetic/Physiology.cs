using Cohort.Domain.Glycaemia;
using Cohort.Domain.Indices;
using Cohort.Domain.Phases;
using Cohort.Domain.Units;

namespace Cohort.Ingest.Synthetic;

/// <summary>
/// The generative model of one participant. Each person has latent tissue scores (hepatic H, muscle M, adipose A) drawn from their
/// phenotype, a glycaemic stage g that worsens over the years at a phenotype-dependent rate, and person-level residuals. Markers are
/// built from these on the scales of docs/science.md#synthetic-cohort-targets (skewed markers on the log scale), with the correlations it lists (waist–BMI,
/// insulin–BMI, TG–HDL, ALT–GGT). Residual spreads are solved so that the measured marginals hit the targets in docs/science.md#synthetic-cohort-targets after the phenotype
/// effects and the within-person noise (Poon 2018 CVs) are added. The truth (category, HOMA-IR, phase) is computed from the
/// noise-free values; what is written out is measured, so a participant near a threshold can be measured on either side of it.
/// </summary>
internal sealed class Physiology
{
    // Within-person (visit-to-visit) coefficients of variation: Poon 2018 where reported, docs/science.md#synthetic-cohort-targets suggestions otherwise.
    private const double CvGlucose = 0.056, CvInsulin = 0.29, CvTg = 0.21, CvHdl = 0.08, CvHbA1c = 0.02, CvAlt = 0.18, CvAst = 0.12,
        CvGgt = 0.15, CvNefa = 0.22, CvWaist = 0.02, CvWeight = 0.015, CvHeight = 0.003, CvHemoglobin = 0.03;

    private static readonly DateTime StudyStart = new(2018, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly string[] Ethnicities = ["White", "Black", "Hispanic", "Asian", "Other", "Unknown"];
    private static readonly double[] EthnicityShares = [0.55, 0.13, 0.17, 0.08, 0.04, 0.03];
    private static readonly double[] EthnicitySurveyFactor = [1.0, 1.35, 1.3, 1.5, 1.2, 1.0];
    private static readonly double[] SexShares = [0.52, 0.47, 0.01]; // female, male, unknown

    private readonly SynthOptions _options;
    private readonly PhenotypeProfile _profile;
    private readonly double _stageSd, _loadScale;
    private readonly SexParameters _female, _male;

    public Physiology(SynthOptions options)
    {
        _options = options;
        _profile = new PhenotypeProfile(options);
        // The glycaemic stage follows the participant's overall resistance load on the scale of effect size 1, so that separating the
        // phenotypes more (a larger effect size) does not change how many people have diabetes.
        var referenceLoadVariance = new PhenotypeProfile(options with { EffectSize = 1 }).Variance(1 / 3.0, 1 / 3.0, 1 / 3.0);
        var loadVariance = _profile.Variance(1 / 3.0, 1 / 3.0, 1 / 3.0);
        _loadScale = loadVariance > 0 ? Math.Sqrt(referenceLoadVariance / loadVariance) : 0;
        _stageSd = Math.Sqrt(0.55 * 0.55 * referenceLoadVariance + 0.8 * 0.8 + 0.34 * 0.34);
        _female = new SexParameters(this, female: true);
        _male = new SexParameters(this, female: false);
    }

    public SimulatedParticipant Simulate(long index)
    {
        var rng = new RandomSource(_options.Seed, (ulong)index, purpose: 1);
        var sexIndex = rng.Pick(SexShares);
        var recordedSex = sexIndex switch { 0 => Sex.Female, 1 => Sex.Male, _ => Sex.Unknown };
        var female = recordedSex == Sex.Female || (recordedSex == Sex.Unknown && rng.Chance(0.5));
        var p = female ? _female : _male;

        double age;
        do age = rng.Normal(47, 17); while (age is < 20 or > 85);
        var baseline = StudyStart.AddDays(rng.Next(730));
        var birthYear = rng.Chance(0.005) ? (int?)null : baseline.Year - (int)Math.Floor(age);
        var ethnicity = rng.Pick(EthnicityShares);
        var site = SiteProfile.All[rng.Pick(SiteProfile.Shares)].Code;
        var surveyWeight = Math.Round(1000 * EthnicitySurveyFactor[ethnicity] * (0.8 + 0.4 * rng.NextDouble()), 1);

        var (phenotype, h, m, a, progressionMean) = _profile.Draw(ref rng);
        var load = (h + m + a) / 3 * _loadScale;
        // The OGTT curves move with the latent scores on a damped scale (the hepatic score as at effect size 1, the muscle score halfway
        // on the log scale), so that the spread of 2-h glucose and the share of people with a diabetic 2-h value stay near docs/science.md#synthetic-cohort-targets
        // however far apart the phenotypes are set, while the muscle phenotype keeps its late, slow curve.
        double hc = h * _loadScale, mc = m * Math.Sqrt(_loadScale);
        var progression = rng.Exponential(progressionMean);
        var stage0 = -0.35 + 0.55 * load + 0.02 * (age - 47) + 0.8 * rng.Gaussian();

        // Person-level physiology (fixed across visits).
        var lnBmi0 = p.LnBmiMedian + p.Bmi.Of(h, m, a) + p.BmiResidual * rng.Gaussian();
        var bmiSlope = rng.Normal(0.007, 0.008);
        var zBmi = (lnBmi0 - p.LnBmiMedian) / p.LnBmiSd;
        var waist0 = p.WaistMean + 0.87 * p.WaistSd * zBmi + p.Waist.Of(h, m, a) + p.WaistResidual * rng.Gaussian();
        var height = rng.Normal(p.HeightMean, p.HeightSd);
        var hemoglobin = rng.Normal(p.HemoglobinMean, p.HemoglobinSd);
        var fastingGlucoseResidual = p.FastingGlucoseResidual * rng.Gaussian();
        var curveAmplitude = 0.5 * rng.Gaussian();
        double e30 = 0.6 * rng.Gaussian(), e60 = 0.7 * rng.Gaussian(), e90 = 0.7 * rng.Gaussian(), e120 = 0.6 * rng.Gaussian();
        var lnInsulinResidual = p.InsulinResidual * rng.Gaussian();
        double i30 = 0.25 * rng.Gaussian(), i60 = 0.25 * rng.Gaussian(), i90 = 0.25 * rng.Gaussian(), i120 = 0.25 * rng.Gaussian();
        var hba1cResidual = p.HbA1cResidual * rng.Gaussian();
        var lnTg = p.LnTgMedian + p.Tg.Of(h, m, a) + 0.15 * zBmi + p.TgResidual * rng.Gaussian();
        var zTg = (lnTg - p.LnTgMedian) / 0.5;
        var hdl = Math.Max(0.3, p.HdlMean - p.HdlOnTg * p.HdlSd * zTg + p.Hdl.Of(h, m, a) + p.HdlResidual * rng.Gaussian());
        var altResidual = p.AltResidual * rng.Gaussian();
        var zAlt = altResidual / p.AltResidual;
        var alt = Math.Exp(p.LnAltMedian + p.Alt.Of(h, m, a) + altResidual);
        var ggt = Math.Exp(p.LnGgtMedian + p.GgtOnAlt * zAlt + p.Ggt.Of(h, m, a) + p.GgtResidual * rng.Gaussian());
        var ast = Math.Exp(p.LnAstMedian + 0.175 * zAlt + p.Ast.Of(h, m, a) + p.AstResidual * rng.Gaussian());
        var nefa = Math.Max(0.08, p.NefaMean + p.Nefa.Of(h, m, a) + p.NefaResidual * rng.Gaussian());

        // What real records add (fasting status, OGTT protocols, diagnosis and treatment, anaemia, visits over several days) is drawn
        // from a stream of its own, so the physiology above and the default cohort's guarantees stay exactly as they were.
        var real = new RandomSource(_options.Seed, (ulong)index, purpose: 3);
        var anaemic = real.Chance(_options.AnaemiaShare);
        var anaemicHemoglobin = female ? real.Normal(10.6, 0.5) : real.Normal(11.4, 0.5);
        DateTime? diagnosedOn = null;
        bool onMedication = false, onInsulin = false;
        var visits = new SimulatedVisit[_options.Visits];
        var date = baseline;
        for (var v = 0; v < visits.Length; v++)
        {
            if (v > 0) date = date.AddDays(365 + rng.Next(91) - 45);
            var years = (date - baseline).TotalDays / 365.25;
            var stage = stage0 + progression * years;
            var diabetic = stage > 1.0;
            var jump = diabetic ? 1.5 + 2.5 * (stage - 1.0) : 0;

            // True (noise-free) values at this visit.
            var fpg = Math.Max(3.0, p.FastingGlucoseMean + p.FastingGlucose.Of(h, m, a) + 0.28 * stage + fastingGlucoseResidual + (diabetic ? 1.2 + 2.5 * (stage - 1.0) : 0));
            double[] trueGlucose =
            [
                fpg,
                Math.Max(2.8, fpg + 2.6 + 0.35 * hc + 0.3 * mc + 0.5 * stage + 0.6 * curveAmplitude + e30 + 0.5 * jump),
                Math.Max(2.8, fpg + 2.3 + 0.6 * mc + 0.7 * stage + 0.9 * curveAmplitude + e60 + 0.8 * jump),
                Math.Max(2.8, fpg + 1.4 + 1.15 * mc + 0.8 * stage + 0.8 * curveAmplitude + e90 + 0.9 * jump),
                Math.Max(2.8, fpg + 0.6 + 1.45 * mc + 0.1 * hc + 0.9 * stage + 0.02 * (age - 47) + 0.7 * curveAmplitude + e120 + jump),
            ];
            var lnI0 = Math.Log(60) + p.InsulinOnBmi * zBmi + p.Insulin.Of(h, m, a) + 0.12 * progression * years + lnInsulinResidual
                       - 0.3 * Math.Max(0, stage - 1.0);
            double[] trueInsulin =
            [
                Math.Exp(lnI0),
                Math.Exp(lnI0 + 1.93 - 0.25 * Math.Max(stage, 0) + 0.1 * hc + i30),
                Math.Exp(lnI0 + 2.01 + 0.1 * stage + 0.15 * mc + i60),
                Math.Exp(lnI0 + 1.83 + 0.25 * mc + 0.15 * stage + i90),
                Math.Exp(lnI0 + 1.61 + 0.35 * mc + 0.2 * stage + i120),
            ];
            var hba1cPercent = 5.42 + 0.01 * (age - 47) + 0.22 * stage + p.HbA1c.Of(h, m, a) + hba1cResidual + (diabetic ? 0.9 + 0.9 * (stage - 1.0) : 0);
            var hba1c = (Math.Max(3.5, hba1cPercent) - ConversionFactors.HbA1cIntercept) * ConversionFactors.HbA1cSlope;
            var bmi = Math.Exp(lnBmi0 + bmiSlope * years);
            var waist = Math.Max(50, waist0 + 2.5 * (bmi - Math.Exp(lnBmi0)));

            // Diagnosis: a participant whose diabetes has begun may have been diagnosed before baseline or between visits; once
            // diagnosed, most take a glucose-lowering drug and some insulin.
            if (diabetic && diagnosedOn is null && real.Chance(v == 0 ? _options.DiagnosedShare : 0.4))
            {
                diagnosedOn = v == 0 ? date.AddDays(-30 - real.Next(1800)) : date.AddDays(-real.Next(300));
                onMedication = real.Chance(0.75);
                onInsulin = real.Chance(0.2);
            }
            var diagnosed = diagnosedOn is not null;
            var category = GlycaemicClassifier.Classify(GlycaemicRuleSet.Ada2025, new ReportedValue(fpg, Unit.MmolPerL),
                new ReportedValue(trueGlucose[4], Unit.MmolPerL), anaemic ? null : new ReportedValue(hba1c, Unit.MmolPerMol),
                knownDiabetes: diagnosed).Category;
            var trueHoma = fpg * (trueInsulin[0] / ConversionFactors.InsulinWhoStandard) / 22.5;
            var phase = PhaseClassifier.Classify(category, trueHoma, null, InsulinSignalCutoff.HomaIr(_options.TruthPhaseCutoff, "synth truth"));

            // Measured values: truth × within-person noise; some samples are not taken.
            var hasOgtt = rng.Chance(_options.OgttShare);
            double[] glucose, insulin;
            if (hasOgtt)
            {
                glucose = new double[5];
                insulin = new double[5];
                var skip90 = rng.Chance(0.05);
                var noInsulinCurve = rng.Chance(0.03);
                for (var k = 0; k < 5; k++)
                {
                    glucose[k] = k == 3 && skip90 ? double.NaN : Measure(ref rng, trueGlucose[k], CvGlucose);
                    insulin[k] = (k == 3 && skip90) || (k > 0 && noInsulinCurve) ? double.NaN : Measure(ref rng, trueInsulin[k], CvInsulin);
                }
            }
            else
            {
                glucose = [Measure(ref rng, fpg, CvGlucose)];
                insulin = [Measure(ref rng, trueInsulin[0], CvInsulin)];
            }
            var protocol = hasOgtt ? OgttProtocol.FivePoint : OgttProtocol.None;
            var fasting = SampleFasting.Fasting;
            var fed = 1.0;
            if (hasOgtt && real.Chance(_options.ThreeHourOgttShare))
            {
                // The third hour: glucose falls back towards (and a little under) fasting, insulin halves every half hour or so.
                protocol = OgttProtocol.ThreeHour;
                glucose = [.. glucose, Measure(ref real, Math.Max(2.8, fpg + 0.35 * (trueGlucose[4] - fpg) - 0.2), CvGlucose),
                    Measure(ref real, Math.Max(2.8, fpg - 0.3), CvGlucose)];
                insulin = [.. insulin, Measure(ref real, trueInsulin[4] * 0.6, CvInsulin), Measure(ref real, trueInsulin[4] * 0.35, CvInsulin)];
            }
            else if (hasOgtt && real.Chance(_options.TwoPointOgttShare))
            {
                protocol = OgttProtocol.ZeroAndTwoHours;
                for (var k = 1; k <= 3; k++) glucose[k] = insulin[k] = double.NaN;
            }
            else if (!hasOgtt && real.Chance(_options.NonFastingShare))
            {
                // A sample taken after a meal: glucose and insulin as an hour into a glucose load, triglycerides a third higher.
                fasting = SampleFasting.NotFasting;
                glucose = [Measure(ref real, trueGlucose[2], CvGlucose)];
                insulin = [Measure(ref real, trueInsulin[2], CvInsulin)];
                fed = 1.35;
            }
            else if (!hasOgtt && real.Chance(_options.FastingUnknownShare)) fasting = SampleFasting.Unknown;
            var bodyDelay = real.Chance(_options.SpreadVisitShare) ? 3 + real.Next(8) : 0;
            var measuredHeight = Maybe(ref rng, 0.02, height, CvHeight);
            var measuredWeight = Maybe(ref rng, 0.02, bmi * Math.Pow(height / 100, 2), CvWeight);
            visits[v] = new SimulatedVisit
            {
                Number = v + 1, Date = date, HasOgtt = hasOgtt, TruePhase = phase, TrueCategory = category, TrueHomaIr = trueHoma,
                Glucose = glucose, Insulin = insulin,
                Ogtt = protocol, Fasting = fasting, Diagnosed = diagnosed, BodyDelayDays = bodyDelay,
                GlucoseLoweringMedication = diagnosed && onMedication, InsulinTreatment = diagnosed && onInsulin,
                // Iron deficiency raises HbA1c (ADA Standards §2): the anaemic participant's HbA1c reads about 0.5 % points high.
                HbA1c = Maybe(ref rng, 0.03, hba1c, CvHbA1c) + (anaemic ? 0.5 * ConversionFactors.HbA1cSlope : 0),
                Triglycerides = Maybe(ref rng, 0.03, Math.Exp(lnTg), CvTg) * fed,
                Hdl = Maybe(ref rng, 0.03, hdl, CvHdl),
                Alt = Maybe(ref rng, 0.03, alt, CvAlt),
                Ast = Maybe(ref rng, 0.08, ast, CvAst),
                Ggt = Maybe(ref rng, 0.05, ggt, CvGgt),
                Nefa = rng.Chance(_options.NefaShare) ? Measure(ref rng, nefa, CvNefa) : double.NaN,
                Waist = Maybe(ref rng, 0.04, waist, CvWaist),
                Height = measuredHeight,
                Weight = measuredWeight,
                Bmi = double.IsNaN(measuredWeight) || double.IsNaN(measuredHeight) ? double.NaN : measuredWeight / Math.Pow(measuredHeight / 100, 2),
                Hemoglobin = rng.Chance(0.3) ? Measure(ref rng, hemoglobin, CvHemoglobin) : double.NaN,
            };
            if (anaemic) visits[v].Hemoglobin = Measure(ref real, anaemicHemoglobin, CvHemoglobin);
        }

        return new SimulatedParticipant
        {
            Index = index,
            Id = ParticipantId(index),
            Sex = recordedSex,
            BirthYear = birthYear,
            Ethnicity = Ethnicities[ethnicity],
            Site = site,
            SurveyWeight = surveyWeight,
            // The design from a stream of its own (purpose 4), so every other draw stays as it was.
            SurveyStratum = "ST-" + site,
            SurveyPsu = new RandomSource(_options.Seed, (ulong)index, purpose: 4).Chance(0.5) ? "1" : "2",
            Phenotype = phenotype,
            HepaticScore = h,
            MuscleScore = m,
            AdiposeScore = a,
            Visits = visits,
            DiabetesDiagnosed = diagnosedOn is not null ? true : real.Chance(0.04) ? null : false,
            DiagnosisDate = diagnosedOn?.Date,
            Anaemic = anaemic,
        };
    }

    public static string ParticipantId(long index) => $"P{index + 1:D7}";

    /// <summary>Multiplicative log-normal noise with the given coefficient of variation, median-preserving.</summary>
    private static double Measure(ref RandomSource rng, double value, double cv) => value * Math.Exp(Math.Sqrt(Math.Log(1 + cv * cv)) * rng.Gaussian());

    private static double Maybe(ref RandomSource rng, double missingShare, double value, double cv) =>
        rng.Chance(missingShare) ? double.NaN : Measure(ref rng, value, cv);

    private static double NoiseVariance(double cv) => Math.Log(1 + cv * cv);

    private static double Residual(double targetVariance, double explainedVariance) =>
        Math.Sqrt(Math.Max(targetVariance - explainedVariance, 0.05 * targetVariance));

    /// <summary>
    /// How much a marker moves with the latent hepatic, muscle and adipose scores. When the phenotypes are separated so far (a large
    /// effect size) that these loadings would explain more than <see cref="MaximumShare"/> of the marker's target variance together
    /// with its other explained parts, they are scaled down to that share, so the marginals of docs/science.md#synthetic-cohort-targets still hold and the residual
    /// keeps some individual variation.
    /// </summary>
    internal readonly record struct Loading(double H, double M, double A)
    {
        public const double MaximumShare = 0.7;

        public double Of(double h, double m, double a) => H * h + M * m + A * a;

        public double Variance(PhenotypeProfile profile) => profile.Variance(H, M, A);

        public static Loading Within(PhenotypeProfile profile, double targetVariance, double otherVariance, double h, double m, double a,
            double share = MaximumShare)
        {
            var loading = new Loading(h, m, a);
            var room = share * targetVariance - otherVariance;
            var v = loading.Variance(profile);
            if (v <= room) return loading;
            var f = room > 0 ? Math.Sqrt(room / v) : 0;
            return new Loading(h * f, m * f, a * f);
        }
    }

    /// <summary>Sex-specific targets of docs/science.md#synthetic-cohort-targets and the residual spreads that reproduce them.</summary>
    private sealed class SexParameters
    {
        public readonly double LnBmiMedian, LnBmiSd, BmiResidual, WaistMean, WaistSd, WaistResidual, HeightMean, HeightSd, HemoglobinMean,
            HemoglobinSd, FastingGlucoseMean, FastingGlucoseResidual, InsulinResidual, HbA1cResidual, LnTgMedian, TgResidual, HdlMean, HdlSd,
            HdlResidual, LnAltMedian, AltResidual, LnGgtMedian, GgtResidual, LnAstMedian, AstResidual, NefaMean, NefaResidual;
        /// <summary>Direct couplings that give the correlations of docs/science.md#synthetic-cohort-targets; they shrink as the shared latent scores explain more of them.</summary>
        public readonly double InsulinOnBmi, HdlOnTg, GgtOnAlt;
        public readonly Loading Bmi, Waist, FastingGlucose, Insulin, HbA1c, Tg, Hdl, Alt, Ggt, Ast, Nefa;

        public SexParameters(Physiology owner, bool female)
        {
            var profile = owner._profile;
            // BMI: mean 29.6 ± 7.2 (women), 29.1 ± 6.0 (men), log-normal.
            var (bmiMean, bmiSd) = female ? (29.6, 7.2) : (29.1, 6.0);
            LnBmiSd = Math.Sqrt(Math.Log(1 + bmiSd * bmiSd / (bmiMean * bmiMean)));
            LnBmiMedian = Math.Log(bmiMean) - LnBmiSd * LnBmiSd / 2;
            Bmi = Loading.Within(profile, LnBmiSd * LnBmiSd, NoiseVariance(CvWeight), 0.01, 0, 0.06);
            BmiResidual = Residual(LnBmiSd * LnBmiSd, Bmi.Variance(profile) + NoiseVariance(CvWeight));
            // Waist: 98 ± 16 (women), 102 ± 15 (men); r(waist, BMI) ≈ 0.87.
            (WaistMean, WaistSd) = female ? (98.0, 16.0) : (102.0, 15.0);
            Waist = Loading.Within(profile, WaistSd * WaistSd, Math.Pow(0.87 * WaistSd, 2) + Math.Pow(CvWaist * WaistMean, 2), 0, 0, 2.5);
            WaistResidual = Residual(WaistSd * WaistSd, Math.Pow(0.87 * WaistSd, 2) + Waist.Variance(profile) + Math.Pow(CvWaist * WaistMean, 2));
            (HeightMean, HeightSd) = female ? (162.0, 7.0) : (175.5, 7.5);
            (HemoglobinMean, HemoglobinSd) = female ? (13.5, 1.0) : (15.0, 1.1);
            // Fasting glucose (non-diabetic) 5.3 ± 0.5 (women), 5.5 ± 0.55 (men).
            var fpgSd = female ? 0.50 : 0.55;
            FastingGlucoseMean = (female ? 5.3 : 5.5) + 0.28 * 0.35 - 0.05;
            FastingGlucose = Loading.Within(profile, fpgSd * fpgSd, Math.Pow(0.28 * owner._stageSd, 2) + Math.Pow(CvGlucose * 5.4, 2), 0.22, 0, 0.05);
            FastingGlucoseResidual = Residual(fpgSd * fpgSd,
                FastingGlucose.Variance(profile) + Math.Pow(0.28 * owner._stageSd, 2) + Math.Pow(CvGlucose * 5.4, 2));
            // Fasting insulin median 60 pmol/L (10 µU/mL), ln-SD 0.65, r(log insulin, BMI) ≈ 0.5.
            InsulinOnBmi = 0.325 * owner._loadScale;
            Insulin = Loading.Within(profile, 0.65 * 0.65, InsulinOnBmi * InsulinOnBmi + NoiseVariance(CvInsulin), 0.20, 0.05, 0.12);
            InsulinResidual = Residual(0.65 * 0.65, InsulinOnBmi * InsulinOnBmi + Insulin.Variance(profile) + NoiseVariance(CvInsulin));
            // HbA1c (non-diabetic) 5.4 ± 0.35 %.
            HbA1c = Loading.Within(profile, 0.35 * 0.35, Math.Pow(0.22 * owner._stageSd, 2) + Math.Pow(0.17, 2) + Math.Pow(CvHbA1c * 5.4, 2), 0.05, 0, 0);
            HbA1cResidual = Residual(0.35 * 0.35, Math.Pow(0.22 * owner._stageSd, 2) + HbA1c.Variance(profile) + Math.Pow(0.17, 2)
                + Math.Pow(CvHbA1c * 5.4, 2));
            // Triglycerides: geometric mean 1.1 (women) / 1.35 (men) mmol/L, ln-SD 0.5; r(log TG, HDL) ≈ −0.4.
            LnTgMedian = Math.Log(female ? 1.1 : 1.35);
            Tg = Loading.Within(profile, 0.25, 0.15 * 0.15 + NoiseVariance(CvTg), 0.17, 0, 0.14);
            TgResidual = Residual(0.25, Tg.Variance(profile) + 0.15 * 0.15 + NoiseVariance(CvTg));
            (HdlMean, HdlSd) = female ? (1.50, 0.40) : (1.20, 0.33);
            HdlOnTg = 0.4 * owner._loadScale;
            Hdl = Loading.Within(profile, HdlSd * HdlSd, Math.Pow(HdlOnTg * HdlSd, 2) + Math.Pow(CvHdl * HdlMean, 2), -0.03, 0, -0.07);
            HdlResidual = Residual(HdlSd * HdlSd, Math.Pow(HdlOnTg * HdlSd, 2) + Hdl.Variance(profile) + Math.Pow(CvHdl * HdlMean, 2));
            // ALT median 18/25, ln-SD 0.5; GGT 17/25, ln-SD 0.7, r(log ALT, log GGT) ≈ 0.45; AST 20/23, ln-SD 0.35.
            LnAltMedian = Math.Log(female ? 18 : 25);
            Alt = Loading.Within(profile, 0.25, NoiseVariance(CvAlt), 0.25, 0, 0.05);
            AltResidual = Residual(0.25, Alt.Variance(profile) + NoiseVariance(CvAlt));
            LnGgtMedian = Math.Log(female ? 17 : 25);
            GgtOnAlt = 0.315 * owner._loadScale * owner._loadScale;
            Ggt = Loading.Within(profile, 0.49, GgtOnAlt * GgtOnAlt + NoiseVariance(CvGgt), 0.25, 0, 0);
            GgtResidual = Residual(0.49, GgtOnAlt * GgtOnAlt + Ggt.Variance(profile) + NoiseVariance(CvGgt));
            LnAstMedian = Math.Log(female ? 20 : 23);
            Ast = Loading.Within(profile, 0.1225, 0.175 * 0.175 + NoiseVariance(CvAst), 0.08, 0, 0);
            AstResidual = Residual(0.1225, 0.175 * 0.175 + Ast.Variance(profile) + NoiseVariance(CvAst));
            // Fasting NEFA 0.55 ± 0.20 (women), 0.45 ± 0.18 (men) mmol/L.
            var nefaSd = female ? 0.20 : 0.18;
            NefaMean = female ? 0.55 : 0.45;
            Nefa = Loading.Within(profile, nefaSd * nefaSd, Math.Pow(CvNefa * NefaMean, 2), 0.02, 0, 0.07);
            NefaResidual = Residual(nefaSd * nefaSd, Nefa.Variance(profile) + Math.Pow(CvNefa * NefaMean, 2));
        }
    }
}
