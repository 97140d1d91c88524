namespace Cohort.Domain.Progression;

/// <summary>
/// A discrete-time hidden Markov model of progression through ordered states with misclassification, fitted by EM (Baum–Welch) on
/// observed state sequences — the model R's <c>msm</c> fits in continuous time with an <c>ematrix</c>, here with one step per visit
/// interval. Assumptions, stated with every result: the true state is Markov (the next depends only on the current), homogeneous over
/// time, progressive (no true regression); visits are equally spaced (rates use the mean interval) and not scheduled because of the
/// state; and a visit's misclassification depends only on its true state and is independent between visits given it. Start values
/// are fixed (mostly staying, 80% correct classification), so the same data always give the same fit.
/// </summary>
public static class HiddenMarkovProgression
{
    public static ProgressionFit Fit(IReadOnlyList<ObservedSequence> sequences, int states, int maxIterations = 2000, double tolerance = 1e-10,
        ProgressionFit? start = null)
    {
        if (states < 2) throw new ArgumentOutOfRangeException(nameof(states), states, "at least two states");
        foreach (var s in sequences)
            if (s.States.Any(x => x < -1 || x >= states)) throw new ArgumentException($"a state outside −1..{states - 1}", nameof(sequences));
        var pi = start?.Initial.ToArray() ?? Enumerable.Repeat(1.0 / states, states).ToArray();
        var p = start is null ? StartTransition(states) : (double[,])start.Transition.Clone();
        var e = start is null ? StartMisclassification(states) : (double[,])start.Misclassification.Clone();
        var previous = double.NegativeInfinity;
        var ll = double.NegativeInfinity;
        for (var iteration = 1; iteration <= maxIterations; iteration++)
        {
            var piN = new double[states];
            var pN = new double[states, states];
            var eN = new double[states, states];
            ll = 0;
            foreach (var s in sequences)
                if (s.Count > 0 && s.States.Count > 0) ll += s.Count * Accumulate(s.States, pi, p, e, piN, pN, eN, s.Count);
            var total = piN.Sum();
            for (var i = 0; i < states; i++) pi[i] = piN[i] / total;
            for (var i = 0; i < states; i++)
            {
                double rowP = 0, rowE = 0;
                for (var j = 0; j < states; j++) { rowP += pN[i, j]; rowE += eN[i, j]; }
                for (var j = 0; j < states; j++)
                {
                    if (rowP > 0) p[i, j] = pN[i, j] / rowP;
                    if (rowE > 0) e[i, j] = eN[i, j] / rowE;
                }
            }
            if (ll - previous < tolerance * Math.Max(1, Math.Abs(ll))) return new ProgressionFit(pi, p, e, ll, iteration, true);
            previous = ll;
        }
        return new ProgressionFit(pi, p, e, ll, maxIterations, false);
    }

    /// <summary>The log-likelihood of one sequence under given parameters (the forward recursion; unknown visits emit with probability 1).</summary>
    public static double LogLikelihood(IReadOnlyList<int> observed, IReadOnlyList<double> initial, double[,] transition, double[,] misclassification)
    {
        var n = initial.Count;
        return Accumulate(observed, initial.ToArray(), transition, misclassification, new double[n], new double[n, n], new double[n, n], 0);
    }

    private static double StartTransition(int n, int i, int j) => j < i ? 0 : i == n - 1 ? 1 : i == j ? 0.85 : 0.15 / (n - 1 - i);

    private static double[,] StartTransition(int n)
    {
        var p = new double[n, n];
        for (var i = 0; i < n; i++) for (var j = 0; j < n; j++) p[i, j] = StartTransition(n, i, j);
        return p;
    }

    private static double[,] StartMisclassification(int n)
    {
        var e = new double[n, n];
        for (var i = 0; i < n; i++) for (var j = 0; j < n; j++) e[i, j] = i == j ? 0.8 : 0.2 / (n - 1);
        return e;
    }

    /// <summary>Forward–backward with scaling for one sequence: adds its expected counts (× weight) and returns its log-likelihood.</summary>
    private static double Accumulate(IReadOnlyList<int> o, double[] pi, double[,] p, double[,] e, double[] piN, double[,] pN, double[,] eN, double weight)
    {
        int t = o.Count, n = pi.Length;
        var a = new double[t, n];
        var b = new double[t, n];
        var scale = new double[t];
        double Emit(int s, int x) => x < 0 ? 1 : e[s, x];
        for (var s = 0; s < n; s++) a[0, s] = pi[s] * Emit(s, o[0]);
        Normalise(a, scale, 0, n);
        for (var k = 1; k < t; k++)
        {
            for (var s = 0; s < n; s++)
            {
                double x = 0;
                for (var q = 0; q <= s; q++) x += a[k - 1, q] * p[q, s];
                a[k, s] = x * Emit(s, o[k]);
            }
            Normalise(a, scale, k, n);
        }
        for (var s = 0; s < n; s++) b[t - 1, s] = 1;
        for (var k = t - 2; k >= 0; k--)
            for (var s = 0; s < n; s++)
            {
                double x = 0;
                for (var q = s; q < n; q++) x += p[s, q] * Emit(q, o[k + 1]) * b[k + 1, q];
                b[k, s] = x / scale[k + 1];
            }
        var ll = 0.0;
        for (var k = 0; k < t; k++) ll += Math.Log(scale[k]);
        if (weight <= 0) return ll;
        for (var k = 0; k < t; k++)
            for (var s = 0; s < n; s++)
            {
                var gamma = a[k, s] * b[k, s] * weight;
                if (k == 0) piN[s] += gamma;
                if (o[k] >= 0) eN[s, o[k]] += gamma;
                if (k + 1 < t)
                    for (var q = s; q < n; q++) pN[s, q] += a[k, s] * p[s, q] * Emit(q, o[k + 1]) * b[k + 1, q] / scale[k + 1] * weight;
            }
        return ll;
    }

    private static void Normalise(double[,] a, double[] scale, int k, int n)
    {
        double sum = 0;
        for (var s = 0; s < n; s++) sum += a[k, s];
        scale[k] = sum > 0 ? sum : 1e-300;
        for (var s = 0; s < n; s++) a[k, s] /= scale[k];
    }
}
