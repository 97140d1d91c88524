using Cohort.Contracts.Participants;
using Cohort.Ingest.Layouts;
using Parquet;
using Parquet.Schema;

namespace Cohort.Ingest.Ingestion;

/// <summary>
/// Reads a wide file (one row per participant and visit, one column per marker) through its mapping, unpivoted into one observation
/// per non-empty cell. The schema is checked on opening: the participant and date columns must exist with usable types, and a
/// mapped marker column must be numeric; a mapped column the file lacks is reported, not fatal (survey extracts omit some).
/// </summary>
public sealed class WideLayoutReader : IObservationSource
{
    private readonly ParquetReader _reader;
    private readonly WideMapping _mapping;
    private readonly DataField _participant;
    private readonly DataField? _date;
    private readonly (WideColumn Column, DataField Field)[] _columns;
    private readonly StringPool _ids = new();

    private WideLayoutReader(string file, ParquetReader reader, WideMapping mapping, DataField participant, DataField? date,
        (WideColumn, DataField)[] columns, IReadOnlyList<string> extra, IReadOnlyList<string> warnings)
    {
        File = file;
        (_reader, _mapping, _participant, _date, _columns) = (reader, mapping, participant, date, columns);
        ExtraColumns = extra;
        Warnings = warnings;
    }

    public string File { get; }
    public int RowGroups => _reader.RowGroupCount;
    public long Rows => _reader.RowGroups.Sum(g => g.RowCount);
    public long MaxObservations => Rows * _columns.Length;
    public long RowsIn(int rowGroup) => _reader.RowGroups[rowGroup].RowCount;
    public IReadOnlyList<string> ExtraColumns { get; }
    public IReadOnlyList<string> Warnings { get; }

    public static async Task<WideLayoutReader> OpenAsync(string path, WideMapping mapping, CancellationToken ct = default)
    {
        var name = Path.GetFileName(path);
        var reader = await ParquetFiles.OpenAsync(path, ct);
        try
        {
            var fields = reader.Schema.DataFields.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
            if (!fields.TryGetValue(mapping.ParticipantColumn, out var participant))
                throw new IngestException($"{name}: participant column '{mapping.ParticipantColumn}' named by the mapping is missing (columns present: {string.Join(", ", fields.Keys)})");
            if (!ParquetColumnReader.IsCode(participant))
                throw new IngestException($"{name}: column '{participant.Name}' has type {participant.ClrType.Name}; expected a string or integer participant id");
            DataField? date = null;
            if (mapping.DateColumn is { } dc)
            {
                if (!fields.TryGetValue(dc, out date)) throw new IngestException($"{name}: date column '{dc}' named by the mapping is missing");
                if (!ParquetColumnReader.TimeTypes.Contains(date.ClrType))
                    throw new IngestException($"{name}: column '{date.Name}' has type {date.ClrType.Name}; expected a date or timestamp");
            }
            var columns = new List<(WideColumn, DataField)>();
            var warnings = new List<string>();
            foreach (var c in mapping.Columns)
            {
                if (!fields.TryGetValue(c.Column, out var f)) { warnings.Add($"{name}: mapped column '{c.Column}' is not in the file"); continue; }
                if (!ParquetColumnReader.NumericTypes.Contains(f.ClrType))
                    throw new IngestException($"{name}: column '{f.Name}' has type {LongLayoutReader.TypeName(f)}; expected a number ({c.Marker} in {c.Unit})");
                columns.Add((c, f));
            }
            if (columns.Count == 0) throw new IngestException($"{name}: none of the mapping's marker columns is in the file");
            var known = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { mapping.ParticipantColumn };
            if (mapping.DateColumn is { } d2) known.Add(d2);
            foreach (var c in mapping.Columns) known.Add(c.Column);
            if (mapping.Demographics is { } dem)
                foreach (var c in new[] { dem.SexColumn, dem.AgeColumn, dem.BirthYearColumn, dem.EthnicityColumn, dem.SiteColumn, dem.WeightColumn,
                             dem.DiabetesDiagnosedColumn, dem.StrataColumn, dem.PsuColumn, dem.FastingWeightColumn })
                    if (c is not null) known.Add(c);
            return new WideLayoutReader(name, reader, mapping, participant, date, columns.ToArray(),
                fields.Keys.Where(k => !known.Contains(k)).ToArray(), warnings);
        }
        catch
        {
            await reader.DisposeAsync();
            throw;
        }
    }

