using System.Reflection;
using System.Text.RegularExpressions;
using Cohort.Grains.Hosting;
using Cohort.Grains.Storage;
using Cohort.Settings;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Cohort.Grains.Tests;

/// <summary>
/// The deployment files against the code: every manifest parses; every environment variable given to a Cohort container is a setting
/// the projects read; Cohort containers use the image the Dockerfile builds and only the ports it exposes; the silo and gateway ports
/// configured are those ports; probes hit an endpoint that exists; third-party images are pinned.
/// </summary>
public sealed partial class DeploymentManifestTests
{
    private const string Image = "cohort/cohort:latest";

    private static string Root => Repository.Root;

    private static IEnumerable<string> Sources() => Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.cs", SearchOption.AllDirectories)
        .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"));

    [GeneratedRegex("\"(Cohort(?::[A-Za-z0-9]+)+)\"")]
    private static partial Regex SettingLiteral();

    [GeneratedRegex(@"public\s+\w+\??\s+(\w+)\s*\{\s*get;\s*set;")]
    private static partial Regex SettableProperty();

    /// <summary>Configuration keys the projects read: literals in the code, and the properties of the options classes bound to sections.</summary>
    private static HashSet<string> KnownKeys()
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "OTEL_EXPORTER_OTLP_ENDPOINT", "ASPNETCORE_URLS" };
        foreach (var file in Sources())
            foreach (Match m in SettingLiteral().Matches(File.ReadAllText(file))) keys.Add(m.Groups[1].Value);
        void Bound(Type t, string section)
        {
            foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite)) keys.Add($"{section}:{p.Name}");
        }
        Bound(typeof(CohortOptions), CohortOptions.Section);
        Bound(typeof(StorageOptions), CohortOptions.Section);
        Bound(typeof(IngestOptions), IngestOptions.Section);
        Bound(typeof(global::Cohort.Settings.AccessOptions), global::Cohort.Settings.AccessOptions.Section);
        Bound(typeof(global::Cohort.Settings.JwtOptions), global::Cohort.Settings.AccessOptions.Section + ":Jwt");
        Bound(typeof(global::Cohort.Grains.Access.PseudonymisationOptions), global::Cohort.Grains.Access.PseudonymisationOptions.Section);
        Bound(typeof(global::Cohort.Silo.Hosting.ClusterSettings), global::Cohort.Silo.Hosting.ClusterSettings.Section);
        Bound(typeof(global::Cohort.Silo.Hosting.ClusterSettings.MembershipSettings), global::Cohort.Silo.Hosting.ClusterSettings.Section + ":Membership");
        Bound(typeof(global::Cohort.Silo.Hosting.DemoOptions), global::Cohort.Silo.Hosting.DemoOptions.Section);
        return keys;
    }

    private static List<object> Documents(string path)
    {
        var deserializer = new DeserializerBuilder().Build();
        using var reader = new StringReader(File.ReadAllText(path));
        var parser = new MergingParser(new Parser(reader));
        parser.Consume<StreamStart>();
        var documents = new List<object>();
        while (parser.Accept<DocumentStart>(out _))
            if (deserializer.Deserialize<object>(parser) is { } d) documents.Add(d);
        return documents;
    }

    private static Dictionary<object, object> Map(object? o) => o as Dictionary<object, object> ?? [];
    private static List<object> List(object? o) => o as List<object> ?? [];
    private static object? At(object? o, params string[] path) => path.Aggregate(o, (x, k) => Map(x).GetValueOrDefault(k));

    private static IEnumerable<string> ManifestFiles() =>
        Directory.EnumerateFiles(Path.Combine(Root, "deploy"), "*.y*ml", SearchOption.AllDirectories).Order();

    private static int[] ExposedPorts() => Regex.Matches(File.ReadAllText(Path.Combine(Root, "deploy", "Dockerfile")), @"^EXPOSE\s+([\d\s]+)$", RegexOptions.Multiline)
        .SelectMany(m => m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(int.Parse).ToArray();

    /// <summary>Every container of every manifest: (file, name, image, env names and values, ports, probe paths).</summary>
    private static IEnumerable<(string File, string Name, string Image, Dictionary<string, string> Env, List<int> Ports, List<string> Probes)> Containers()
    {
        var configMaps = new Dictionary<string, Dictionary<string, string>>();
        var k8s = ManifestFiles().Where(f => f.Contains($"{Path.DirectorySeparatorChar}k8s{Path.DirectorySeparatorChar}")).ToArray();
        foreach (var file in k8s)
            foreach (var doc in Documents(file))
                if (At(doc, "kind") is "ConfigMap" or "Secret")
                    configMaps[(string)At(doc, "metadata", "name")!] = Map(At(doc, "data") ?? At(doc, "stringData")).ToDictionary(kv => (string)kv.Key, kv => kv.Value?.ToString() ?? "");
        foreach (var file in k8s)
            foreach (var doc in Documents(file).Where(d => At(d, "kind") is "Deployment"))
                foreach (var c in List(At(doc, "spec", "template", "spec", "containers")))
                {
                    var env = List(At(c, "env")).ToDictionary(e => (string)At(e, "name")!, e => At(e, "value")?.ToString() ?? "(from field)");
                    foreach (var from in List(At(c, "envFrom")))
                        foreach (var kv in configMaps.GetValueOrDefault((string?)(At(from, "configMapRef", "name") ?? At(from, "secretRef", "name")) ?? "") ?? [])
                            env[kv.Key] = kv.Value;
                    var ports = List(At(c, "ports")).Select(p => Convert.ToInt32(At(p, "containerPort"))).ToList();
                    var probes = new[] { "readinessProbe", "livenessProbe" }.Select(p => At(c, p, "httpGet", "path") as string).OfType<string>().ToList();
                    yield return (Path.GetFileName(file), (string)At(c, "name")!, (string)At(c, "image")!, env, ports, probes);
                }
        var compose = Path.Combine(Root, "deploy", "docker-compose.yml");
        foreach (var (name, service) in Map(At(Documents(compose)[0], "services")))
        {
            var env = Map(At(service, "environment")).ToDictionary(kv => (string)kv.Key, kv => kv.Value?.ToString() ?? "");
            var ports = List(At(service, "expose")).Concat(List(At(service, "ports")).Select(p => p.ToString()!.Split(':')[^1]))
                .Select(p => int.Parse(p.ToString()!)).ToList();
            var probes = List(At(service, "healthcheck", "test")).Select(t => Regex.Match(t.ToString()!, @":\d+(/[a-z]+)").Groups[1].Value).Where(p => p.Length > 0).ToList();
            yield return ("docker-compose.yml", (string)name, (string)At(service, "image")!, env, ports, probes);
        }
    }

    private static bool IsCohort(string image) => image.StartsWith("cohort/", StringComparison.Ordinal);

    [Fact]
    public void Every_manifest_parses_and_names_containers()
    {
        Assert.NotEmpty(ManifestFiles());
        foreach (var file in ManifestFiles()) Assert.NotEmpty(Documents(file));
        var containers = Containers().ToArray();
        Assert.Contains(containers, c => c.File == "silo.yaml");
        Assert.Contains(containers, c => c.File == "dashboard.yaml");
        Assert.Equal(["dashboard", "otel-collector", "postgres", "redis", "silo", "tls"], containers.Where(c => c.File == "docker-compose.yml").Select(c => c.Name).Order());
    }

    [Fact]
    public void The_image_builds_with_an_sdk_of_the_band_global_json_pins()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Root, "deploy", "Dockerfile"));
        var sdk = Regex.Match(dockerfile, @"^FROM mcr\.microsoft\.com/dotnet/sdk:(\d+)\.(\d+)\.(\d)\d\d ", RegexOptions.Multiline);
        Assert.True(sdk.Success, "the Dockerfile's SDK image must name a full SDK version (sdk:10.0.4nn)");
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "global.json")));
        var pinned = json.RootElement.GetProperty("sdk").GetProperty("version").GetString()!;
        Assert.StartsWith($"{sdk.Groups[1].Value}.{sdk.Groups[2].Value}.{sdk.Groups[3].Value}", pinned, StringComparison.Ordinal);
        Assert.Matches(@"^FROM mcr\.microsoft\.com/dotnet/aspnet:\d+\.\d+\.\d+$", dockerfile.Split('\n').Single(l => l.Contains("dotnet/aspnet", StringComparison.Ordinal)));
    }

    [Fact]
    public void Cohort_containers_use_the_image_the_Dockerfile_builds_and_third_party_images_are_pinned()
    {
        Assert.Contains($"-t {Image}", File.ReadAllText(Path.Combine(Root, "deploy", "Dockerfile")));
        foreach (var c in Containers())
        {
            if (IsCohort(c.Image)) Assert.Equal(Image, c.Image);
            else Assert.True(c.Image.Contains(':') && !c.Image.EndsWith(":latest", StringComparison.Ordinal), $"{c.File}/{c.Name}: pin {c.Image} to a version");
        }
    }

    [Fact]
    public void Every_setting_given_to_a_Cohort_container_is_one_the_projects_read()
    {
        var known = KnownKeys();
        foreach (var c in Containers().Where(c => IsCohort(c.Image)))
            foreach (var name in c.Env.Keys)
                Assert.True(known.Contains(Regex.Replace(name.Replace("__", ":"), @":\d+$", "")), $"{c.File}/{c.Name} sets {name}, which no project reads (known: {string.Join(", ", known.Order())})");
        // The settings distributed mode cannot do without are given.
        foreach (var c in Containers().Where(c => IsCohort(c.Image)))
            foreach (var required in new[] { "Cohort__Clustering", "Cohort__RedisConnectionString", "Cohort__StorageProvider", "Cohort__PostgresConnectionString",
                         "Cohort__Access__ServiceKey", "Cohort__Pseudonymisation__Key" })
                Assert.True(c.Env.ContainsKey(required), $"{c.File}/{c.Name} lacks {required}");
    }

    [Fact]
    public void Ports_and_probes_are_the_ones_the_image_exposes_and_serves()
    {
        var exposed = ExposedPorts();
        Assert.Equal([5080, 11111, 30000], exposed.Order());
        var sources = string.Concat(Sources().Select(File.ReadAllText));
        foreach (var c in Containers().Where(c => IsCohort(c.Image)))
        {
            Assert.All(c.Ports, p => Assert.Contains(p, exposed));
            if (c.Env.TryGetValue("Cohort__SiloPort", out var silo)) Assert.Contains(int.Parse(silo), exposed);
            if (c.Env.TryGetValue("Cohort__GatewayPort", out var gateway)) Assert.Contains(int.Parse(gateway), exposed);
            Assert.All(c.Probes, p => Assert.Contains($"\"{p}\"", sources));
        }
    }
}
