namespace Cohort.Phenotyping.Features;

/// <summary>
/// The raw feature values of the participants that have a feature visit, row-major (<see cref="Count"/> × <see cref="Width"/>, NaN
/// when missing), with each row's recorded sex (Cohort.Domain.Indices.Sex ordinal), whether the feature visit is outside the diabetes
/// range (<see cref="Trains"/>: by default only such rows shape the centroids, since hyperglycaemia and its treatment distort every
/// marker; see <see cref="TrainingPopulation"/>), and how many participants had no feature visit.
/// </summary>
public sealed class FeatureTable(int width, int capacity = 1024)
{
    private float[] _values = new float[Math.Max(1, capacity) * Math.Max(1, width)];
    private byte[] _sex = new byte[Math.Max(1, capacity)];
    private bool[] _trains = new bool[Math.Max(1, capacity)];

    public int Width { get; } = width;
    public int Count { get; private set; }
    public long NoFeatureVisit { get; set; }

    public ReadOnlySpan<float> Row(int i) => _values.AsSpan(i * Width, Width);
    public byte Sex(int i) => _sex[i];
    public bool Trains(int i) => _trains[i];

    public void Add(ReadOnlySpan<float> row, byte sex, bool trains = true)
    {
        if (row.Length != Width) throw new ArgumentException($"a row has {row.Length} values; the table has {Width} features");
        if (Count == _sex.Length)
        {
            Array.Resize(ref _sex, _sex.Length * 2);
            Array.Resize(ref _trains, _sex.Length);
            Array.Resize(ref _values, _sex.Length * Width);
        }
        row.CopyTo(_values.AsSpan(Count * Width, Width));
        _trains[Count] = trains;
        _sex[Count++] = sex;
    }

    /// <summary>Appends rows given as one flat row-major block.</summary>
    public void AddRange(ReadOnlySpan<float> values, ReadOnlySpan<byte> sex, ReadOnlySpan<bool> trains)
    {
        for (var i = 0; i < sex.Length; i++) Add(values.Slice(i * Width, Width), sex[i], trains[i]);
    }
}
