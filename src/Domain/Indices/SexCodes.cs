namespace Cohort.Domain.Indices;

public static class SexCodes
{
    public static Sex Parse(string? code) => code?.Trim().ToUpperInvariant() switch
    {
        "F" or "FEMALE" or "W" or "2" => Sex.Female,
        "M" or "MALE" or "1" => Sex.Male,
        _ => Sex.Unknown,
    };

    public static string Code(this Sex sex) => sex switch { Sex.Female => "F", Sex.Male => "M", _ => "unknown" };
}
