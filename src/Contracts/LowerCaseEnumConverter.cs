using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cohort.Contracts;

/// <summary>Writes and reads an enum as its member name in lower case (snake case for names of several words), the code Cohort shows and stores.</summary>
public sealed class LowerCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum
{
    /// <summary>The code of a value, as this converter writes it.</summary>
    public static string Code(TEnum value) => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
