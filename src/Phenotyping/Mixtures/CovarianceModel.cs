namespace Cohort.Phenotyping.Mixtures;

/// <summary>
/// The covariance families Cohort fits, named as mclust names them (volume, shape, orientation; E equal across components, V varying,
/// I identity): spherical EII and VII, diagonal EEI and VVI, ellipsoidal EEE and VVV. Each has a closed-form M-step. mclust's other eight
/// families (VEI, EVI, VEE, EVE, VVE, EEV, VEV, EVV) need iterative M-steps and are not fitted.
/// </summary>
public enum CovarianceModel
{
    EII,
    VII,
    EEI,
    VVI,
    EEE,
    VVV,
}

public static class CovarianceModels
{
    public static IReadOnlyList<CovarianceModel> All { get; } = Enum.GetValues<CovarianceModel>();

    public static string Code(this CovarianceModel m) => m.ToString();

    public static bool TryParse(string? code, out CovarianceModel model) =>
        Enum.TryParse(code?.Trim(), ignoreCase: true, out model) && Enum.IsDefined(model);

    /// <summary>The family in words: spherical, diagonal or ellipsoidal, with equal or varying components.</summary>
    public static string Describe(this CovarianceModel m) => m switch
    {
        CovarianceModel.EII => "spherical, equal volume",
        CovarianceModel.VII => "spherical, varying volume",
        CovarianceModel.EEI => "diagonal, equal volume and shape",
        CovarianceModel.VVI => "diagonal, varying volume and shape",
        CovarianceModel.EEE => "ellipsoidal, equal volume, shape and orientation",
        _ => "ellipsoidal, varying volume, shape and orientation",
    };

    /// <summary>Whether every component shares one covariance matrix.</summary>
    public static bool Shared(this CovarianceModel m) => m is CovarianceModel.EII or CovarianceModel.EEI or CovarianceModel.EEE;

    /// <summary>Free covariance parameters for <paramref name="d"/> variables and <paramref name="g"/> components (mclust's nVarParams).</summary>
    public static int CovarianceParameters(this CovarianceModel m, int d, int g) => m switch
    {
        CovarianceModel.EII => 1,
        CovarianceModel.VII => g,
        CovarianceModel.EEI => d,
        CovarianceModel.VVI => g * d,
        CovarianceModel.EEE => d * (d + 1) / 2,
        _ => g * d * (d + 1) / 2,
    };

    /// <summary>All free parameters: mixing proportions, means and covariances.</summary>
    public static int Parameters(this CovarianceModel m, int d, int g) => g - 1 + g * d + m.CovarianceParameters(d, g);
}
