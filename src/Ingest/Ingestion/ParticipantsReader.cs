using Cohort.Domain.Indices;
using Cohort.Contracts.Participants;
using Cohort.Ingest.Files;
using Cohort.Ingest.Layouts;
using Parquet;

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
                        result[ids[i]!] = new Demographics(NormaliseSex(sex[i]), birth[i] is { } y ? (int)y : null,
                            Blank(ethnicity[i]) ?? "Unknown", Blank(site[i]), weight[i], age[i],
                            isDiagnosed, diagnosedOn[i] is { } on ? DateOnly.FromDateTime(on) : null, Blank(strata[i]), Blank(psu[i]));
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

    private static async Task<string?[]> OptionalCodes(ParquetRowGroupReader rg, Dictionary<string, global::Parquet.Schema.DataField> fields, string column, int n, string file)
    {
        if (!fields.TryGetValue(column, out var f)) return new string?[n];
        if (f.ClrType == typeof(bool))
            return (await ParquetColumnReader.Values<bool>(rg, f, n)).Select(b => b is { } x ? (x ? "true" : "false") : null).ToArray();
        if (!ParquetColumnReader.IsCode(f)) throw new IngestException($"{file}: column '{column}' has type {f.ClrType.Name}; expected a code, a number or a boolean");
        return await ParquetColumnReader.Codes(rg, f, n);
    }

    private static async Task<DateTime?[]> OptionalDates(ParquetRowGroupReader rg, Dictionary<string, global::Parquet.Schema.DataField> fields, string column, int n, string file)
    {
        if (!fields.TryGetValue(column, out var f)) return new DateTime?[n];
        if (!ParquetColumnReader.TimeTypes.Contains(f.ClrType)) throw new IngestException($"{file}: column '{column}' has type {f.ClrType.Name}; expected a date");
        return await ParquetColumnReader.Times(rg, f, n);
    }

    /// <summary>"F" or "M" in any spelling the Domain understands (female, W, 2, …), or null for unknown.</summary>
    internal static string? NormaliseSex(string? s) => SexCodes.Parse(s) is var sex && sex != Sex.Unknown ? sex.Code() : null;

    private static async Task<string?[]> OptionalStrings(ParquetRowGroupReader rg, Dictionary<string, global::Parquet.Schema.DataField> fields, string column, int n, string file)
    {
        if (!fields.TryGetValue(column, out var f)) return new string?[n];
        if (!ParquetColumnReader.IsString(f)) throw new IngestException($"{file}: column '{column}' has type {f.ClrType.Name}; expected a string");
        return await ParquetColumnReader.Strings(rg, f, n);
    }

    private static async Task<double?[]> OptionalNumbers(ParquetRowGroupReader rg, Dictionary<string, global::Parquet.Schema.DataField> fields, string column, int n, string file)
    {
        if (!fields.TryGetValue(column, out var f)) return new double?[n];
        if (!ParquetColumnReader.NumericTypes.Contains(f.ClrType)) throw new IngestException($"{file}: column '{column}' has type {f.ClrType.Name}; expected a number");
        return await ParquetColumnReader.Numbers(rg, f, n);
    }
}
