using System.Text.Json.Nodes;
using StrimziGuard.Testing;

namespace StrimziGuard.Tests.Deployment.Cel;

/// <summary>
/// The request table (<c>admission-table.json</c>) through the C# CEL engine against the rendered <c>manifests/</c>: which webhook entries
/// the API server calls for each request. <c>.ci/check-match-conditions.mjs</c> runs the same table through <c>@bufbuild/cel</c>, the
/// engine closest to the API server's cel-go; where the engines differ the table says so (<c>engineDifferences</c>).
/// </summary>
public sealed class MatchConditionTests
{
    public const string TablePath = "tests/StrimziGuard.Tests/Deployment/Cel/admission-table.json";

    private static readonly Lazy<JsonObject> Table = new(() => (JsonObject)JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine(TablePath)))!);

    private static IEnumerable<JsonObject> Rows => ((JsonArray)Table.Value["requests"]!).OfType<JsonObject>();

    public static TheoryData<string> Requests => new(Rows.Select(r => (string)r["name"]!));

    public static TheoryData<string> Differences => new(((JsonArray)Table.Value["engineDifferences"]!).Select(d => (string)d!["expression"]!));

    private static IEnumerable<string> Conditions =>
        Manifests.Webhooks().SelectMany(e => e.Webhook["matchConditions"] as JsonArray ?? []).Select(c => (string)c!["expression"]!).Distinct();

    [Theory]
    [MemberData(nameof(Requests))]
    public void Each_request_reaches_exactly_the_webhooks_the_table_lists(string name)
    {
        var row = Rows.Single(r => (string?)r["name"] == name);
        var called = AdmissionMatcher.Matching(CelRequest.FromRow(row)).Select(w => ((string)w["name"]!).Replace(".strimzi-guard.io", "", StringComparison.Ordinal));
        Assert.Equal(Manifests.Strings(row["calls"]).Order(), called.Order());
    }

    [Fact]
    public void Every_match_condition_evaluates_to_a_bool_on_every_request_of_the_table_creates_and_deletes_included()
    {
        var failures = (
            from expression in Conditions
            from row in Rows
            let outcome = CelEngine.Evaluate(expression, CelRequest.FromRow(row))
            where outcome.Error is not null
            select $"{expression} on '{row["name"]}': {outcome.Error}").ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Contains(Rows, r => r["object"] is null);
        Assert.Contains(Rows, r => r["oldObject"] is null);
    }

    [Fact]
    public void The_table_covers_every_entry_each_kind_of_writer_and_every_operation()
    {
        var entries = Manifests.Webhooks().Select(e => ((string)e.Webhook["name"]!).Replace(".strimzi-guard.io", "", StringComparison.Ordinal)).ToHashSet();
        var users = Rows.Select(r => (string)r["request"]!["userInfo"]!["username"]!).ToHashSet();
        Assert.Subset(Rows.SelectMany(r => Manifests.Strings(r["calls"])).ToHashSet(), entries);
        Assert.Subset(users, new HashSet<string>
        {
            "system:serviceaccount:strimzi:strimzi-cluster-operator", "alice@example.com", "system:serviceaccount:kube-system:replicaset-controller",
            "system:node:node-1", "system:serviceaccount:strimzi-drain-cleaner:strimzi-drain-cleaner", "system:serviceaccount:kube-system:generic-garbage-collector",
        });
        Assert.Equal(["CREATE", "DELETE", "UPDATE"], Rows.Select(r => (string)r["request"]!["operation"]!).Distinct().Order());
    }

    [Theory]
    [MemberData(nameof(Differences))]
    public void Where_the_engines_differ_the_table_says_what_the_Cel_package_answers(string expression)
    {
        var difference = ((JsonArray)Table.Value["engineDifferences"]!).OfType<JsonObject>().Single(d => (string?)d["expression"] == expression);
        var variables = ((JsonObject)difference["variables"]!).ToDictionary(v => v.Key, v => v.Value?.DeepClone());
        var (value, error) = CelEngine.Evaluate(expression, variables);
        var expected = difference["csharp"]!;
        if (expected.GetValueKind() == System.Text.Json.JsonValueKind.String)
        {
            Assert.Null(value);
            Assert.Equal((string)expected! == "not a bool", error?.StartsWith("not a bool", StringComparison.Ordinal) == true);
        }
        else
        {
            Assert.True(error is null, error);
            Assert.Equal((bool)expected, value);
        }
        Assert.NotNull(difference["why"]);
        Assert.NotNull(difference["kubernetes"]);
    }
}
