using Cohort.Contracts.Access;
namespace Cohort.Contracts.Phenotypes;

/// <summary>
/// The cohort's phenotype models (key 0): fits a new version on request from the shards' feature rows, keeps every version, and
/// hands the newest to the shards, which assign every participant (and later arrivals) to its nearest centroid.
/// </summary>
[Requires(Role.Epidemiologist)] // models carry unsuppressed cluster sizes; analysts read them released, through IPhenotypeReleaseGrain
[Alias("Cohort.Contracts.Phenotypes.IPhenotypeModelGrain")]
public interface IPhenotypeModelGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Fits, stores and publishes a new model version. Throws ArgumentException naming the reason when the data cannot support one.
    /// One long call (seconds at 1M participants, more on a cold or loaded cluster): callers wait up to 10 minutes, not Orleans' 30 s.
    /// </summary>
    [ResponseTimeout("00:10:00")]
    [Alias("Fit")]
    Task<PhenotypeModel> Fit(PhenotypeFitRequest request);

    /// <summary>
    /// Starts a fit as a job and returns at once: the request is checked first (an unknown feature or preset throws ArgumentException
    /// naming it), then the fit runs after any fit before it, reporting its progress to <see cref="Job"/>.
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave]
    [Alias("StartFit")]
    Task<PhenotypeFitJob> StartFit(PhenotypeFitRequest request);

    /// <summary>A fit job as far as it has got (null when unknown: never started, finished over an hour ago, or started before a restart).</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    [Alias("Job")]
    Task<PhenotypeFitJob?> Job(string id);

    /// <summary>
    /// The newest model, without asking the shards (null before the first fit). Interleaves with a running fit: shards activated by
    /// the fit's feature gathering ask for it on activation.
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave]
    [Alias("Latest")]
    Task<PhenotypeModel?> Latest();

    /// <summary>
    /// The newest model (null before the first fit) with the shards' current assignment counts. Interleaves with a running fit's
    /// training, so pages and the API answer meanwhile with the version before; waits for its publication (the shards applying the new
    /// version), during which counts would mix versions.
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave]
    [Alias("Current")]
    Task<PhenotypeModelView?> Current();

    /// <summary>A stored version (null when it does not exist); counts only for the current one. Interleaves as <see cref="Current"/>.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    [Alias("Version")]
    Task<PhenotypeModelView?> Version(int version);

    /// <summary>Every version, oldest first. Interleaves with a running fit (it only reads what is stored), so lists stay answerable.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    [Alias("List")]
    Task<IReadOnlyList<PhenotypeModel>> List();

    /// <summary>ARI between the assignments of two versions over the participants both assign. Interleaves with a running fit.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    [Alias("Compare")]
    Task<PhenotypeComparison> Compare(int versionA, int versionB);

    /// <summary>Saves (or replaces) a study's named feature set, checked as a fit would check it. Cohort's preset names are refused.</summary>
    [Alias("SavePreset")]
    Task<PhenotypePreset> SavePreset(PhenotypePreset preset);

    /// <summary>A stored version as a model file (docs/phenotype-model-format.md) another Cohort can import.</summary>
    [Alias("Export")]
    Task<string> Export(int version);

    /// <summary>
    /// Imports a model file as a new version and assigns every participant with it, without refitting; a refit on the same features,
    /// method and k is run beside it (not stored) and the ARI between the two assignments kept with the model. Throws ArgumentException
    /// listing every problem with the file (a unit that differs from this cohort's, a covariance that is not positive definite, …).
    /// </summary>
    [ResponseTimeout("00:10:00")]
    [Alias("Import")]
    Task<PhenotypeModel> Import(string json, string source);

    /// <summary>Cohort's presets, then the study's, by name (feature lists, no counts: as open as `GET /api/phenotypes/presets`).</summary>
    [Requires(Role.Analyst)]
    [Alias("Presets")]
    Task<IReadOnlyList<PhenotypePreset>> Presets();
}
