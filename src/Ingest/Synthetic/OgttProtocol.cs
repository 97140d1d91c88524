namespace Cohort.Ingest.Synthetic;

/// <summary>The OGTT a visit had.</summary>
internal enum OgttProtocol { None, FivePoint, ThreeHour, ZeroAndTwoHours }
