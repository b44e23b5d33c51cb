using Microsoft.Extensions.Logging;
using StrimziGuard.Kubernetes.Manifests;

namespace StrimziGuard.Tests.Web;

public sealed class ConfigReloadTests
{
    private static readonly byte[] Denied = File.ReadAllBytes(Path.Combine(TestServer.Reviews, "kafka-create-defaults-365d.json"));

    [Fact]
    public async Task A_changed_config_file_takes_effect_and_a_broken_one_keeps_the_previous_config()
    {
        var config = Path.Combine(Directory.CreateTempSubdirectory("guard-config-").FullName, "config.yaml");
        await File.WriteAllTextAsync(config, "certLifetime:\n  mode: Enforce\n");
        await using var server = await TestServer.StartAsync(s => s with { ConfigFile = config, ReloadInterval = TimeSpan.FromMilliseconds(20) });
        Assert.Contains("\"allowed\":false", await Answer(server));

        await WriteAtomically(config, "certLifetime:\n  mode: Warn\n");
        await Eventually.Value(() => Answer(server), a => a.Contains("\"allowed\":true"), "the Warn mode to take effect");

        await WriteAtomically(config, "certLifetime:\n  mode: Sometimes\n");
        await Eventually.True(() => server.Server.Config.LastError is not null, "the broken reload to be noticed");
        Assert.Contains("\"allowed\":true", await Answer(server));
        Assert.Contains(server.Logs.GetSnapshot(), e => e.Level == LogLevel.Warning && e.Message.Contains("keeping the previous one"));
        Assert.Equal(0, PrometheusText.Parse(await server.MetricsText()).Sum("strimzi_guard_config_last_reload_successful"));
    }

    [Fact]
    public async Task A_reload_that_changes_the_watched_namespaces_judges_by_them_at_once_and_says_the_caches_follow_after_a_restart()
    {
        var config = Path.Combine(Directory.CreateTempSubdirectory("guard-config-").FullName, "config.yaml");
        await File.WriteAllTextAsync(config, "watchNamespaces: [kafka]\n");
        await using var server = await TestServer.StartAsync(s => s with { ConfigFile = config, ReloadInterval = TimeSpan.FromMilliseconds(20) });
        Assert.Contains("\"allowed\":false", await Answer(server));

        await WriteAtomically(config, "watchNamespaces: [kafka-dev]\n");

        await Eventually.Value(() => Answer(server), a => a.Contains("\"allowed\":true"), "the review in kafka, no longer watched, to be allowed unjudged");
        await Eventually.True(() => server.Logs.GetSnapshot().Any(e => e.Level == LogLevel.Warning && e.Message.Contains("watchNamespaces changed from kafka to kafka-dev") && e.Message.Contains("rollout restart")),
            "the warning that the caches follow after a restart");
    }

    [Fact]
    public async Task A_bad_config_file_stops_start_up_naming_the_field()
    {
        var config = Path.Combine(Directory.CreateTempSubdirectory("guard-config-").FullName, "config.yaml");
        await File.WriteAllTextAsync(config, "certLifetime:\n  maxLifetime: 10m\n");
        var e = await Assert.ThrowsAsync<ManifestException>(() => TestServer.StartAsync(s => s with { ConfigFile = config }));
        Assert.Contains("certLifetime.maxLifetime", e.Message);
    }

    [Fact]
    public async Task An_emptied_config_file_keeps_the_previous_config()
    {
        var config = Path.Combine(Directory.CreateTempSubdirectory("guard-config-").FullName, "config.yaml");
        await File.WriteAllTextAsync(config, "certLifetime:\n  mode: Warn\n");
        await using var server = await TestServer.StartAsync(s => s with { ConfigFile = config, ReloadInterval = TimeSpan.FromMilliseconds(20) });
        await WriteAtomically(config, "");
        await Eventually.True(() => server.Server.Config.LastError is not null, "the empty file to be noticed");
        Assert.Contains("\"allowed\":true", await Answer(server));
    }

    /// <summary>As a ConfigMap volume updates: the new contents appear at once, never half-written.</summary>
    private static async Task WriteAtomically(string path, string text)
    {
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }

    private static async Task<string> Answer(TestServer server)
    {
        using var response = await server.PostAsync("/validate/cert-lifetime", Denied);
        return await response.Content.ReadAsStringAsync();
    }
}