    public async Task<ObservationBlock> ReadAsync(int rowGroup, long firstRow, CancellationToken ct = default)
    {
        try
        {
            using var rg = _reader.OpenRowGroupReader(rowGroup);
            var n = checked((int)rg.RowCount);
            var ids = await ParquetColumnReader.Codes(rg, _participant, n, _ids);
            var dates = _date is null ? null : await ParquetColumnReader.Times(rg, _date, n);
            var visitDate = _mapping.VisitDate?.ToDateTime(TimeOnly.MinValue);
            var values = new double?[_columns.Length][];
            for (var c = 0; c < _columns.Length; c++)
            {
                values[c] = await ParquetColumnReader.Numbers(rg, _columns[c].Field, n);
                if (_columns[c].Column.ValueCodes is { } codes) values[c] = WideColumn.Decode(values[c], codes);
            }
            var cells = 0;
            foreach (var v in values) cells += v.Count(x => x is not null);
            var (pid, taken, marker, value, unit, minute, fasting, column, row) = (new string?[cells], new DateTime?[cells], new string?[cells],
                new double?[cells], new string?[cells], new int?[cells], new bool?[cells], new string?[cells], new long[cells]);
            var k = 0;
            for (var i = 0; i < n; i++)
                for (var c = 0; c < _columns.Length; c++)
                {
                    if (values[c][i] is not { } x) continue;
                    var map = _columns[c].Column;
                    (pid[k], taken[k], marker[k], value[k], unit[k], minute[k], fasting[k], column[k], row[k]) =
                        (ids[i], dates is null ? visitDate : dates[i], map.Marker, x, map.Unit, map.OgttMinute, map.Fasting, map.Column, firstRow + i);
                    k++;
                }
            return new ObservationBlock
            {
                File = File,
                RowGroup = rowGroup,
                FirstRow = firstRow,
                ParticipantId = pid,
                TakenAt = taken,
                Marker = marker,
                Value = value,
                Unit = unit,
                OgttMinute = minute,
                Fasting = fasting,
                SourceColumn = column,
                SourceRow = row,
            };
        }
        catch (Exception e) when (e is not OperationCanceledException and not IngestException)
        {
            throw new IngestException($"{File}: row group {rowGroup} cannot be read (truncated or corrupt?): {e.Message}", e);
        }
    }

