namespace Cohort.Grains.Tests;

/// <summary>A test class with a temporary folder of its own (for files another tool writes), deleted when the test ends.</summary>
public abstract class ScratchFolder : IDisposable
{
    protected ScratchFolder(string name)
    {
        Dir = Path.Combine(Path.GetTempPath(), $"cohort-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Dir);
    }

    protected string Dir { get; }

    public void Dispose()
    {
        Directory.Delete(Dir, recursive: true);
        GC.SuppressFinalize(this);
    }
}
