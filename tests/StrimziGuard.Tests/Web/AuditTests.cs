using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using StrimziGuard.Core.Admission;
using StrimziGuard.Web;

namespace StrimziGuard.Tests.Web;

public sealed class AuditTests
{
    [Fact]
    public async Task Every_decision_writes_one_json_line_with_the_audit_fields()
    {
        await using var server = await TestServer.StartAsync();
        var file = Path.Combine(TestServer.Reviews, "kafka-create-renewal-pitfall-dry-run.json");
        var review = JsonNode.Parse(await File.ReadAllTextAsync(file))!["request"]!;
        (await server.PostAsync("/validate/cert-lifetime", await File.ReadAllBytesAsync(file))).Dispose();
        await Eventually.True(() => server.Audit.Lines.Count == 1, "one audit line");

        var line = JsonNode.Parse(server.Audit.Lines[0])!.AsObject();
        foreach (var field in new[] { "time", "uid", "webhook", "operation", "group", "version", "kind", "namespace", "name", "user", "dryRun", "decision", "reason", "findings", "patchOps", "durationMs" })
            Assert.True(line.ContainsKey(field), $"audit line lacks {field}: {line}");
        Assert.Equal((string?)review["uid"], (string?)line["uid"]);
        Assert.Equal("/validate/cert-lifetime", (string?)line["webhook"]);
        Assert.Equal("Kafka", (string?)line["kind"]);
        Assert.Equal("denied", (string?)line["decision"]);
        Assert.True((bool)line["dryRun"]!);
        Assert.Equal((string?)review["userInfo"]!["username"], (string?)line["user"]);
        var finding = line["findings"]!.AsArray()[0]!;
        Assert.NotNull(finding["policy"]);
        Assert.Equal("denied", (string?)finding["outcome"]);
    }

    [Fact]
    public async Task A_secret_review_is_audited_without_the_secret_data()
    {
        await using var server = await TestServer.StartAsync();
        var file = Path.Combine(TestServer.Reviews, "secret-create-listener-30d.json");
        var data = JsonNode.Parse(await File.ReadAllTextAsync(file))!["request"]!["object"]!["data"]!.AsObject();
        (await server.PostAsync("/validate/cert-lifetime", await File.ReadAllBytesAsync(file))).Dispose();
        await Eventually.True(() => server.Audit.Lines.Count == 1, "one audit line");

        foreach (var (_, value) in data) Assert.DoesNotContain(((string)value!)[..40], server.Audit.Lines[0]);
    }

    [Fact]
    public async Task Rejected_input_is_audited_as_invalid()
    {
        await using var server = await TestServer.StartAsync();
        (await server.PostAsync("/validate/cert-lifetime", "[]"u8.ToArray())).Dispose();
        await Eventually.True(() => server.Audit.Lines.Count == 1, "one audit line");
        Assert.Equal("invalid", (string?)JsonNode.Parse(server.Audit.Lines[0])!["decision"]);
    }

    [Fact]
    public async Task A_stalled_output_drops_and_counts_lines_instead_of_blocking_the_writer()
    {
        var output = new GateStream();
        var audit = new AuditWriter(output, capacity: 2, NullLogger.Instance);
        for (var i = 0; i < 50; i++) audit.Write(i, static (System.Text.Json.Utf8JsonWriter json, in int n) => json.WriteNumber("n", n));

        Assert.True(audit.Dropped >= 47, $"dropped {audit.Dropped}");
        output.Open.Set();
        await audit.DisposeAsync();
        Assert.Equal(50, audit.Dropped + audit.Written);
    }

    [Fact]
    public async Task Lines_written_from_many_threads_at_once_all_reach_the_output_whole()
    {
        var output = new MemoryStream();
        var audit = new AuditWriter(output, capacity: 100_000, NullLogger.Instance);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
                audit.Write((t, i), static (System.Text.Json.Utf8JsonWriter json, in (int T, int I) n) => { json.WriteNumber("t", n.T); json.WriteNumber("i", n.I); });
        })));
        await audit.DisposeAsync();

        var lines = System.Text.Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4000, audit.Written);
        Assert.Equal(0, audit.Dropped);
        Assert.Equal(4000, lines.Select(l => ((int)JsonNode.Parse(l)!["t"]!, (int)JsonNode.Parse(l)!["i"]!)).Distinct().Count());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public async Task The_audit_reason_is_the_decisions_reason_with_every_finding(int findings)
    {
        var output = new MemoryStream();
        var audit = new AuditWriter(output, capacity: 10, NullLogger.Instance);
        var decision = new Decision
        {
            Findings = [.. Enumerable.Range(0, findings).Select(i => new PolicyFinding($"guard.policy-{i}", FindingOutcome.Allowed, $"reason \"{i}\"; with ü"))],
        };

        audit.Write(new AuditEntry("/validate/x", null, "u1", decision, "allowed", 0.001), AuditEntry.Properties);
        await audit.DisposeAsync();

        Assert.Equal(decision.Reason, (string?)JsonNode.Parse(output.ToArray())!["reason"]);
    }

    /// <summary>An output that blocks every write until opened, like a stdout pipe nobody reads.</summary>
    private sealed class GateStream : MemoryStream
    {
        public ManualResetEventSlim Open { get; } = new();

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Run(() => Open.Wait(cancellationToken), cancellationToken);
            await base.WriteAsync(buffer, cancellationToken);
        }
    }
}
