using Cohort.Contracts.Participants;
using Cohort.Domain.Indices;
using Cohort.Ingest.Layouts;
using Parquet;
using Parquet.Schema;

namespace Cohort.Ingest.Ingestion;

/// <summary>
/// Reads the participants file: participant_id (required) and, when present, sex, birth_year or age_at_baseline, ethnicity, site,
/// survey_weight, survey_strata and survey_psu, diabetes_diagnosed (boolean, 1/0 or yes/no) and diabetes_diagnosis_date. A missing
/// optional column means unknown for everyone, never a rejected participant; a value that cannot be read fails the run, naming it.
/// </summary>
public static class ParticipantsReader
{
    public static async Task<Dictionary<string, Demographics>> ReadAsync(string path, CancellationToken ct = default)
    {
        var name = Path.GetFileName(path);
        var reader = await ParquetFiles.OpenAsync(path, ct);
        await using (reader)
        {
            var fields = reader.Schema.DataFields.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
            if (!fields.TryGetValue(ParticipantsLayout.ParticipantId, out var idField) || !ParquetColumnReader.IsString(idField))
                throw new IngestException($"{name}: required string column '{ParticipantsLayout.ParticipantId}' is missing");
            var result = new Dictionary<string, Demographics>(StringComparer.Ordinal);
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                try
                {
                    using var rg = reader.OpenRowGroupReader(g);
                    var n = checked((int)rg.RowCount);
                    var ids = await ParquetColumnReader.Strings(rg, idField, n);
                    var sex = await OptionalStrings(rg, fields, ParticipantsLayout.Sex, n, name);
                    var birth = await OptionalNumbers(rg, fields, ParticipantsLayout.BirthYear, n, name);
                    var age = await OptionalNumbers(rg, fields, ParticipantsLayout.AgeAtBaseline, n, name);
                    var ethnicity = await OptionalStrings(rg, fields, ParticipantsLayout.Ethnicity, n, name);
                    var site = await OptionalStrings(rg, fields, ParticipantsLayout.Site, n, name);
                    var weight = await OptionalNumbers(rg, fields, ParticipantsLayout.SurveyWeight, n, name);
                    var fastingWeight = await OptionalNumbers(rg, fields, ParticipantsLayout.FastingSurveyWeight, n, name);
                    var diagnosed = await OptionalCodes(rg, fields, ParticipantsLayout.DiabetesDiagnosed, n, name);
                    var diagnosedOn = await OptionalDates(rg, fields, ParticipantsLayout.DiabetesDiagnosisDate, n, name);
                    var strata = await OptionalCodes(rg, fields, ParticipantsLayout.SurveyStrata, n, name);
                    var psu = await OptionalCodes(rg, fields, ParticipantsLayout.SurveyPsu, n, name);
                    for (var i = 0; i < n; i++)
                    {
                        if (string.IsNullOrWhiteSpace(ids[i]))
                            throw new IngestException($"{name}: row group {g}, row {i}: participant_id is empty");
                        bool? isDiagnosed;
                        try { isDiagnosed = YesNo(diagnosed[i]); }
                        catch (FormatException e) { throw new IngestException($"{name}: row group {g}, row {i}: {ParticipantsLayout.DiabetesDiagnosed} {e.Message}"); }
                        result[ids[i]!] = new Demographics
                        {
                            Sex = NormaliseSex(sex[i]),
                            BirthYear = birth[i] is { } y ? (int)y : null,
                            Ethnicity = Blank(ethnicity[i]) ?? "Unknown",
                            Site = Blank(site[i]),
                            SurveyWeight = weight[i],
                            AgeAtBaseline = age[i],
                            DiabetesDiagnosed = isDiagnosed,
                            DiabetesDiagnosisDate = diagnosedOn[i] is { } on ? DateOnly.FromDateTime(on) : null,
                            SurveyStrata = Blank(strata[i]),
                            SurveyPsu = Blank(psu[i]),
                            FastingSurveyWeight = fastingWeight[i],
                        };
                    }
                }
                catch (Exception e) when (e is not IngestException and not OperationCanceledException)
                {
                    throw new IngestException($"{name}: row group {g} cannot be read: {e.Message}", e);
                }
            }
            return result;
        }
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>A yes/no answer: true/1/yes/y, false/0/no/n (any case), empty for unknown; anything else is a FormatException.</summary>
    internal static bool? YesNo(string? s) => s?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "true" or "1" or "yes" or "y" => true,
        "false" or "0" or "no" or "n" => false,
        var other => throw new FormatException($"'{other}' is not yes/no (true, 1, yes or false, 0, no)"),
    };

    /// <summary>"F" or "M" in any spelling the Domain understands (female, W, 2, …), or null for unknown.</summary>
    internal static string? NormaliseSex(string? s) => SexCodes.Parse(s) is var sex && sex != Sex.Unknown ? sex.Code() : null;

    /// <summary>
    /// An optional column of one kind: unknown for everyone when absent; a column of another type fails the run, naming file, column
    /// and the type expected.
    /// </summary>
    private static async Task<T[]> Optional<T>(Dictionary<string, DataField> fields, string column, int n, string file, string kind,
        Func<DataField, bool> accepts, Func<DataField, Task<T[]>> read)
    {
        if (!fields.TryGetValue(column, out var f)) return new T[n];
        if (!accepts(f)) throw new IngestException($"{file}: column '{column}' has type {f.ClrType.Name}; expected {kind}");
        return await read(f);
    }

    private static Task<string?[]> OptionalStrings(ParquetRowGroupReader rg, Dictionary<string, DataField> fields, string column, int n, string file) =>
        Optional(fields, column, n, file, "a string", ParquetColumnReader.IsString, f => ParquetColumnReader.Strings(rg, f, n));

    private static Task<double?[]> OptionalNumbers(ParquetRowGroupReader rg, Dictionary<string, DataField> fields, string column, int n, string file) =>
        Optional(fields, column, n, file, "a number", f => ParquetColumnReader.NumericTypes.Contains(f.ClrType), f => ParquetColumnReader.Numbers(rg, f, n));

    private static Task<DateTime?[]> OptionalDates(ParquetRowGroupReader rg, Dictionary<string, DataField> fields, string column, int n, string file) =>
        Optional(fields, column, n, file, "a date", f => ParquetColumnReader.TimeTypes.Contains(f.ClrType), f => ParquetColumnReader.Times(rg, f, n));

    /// <summary>A code, number or boolean column as text ("true"/"false" for booleans), for yes/no answers and survey design codes.</summary>
    private static Task<string?[]> OptionalCodes(ParquetRowGroupReader rg, Dictionary<string, DataField> fields, string column, int n, string file) =>
        Optional(fields, column, n, file, "a code, a number or a boolean", f => f.ClrType == typeof(bool) || ParquetColumnReader.IsCode(f),
            async f => f.ClrType == typeof(bool)
                ? (await ParquetColumnReader.Values<bool>(rg, f, n)).Select(b => b is { } x ? (x ? "true" : "false") : null).ToArray()
                : await ParquetColumnReader.Codes(rg, f, n));
}
