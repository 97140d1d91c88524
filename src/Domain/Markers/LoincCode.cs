namespace Cohort.Domain.Markers;

/// <summary>
/// A LOINC term for a marker. <see cref="Unit"/> is the unit the term is reported in (mass vs molar, etc.); timed terms (e.g. 1518-0,
/// glucose 2 h after 75 g) carry the OGTT minute they imply, and fasting terms say so. Every built-in code was checked against a
/// LOINC table extract, loinc.org or the FHIR specifications; unverified codes are left out.
/// </summary>
public sealed record LoincCode(string Code, string LongName, string? Unit, int? OgttMinute = null, bool Fasting = false);
