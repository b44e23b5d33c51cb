using System.Text.RegularExpressions;
using StrimziGuard.Core.Options;

namespace StrimziGuard.Core.Tests;

public sealed class PolicyCatalogTests
{
    [Fact]
    public void Duplicate_policy_id_is_a_start_up_error()
    {
        var policy = PolicyCatalog.Default.Policies[0];
        var e = Assert.Throws<InvalidOperationException>(() => new PolicyCatalog([policy, policy]));
        Assert.Contains(policy.Metadata.Id, e.Message);
    }

    [Fact]
    public void Every_policy_id_is_a_valid_audit_annotation_key()
    {
        // The API server prefixes the key with the webhook name; the key itself must be a qualified name without a prefix.
        var qualifiedName = new Regex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$");
        Assert.All(PolicyCatalog.Default.Policies, p => Assert.True(qualifiedName.IsMatch(p.Metadata.Id) && p.Metadata.Id.Length <= 63, p.Metadata.Id));
    }

    [Fact]
    public void Every_policy_belongs_to_a_known_guard_and_names_it_as_its_id_prefix() =>
        Assert.All(PolicyCatalog.Default.Policies, p =>
        {
            Assert.Contains(p.Metadata.Guard, new[] { GuardIds.CertLifetime, GuardIds.CaGeneration, GuardIds.AgentPort });
            Assert.StartsWith(p.Metadata.Guard + ".", p.Metadata.Id);
        });

    [Fact]
    public void Webhook_paths_are_one_per_guard_and_kind()
    {
        Assert.Contains(PolicyCatalog.Default.Webhooks, w => w.Path == "/validate/cert-lifetime");
        Assert.Contains(PolicyCatalog.Default.Webhooks, w => w.Path == "/mutate/cert-lifetime");
        Assert.Equal(PolicyCatalog.Default.Webhooks.Count, PolicyCatalog.Default.Webhooks.Distinct().Count());
    }
}
