using System.Xml.Linq;
using StrimziGuard.Testing;

namespace StrimziGuard.Tests.Deployment;

/// <summary>
/// The runtime settings serve is built with (its csproj, which writes them into the runtimeconfig) are the ones the benchmark's
/// in-process server runs with: otherwise the benchmark measures another program.
/// </summary>
public sealed class RuntimeSettingsTests
{
    private static readonly string[] RuntimeProperties = ["ServerGarbageCollection", "ConcurrentGarbageCollection", "TieredPGO", "ThreadPoolSpinCount"];

    [Fact]
    public void The_benchmark_runs_with_the_runtime_settings_serve_is_built_with()
    {
        var serve = Settings("src", "StrimziGuard", "StrimziGuard.csproj");
        var benchmark = Settings("tests", "StrimziGuard.Benchmarks", "StrimziGuard.Benchmarks.csproj");
        Assert.Equal(serve, benchmark);
        Assert.Contains("RuntimeHostConfigurationOption System.GC.ConserveMemory", serve.Keys);
    }

    [Fact]
    public void Idle_thread_pool_workers_do_not_spin_for_work()
    {
        // On a 1-2 core pod the spinning took CPU from the reviews themselves (the csproj's comment has the figures).
        Assert.Equal("0", Settings("src", "StrimziGuard", "StrimziGuard.csproj")["ThreadPoolSpinCount"]);
    }

    private static SortedDictionary<string, string> Settings(params string[] path)
    {
        var project = XDocument.Load(RepositoryRoot.Combine(path));
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in project.Descendants().Where(e => RuntimeProperties.Contains(e.Name.LocalName)))
            settings[property.Name.LocalName] = property.Value.Trim();
        foreach (var option in project.Descendants("RuntimeHostConfigurationOption"))
            settings["RuntimeHostConfigurationOption " + (string?)option.Attribute("Include")] = (string?)option.Attribute("Value") ?? "";
        return settings;
    }
}
