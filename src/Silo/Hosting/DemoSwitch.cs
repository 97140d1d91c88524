namespace Cohort.Silo.Hosting;

/// <summary>Takes the `--demo` switch out of the arguments (ASP.NET Core's command-line configuration expects key/value pairs).</summary>
public static class DemoSwitch
{
    public static string[] Strip(string[] args, out bool demo)
    {
        demo = args.Contains("--demo");
        return args.Where(a => a != "--demo").ToArray();
    }
}
