namespace Cohort.Tests.Shared;

/// <summary>The repository this test or benchmark was built from, and the output folders of its projects.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The configuration this assembly was built in (Release or Debug), for finding the other projects' outputs.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";

    public static string Output(string project) => Path.Combine(Root, "src", project, "bin", Configuration, "net10.0");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Cohort.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("cannot find Cohort.sln above the build output folder");
    }
}