    /// <summary>
    /// The participants of a wide file whose mapping names demographic columns: one entry per participant, from its earliest row; the
    /// age at that visit is the age at baseline. Unknown codes stay unknown.
    /// </summary>
    public static async Task<Dictionary<string, Demographics>> ReadDemographicsAsync(string path, WideMapping mapping, CancellationToken ct = default)
    {
        var dem = mapping.Demographics ?? throw new InvalidOperationException("the mapping has no demographics");
        var name = Path.GetFileName(path);
        await using var reader = await ParquetFiles.OpenAsync(path, ct);
        var fields = reader.Schema.DataFields.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
        DataField? Field(string? column, bool numeric)
        {
            if (column is null) return null;
            if (!fields.TryGetValue(column, out var f)) throw new IngestException($"{name}: demographic column '{column}' named by the mapping is missing");
            if (numeric ? !ParquetColumnReader.NumericTypes.Contains(f.ClrType) : !ParquetColumnReader.IsCode(f))
                throw new IngestException($"{name}: column '{f.Name}' has type {f.ClrType.Name}; expected {(numeric ? "a number" : "a code or text")}");
            return f;
        }
        var participant = Field(mapping.ParticipantColumn, numeric: false)!;
        var date = mapping.DateColumn is { } dc ? fields.GetValueOrDefault(dc) : null;
        var (sexF, ageF, birthF, ethF, siteF, weightF) = (Field(dem.SexColumn, false), Field(dem.AgeColumn, true), Field(dem.BirthYearColumn, true),
            Field(dem.EthnicityColumn, false), Field(dem.SiteColumn, false), Field(dem.WeightColumn, true));
        // Questionnaire and design columns exist in some releases only (a cycle without DIQ, a file without the design variables): absent means unknown.
        DataField? Optional(string? column) => column is not null && fields.ContainsKey(column) ? Field(column, false) : null;
        var (diagnosedF, strataF, psuF) = (Optional(dem.DiabetesDiagnosedColumn), Optional(dem.StrataColumn), Optional(dem.PsuColumn));
        var fastingWeightF = dem.FastingWeightColumn is { } fw && fields.ContainsKey(fw) ? Field(fw, true) : null;
        var result = new Dictionary<string, (DateTime When, Demographics Who)>(StringComparer.Ordinal);
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var rg = reader.OpenRowGroupReader(g);
            var n = checked((int)rg.RowCount);
            var ids = await ParquetColumnReader.Codes(rg, participant, n);
            var when = date is null ? null : await ParquetColumnReader.Times(rg, date, n);
            async Task<string?[]> Codes(DataField? f) => f is null ? new string?[n] : await ParquetColumnReader.Codes(rg, f, n);
            async Task<double?[]> Numbers(DataField? f) => f is null ? new double?[n] : await ParquetColumnReader.Numbers(rg, f, n);
            var (sex, age, birth, eth, site, weight) = (await Codes(sexF), await Numbers(ageF), await Numbers(birthF), await Codes(ethF), await Codes(siteF), await Numbers(weightF));
            var (diagnosed, strata, psu, fastingWeight) = (await Codes(diagnosedF), await Codes(strataF), await Codes(psuF), await Numbers(fastingWeightF));
            for (var i = 0; i < n; i++)
            {
                if (string.IsNullOrWhiteSpace(ids[i])) continue;
                var at = when?[i] ?? DateTime.MaxValue;
                if (result.TryGetValue(ids[i]!, out var seen) && seen.When <= at) continue;
                result[ids[i]!] = (at, new Demographics
                {
                    Sex = Translate(sex[i], dem.SexCodes) is { } s ? ParticipantsReader.NormaliseSex(s) : null,
                    BirthYear = birth[i] is { } y ? (int)y : null,
                    Ethnicity = Translate(eth[i], dem.EthnicityCodes) ?? "Unknown",
                    Site = Translate(site[i], null) ?? dem.Site,
                    SurveyWeight = weight[i],
                    AgeAtBaseline = age[i],
                    DiabetesDiagnosed = YesNo(Translate(diagnosed[i], dem.DiabetesDiagnosedCodes), name, diagnosedF!, g, i),
                    DiabetesDiagnosisDate = null,
                    SurveyStrata = Translate(strata[i], null),
                    SurveyPsu = Translate(psu[i], null),
                    FastingSurveyWeight = fastingWeight[i],
                });
            }
        }
        return result.ToDictionary(kv => kv.Key, kv => kv.Value.Who, StringComparer.Ordinal);
    }

    private static bool? YesNo(string? answer, string file, DataField column, int rowGroup, int row)
    {
        try { return ParticipantsReader.YesNo(answer); }
        catch (FormatException e)
        {
            throw new IngestException($"{file}: row group {rowGroup}, row {row}: column '{column.Name}' {e.Message}; give diabetes_diagnosed_codes to translate it");
        }
    }

    private static string? Translate(string? code, IReadOnlyDictionary<string, string>? codes) =>
        string.IsNullOrWhiteSpace(code) ? null : codes is null ? code.Trim() : codes.GetValueOrDefault(code.Trim());

    public ValueTask DisposeAsync() => _reader.DisposeAsync();
}
