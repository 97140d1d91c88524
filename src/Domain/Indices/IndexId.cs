namespace Cohort.Domain.Indices;

/// <summary>The derived indices Cohort computes per visit. Order is stable: it indexes arrays of results.</summary>
public enum IndexId
{
    HomaIr,
    HomaBeta,
    Quicki,
    Matsuda,
    MatsudaAuc,
    Hiri,
    Misi,
    AdipoIr,
    TyG,
    TgHdl,
    Fli,
    Hsi,
    Vai,
    Lap,
    Igi,
    OralDispositionIndex,
    MetsIr,
}
