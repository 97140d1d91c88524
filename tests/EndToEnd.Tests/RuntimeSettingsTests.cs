using System.Text.Json;

namespace Cohort.EndToEnd.Tests;

/// <summary>
/// The runtime settings a host carries in its build (src/JitTiers.props, docs/operations.md): a build that lost one would still work,
/// and ingest more slowly with nothing failing, so the built hosts' runtime configuration is read here.
/// </summary>
public sealed class RuntimeSettingsTests
{
    [Theory]
    [InlineData("Silo", "Cohort.Silo")]
    [InlineData("Cli", "cohort")]
    public void A_host_is_built_with_the_jit_tiers_its_ingest_was_measured_with(string project, string assembly)
    {
        var settings = ConfigProperties(project, assembly);
        Assert.False(settings.GetProperty("System.Runtime.TieredPGO").GetBoolean());
        Assert.Equal(0, settings.GetProperty("System.Runtime.TieredCompilation.CallCountingDelayMs").GetInt32());
        Assert.Equal(512, settings.GetProperty("System.Runtime.TieredCompilation.CallCountThreshold").GetInt32());
    }

    [Fact]
    public void The_silo_is_built_with_server_collections_and_no_background_ones()
    {
        var settings = ConfigProperties("Silo", "Cohort.Silo");
        Assert.True(settings.GetProperty("System.GC.Server").GetBoolean());
        Assert.False(settings.GetProperty("System.GC.Concurrent").GetBoolean());
    }

    private static JsonElement ConfigProperties(string project, string assembly)
    {
        var path = Path.Combine(Processes.Output(project), assembly + ".runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        return config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }
}
