using Cohort.Ingest.Ingestion;

namespace Cohort.Ingest.Layouts;

/// <summary>Mappings shipped with Cohort (by name: <c>nhanes</c>) and mapping files (by path).</summary>
public static class MappingLibrary
{
    public static IReadOnlyList<string> BuiltIn { get; } = ["nhanes"];

    /// <summary>
    /// Loads a built-in mapping by name or a JSON file by path; errors name the mapping. For a long file only the aliases of a mapping
    /// are used, so a long-layout mapping file may hold nothing else.
    /// </summary>
    public static WideMapping Load(string nameOrPath)
    {
        string json, source;
        if (BuiltIn.Contains(nameOrPath))
        {
            using var stream = typeof(MappingLibrary).Assembly.GetManifestResourceStream($"Cohort.Ingest.Layouts.Mappings.{nameOrPath}.json")
                ?? throw new InvalidOperationException($"built-in mapping {nameOrPath} is missing from the assembly");
            json = new StreamReader(stream).ReadToEnd();
            source = $"mapping {nameOrPath}";
        }
        else
        {
            if (!File.Exists(nameOrPath))
                throw new IngestException($"mapping '{nameOrPath}' is neither a built-in mapping ({string.Join(", ", BuiltIn)}) nor an existing file");
            json = File.ReadAllText(nameOrPath);
            source = Path.GetFileName(nameOrPath);
        }
        WideMapping mapping;
        try
        {
            mapping = WideMapping.FromJson(json);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new IngestException($"{source}: not a valid mapping: {e.Message}", e);
        }
        return mapping;
    }
}
