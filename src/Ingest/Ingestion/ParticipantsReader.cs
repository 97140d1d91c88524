using Cohort.Domain.Indices;
using Cohort.Contracts.Participants;
using Cohort.Ingest.Files;
using Cohort.Ingest.Layouts;
using Parquet;

namespace Cohort.Ingest.Ingestion;

/// <summary>
/// Reads the participants file: participant_id (required) and, when present, sex, birth_year or age_at_baseline, ethnicity, site and
/// survey_weight. A missing optional column means unknown for everyone, never a rejected participant.
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
                    for (var i = 0; i < n; i++)
                    {
                        if (string.IsNullOrWhiteSpace(ids[i]))
                            throw new IngestException($"{name}: row group {g}, row {i}: participant_id is empty");
                        result[ids[i]!] = new Demographics(NormaliseSex(sex[i]), birth[i] is { } y ? (int)y : null,
                            Blank(ethnicity[i]) ?? "Unknown", Blank(site[i]), weight[i], age[i]);
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
