using Cohort.Domain.Phenotypes;

namespace Cohort.Ingest.Synthetic;

/// <summary>
/// The latent tissue scores (hepatic, muscle, adipose) of each phenotype before scaling by the effect size, and their mixture
/// statistics. Scores are centred on the population mean so that phenotype effects shift the markers around the target marginals
/// of docs/science.md#synthetic-cohort-targets instead of moving them.
/// </summary>
internal sealed class PhenotypeProfile
{
    private static readonly Dictionary<Phenotype, (double H, double M, double A)> Centres = new()
    {
        [Phenotype.NoRaisedTissueScore] = (-0.8, -0.8, -0.8),
        [Phenotype.HepaticDominant] = (2.0, 0.0, 0.3),
        [Phenotype.MuscleDominant] = (0.0, 2.0, 0.0),
        [Phenotype.AdiposeDominant] = (0.3, 0.0, 2.0),
        [Phenotype.Mixed] = (1.3, 1.3, 1.3),
    };

    /// <summary>Mean progression of the glycaemic stage per year, by phenotype (insulin-resistant phenotypes progress faster).</summary>
    private static readonly Dictionary<Phenotype, double> ProgressionPerYear = new()
    {
        [Phenotype.NoRaisedTissueScore] = 0.04,
        [Phenotype.HepaticDominant] = 0.16,
        [Phenotype.MuscleDominant] = 0.14,
        [Phenotype.AdiposeDominant] = 0.12,
        [Phenotype.Mixed] = 0.20,
    };

    private readonly Phenotype[] _phenotypes;
    private readonly double[] _shares;
    private readonly (double H, double M, double A)[] _centres;
    private readonly double _spread;
    private readonly double[,] _covariance = new double[3, 3];

    public PhenotypeProfile(SynthOptions options)
    {
        _phenotypes = Centres.Keys.ToArray();
        var total = _phenotypes.Sum(p => options.PhenotypeShares.GetValueOrDefault(p));
        _shares = _phenotypes.Select(p => options.PhenotypeShares.GetValueOrDefault(p) / total).ToArray();
        _spread = options.WithinPhenotypeSpread;
        var scaled = _phenotypes.Select(p => Centres[p]).Select(c => (c.H * options.EffectSize, c.M * options.EffectSize, c.A * options.EffectSize)).ToArray();
        var mean = (H: 0.0, M: 0.0, A: 0.0);
        for (var i = 0; i < scaled.Length; i++)
            mean = (mean.H + _shares[i] * scaled[i].Item1, mean.M + _shares[i] * scaled[i].Item2, mean.A + _shares[i] * scaled[i].Item3);
        _centres = scaled.Select(c => (c.Item1 - mean.H, c.Item2 - mean.M, c.Item3 - mean.A)).ToArray();
        for (var i = 0; i < _centres.Length; i++)
        {
            double[] v = [_centres[i].H, _centres[i].M, _centres[i].A];
            for (var r = 0; r < 3; r++)
                for (var c = 0; c < 3; c++)
                    _covariance[r, c] += _shares[i] * v[r] * v[c];
        }
        for (var d = 0; d < 3; d++) _covariance[d, d] += _spread * _spread;
    }

    public (Phenotype Phenotype, double H, double M, double A, double ProgressionMean) Draw(ref RandomSource rng)
    {
        var k = rng.Pick(_shares);
        var c = _centres[k];
        return (_phenotypes[k], c.H + _spread * rng.Gaussian(), c.M + _spread * rng.Gaussian(), c.A + _spread * rng.Gaussian(),
            ProgressionPerYear[_phenotypes[k]]);
    }

    /// <summary>Population variance of bh·H + bm·M + ba·A over the phenotype mixture.</summary>
    public double Variance(double bh, double bm, double ba)
    {
        double[] b = [bh, bm, ba];
        var v = 0.0;
        for (var r = 0; r < 3; r++)
            for (var c = 0; c < 3; c++)
                v += b[r] * _covariance[r, c] * b[c];
        return v;
    }
}
