using System.Text.Json.Nodes;
using StrimziGuard.Core.Guards.CertLifetime;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Snapshots;
using StrimziGuard.Testing;

namespace StrimziGuard.Core.Tests.Guards.CertLifetime;

public sealed class CertManagerDurationPolicyTests
{
    private readonly CertManagerDurationPolicy policy = new();

    private static JsonObject Certificate(string? duration, string kind = "Certificate", JsonArray? owners = null)
    {
        var spec = new JsonObject { ["secretName"] = "tls" };
        if (duration is not null) spec["duration"] = duration;
        var meta = new JsonObject { ["name"] = "c", ["namespace"] = "kafka" };
        if (owners is not null) meta["ownerReferences"] = owners;
        return new JsonObject { ["apiVersion"] = "cert-manager.io/v1", ["kind"] = kind, ["metadata"] = meta, ["spec"] = spec };
    }

    private Core.Admission.PolicyVerdict Decide(JsonObject obj) => policy.Decide(Requests.Create(obj), ClusterSnapshot.Empty, GuardOptions.Default);

    [Theory]
    [InlineData("168h")]
    [InlineData("168h0m0s")]
    [InlineData("1h")]
    [InlineData("10080m")]
    public void Certificate_of_seven_days_or_less_passes(string duration) => Assert.Empty(Decide(Certificate(duration)).Violations);

    [Fact]
    public void Certificate_of_seven_days_and_one_second_is_denied()
    {
        var v = Assert.Single(Decide(Certificate("168h0m1s")).Violations);
        Assert.Equal("168h0m1s (7 days 1s) exceeds the 7-day limit", v.Finding);
    }

    [Fact]
    public void Certificate_of_2160_hours_is_denied()
    {
        var v = Assert.Single(Decide(Certificate("2160h0m0s")).Violations);
        Assert.Equal("[cert-lifetime] spec.duration: 2160h0m0s (90 days) exceeds the 7-day limit; set spec.duration to 168h0m0s or less and spec.renewBefore below it", v.Message);
    }

    [Fact]
    public void Certificate_without_duration_is_denied_for_cert_managers_90_day_default()
    {
        var v = Assert.Single(Decide(Certificate(null)).Violations);
        Assert.Equal("2160h0m0s (cert-manager default when unset) exceeds the 7-day limit", v.Finding);
    }

    [Theory]
    [InlineData("7d", "has an unknown unit 'd' (use h, m or s)")]
    [InlineData("abc", "needs a number before each unit")]
    [InlineData("168", "is missing a unit (use h, m or s, e.g. 168h)")]
    public void Duration_that_is_not_a_Go_duration_is_denied_with_the_reason(string duration, string reason)
    {
        var v = Assert.Single(Decide(Certificate(duration)).Violations);
        Assert.Equal($"\"{duration}\" {reason}", v.Finding);
    }

    [Fact]
    public void CertificateRequest_is_judged_like_a_Certificate()
    {
        Assert.Single(Decide(Certificate("720h", "CertificateRequest")).Violations);
    }

    [Fact]
    public void CertificateRequest_that_cert_manager_makes_for_a_Certificate_is_warned_about_not_denied()
    {
        var owners = new JsonArray(new JsonObject { ["apiVersion"] = "cert-manager.io/v1", ["kind"] = "Certificate", ["name"] = "c", ["uid"] = "1" });
        var verdict = Decide(Certificate("720h", "CertificateRequest", owners));
        Assert.Empty(verdict.Violations);
        Assert.Contains("fix the owning Certificate", Assert.Single(verdict.Notes));
    }
}
