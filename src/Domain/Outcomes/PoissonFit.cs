namespace Cohort.Domain.Outcomes;

/// <summary>
/// A fitted Poisson log-linear model: coefficients (intercept first) with their standard errors from the inverse information, the
/// deviance and its degrees of freedom, and how many IRLS iterations it took.
/// </summary>
public sealed record PoissonFit(double[] Coefficients, double[] StandardErrors, double Deviance, int DegreesOfFreedom, int Iterations)
{
    /// <summary>exp(β) of coefficient <paramref name="index"/> with its Wald interval exp(β ± z·se).</summary>
    public (double Ratio, double Lower, double Upper) RateRatio(int index, double confidence = 0.95)
    {
        var z = Statistics.SpecialFunctions.NormalQuantile(1 - (1 - confidence) / 2);
        var b = Coefficients[index];
        var se = StandardErrors[index];
        return (Math.Exp(b), Math.Exp(b - z * se), Math.Exp(b + z * se));
    }
}
