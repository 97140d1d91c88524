using Cohort.Phenotyping.Validation;

namespace Cohort.Phenotyping.Tests;

/// <summary>The supervised ceiling: a cross-validated classifier on separable classes recovers them; on pure noise it recovers nothing.</summary>
public sealed class CeilingTests
{
    [Fact]
    public void A_cross_validated_classifier_recovers_separable_classes_and_not_noise()
    {
        var rng = new Random(3);
        double G() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var truth = Enumerable.Range(0, 900).Select(i => i % 3).ToArray();
        var separated = truth.Select(c => new[] { (float)(4 * c + G()), (float)(c == 1 ? 4 + G() : G()) }).ToArray();
        var good = SupervisedCeiling.CrossValidated(separated, truth);
        Assert.True(good.Accuracy > 0.95, $"accuracy {good.Accuracy:P1}");
        Assert.True(good.Ari > 0.85, $"ARI {good.Ari:0.000}");
        var noise = truth.Select(_ => new[] { (float)G(), (float)G() }).ToArray();
        var none = SupervisedCeiling.CrossValidated(noise, truth);
        Assert.InRange(none.Ari, -0.02, 0.02);
        Assert.Equal(900, none.N);
    }
}
