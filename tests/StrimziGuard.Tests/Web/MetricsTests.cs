namespace StrimziGuard.Tests.Web;

public sealed class MetricsTests
{
    [Fact]
    public async Task The_metrics_text_parses_and_counts_every_review_that_was_sent()
    {
        await using var server = await TestServer.StartAsync();
        var denied = await File.ReadAllBytesAsync(Path.Combine(TestServer.Reviews, "kafka-create-defaults-365d.json"));
        var allowed = await File.ReadAllBytesAsync(Path.Combine(TestServer.Reviews, "kafka-create-compliant.json"));
        for (var i = 0; i < 3; i++) (await server.PostAsync("/validate/cert-lifetime", denied)).Dispose();
        for (var i = 0; i < 2; i++) (await server.PostAsync("/validate/cert-lifetime", allowed)).Dispose();
        (await server.PostAsync("/validate/cert-lifetime", "{"u8.ToArray())).Dispose();

        // A review is counted once its answer is written, so the client can read the answer a moment before the count lands.
        const string requests = "strimzi_guard_admission_requests_total";
        var metrics = await Eventually.Value(async () => PrometheusText.Parse(await server.MetricsText()), m => m.Sum(requests) == 6, "all six reviews counted");

        Assert.Equal("counter", metrics.Types[requests]);
        Assert.Equal(3, metrics.Sum(requests, ("webhook", "/validate/cert-lifetime"), ("operation", "CREATE"), ("kind", "Kafka"), ("decision", "denied")));
        Assert.Equal(2, metrics.Sum(requests, ("webhook", "/validate/cert-lifetime"), ("operation", "CREATE"), ("kind", "Kafka"), ("decision", "allowed")));
        Assert.Equal(1, metrics.Sum(requests, ("decision", "invalid")));

        const string duration = "strimzi_guard_admission_duration_seconds";
        Assert.Equal("histogram", metrics.Types[duration]);
        Assert.Equal(6, metrics.Sum(duration + "_count", ("webhook", "/validate/cert-lifetime")));
        Assert.Equal(6, metrics.Sum(duration + "_bucket", ("webhook", "/validate/cert-lifetime"), ("le", "+Inf")));
        Assert.Contains(metrics.Samples, s => s.Name == duration + "_bucket" && s.Labels["le"] == "0.00025");
        Assert.Contains(metrics.Samples, s => s.Name == duration + "_bucket" && s.Labels["le"] == "10");
        Assert.True(metrics.Sum(duration + "_sum") > 0);

        Assert.Equal(0, metrics.Sum("strimzi_guard_admission_in_flight_requests"));
        Assert.Equal(0, metrics.Sum("strimzi_guard_audit_lines_dropped_total"));
        Assert.Equal(1, metrics.Sum("strimzi_guard_config_last_reload_successful"));
        var notAfter = new DateTimeOffset(server.Server.Certificate.Certificate!.NotAfter.ToUniversalTime()).ToUnixTimeSeconds();
        Assert.Equal(notAfter, metrics.Sum("strimzi_guard_serving_certificate_expiry_timestamp_seconds"), 0);
        Assert.All(metrics.Types.Keys, name => Assert.Contains(name, metrics.Helps));
    }

    [Fact]
    public async Task In_Audit_mode_a_violation_is_allowed_and_counted_as_an_audited_finding()
    {
        var config = Path.Combine(Directory.CreateTempSubdirectory("audit-mode-").FullName, "config.yaml");
        await File.WriteAllTextAsync(config, "certLifetime: {mode: Audit}\n");
        await using var server = await TestServer.StartAsync(s => s with { ConfigFile = config });
        var violation = await File.ReadAllBytesAsync(Path.Combine(TestServer.Reviews, "kafka-create-defaults-365d.json"));
        using (var response = await server.PostAsync("/validate/cert-lifetime", violation))
            Assert.Contains("\"allowed\":true", await response.Content.ReadAsStringAsync());

        var metrics = await Eventually.Value(async () => PrometheusText.Parse(await server.MetricsText()),
            m => m.Sum("strimzi_guard_admission_requests_total") == 1, "the review counted");

        Assert.Equal(1, metrics.Sum("strimzi_guard_admission_requests_total", ("decision", "allowed")));
        Assert.Equal(1, metrics.Sum("strimzi_guard_policy_findings_total", ("policy", "cert-lifetime.kafka-ca"), ("outcome", "audited")));
        Assert.Equal(0, metrics.Sum("strimzi_guard_policy_findings_total", ("outcome", "denied")));
    }

    [Fact]
    public async Task The_build_info_gauge_names_the_version_and_commit_of_the_binary()
    {
        await using var server = await TestServer.StartAsync();
        var metrics = PrometheusText.Parse(await server.MetricsText());

        Assert.Equal("gauge", metrics.Types["strimzi_guard_build_info"]);
        var sample = Assert.Single(metrics.Samples, s => s.Name == "strimzi_guard_build_info");
        Assert.Equal(StrimziGuard.BuildInfo.Version, sample.Labels["version"]);
        Assert.Equal(StrimziGuard.BuildInfo.Commit, sample.Labels["commit"]);
        Assert.Equal(1, metrics.Sum("strimzi_guard_build_info"));
    }

    [Fact]
    public async Task Metrics_are_only_served_on_the_plain_http_port()
    {
        await using var server = await TestServer.StartAsync();
        using var response = await server.Client.GetAsync(server.Url("/metrics"));
        Assert.Equal(404, (int)response.StatusCode);
    }
}
