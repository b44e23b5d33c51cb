using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StrimziGuard.Testing;

namespace StrimziGuard.Tests.Deployment;

/// <summary>One version everywhere: the binary (--version, /metrics), the image the Dockerfile labels, the tag the manifests deploy and their labels.</summary>
public sealed partial class VersionTests
{
    private static string Version => StrimziGuard.BuildInfo.Version;

    [Fact]
    public void The_version_is_semantic()
    {
        Assert.Matches(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$", Version);
    }

    [Fact]
    public void Every_app_kubernetes_io_version_label_of_the_manifests_is_the_binary_version_and_the_guard_pods_carry_one()
    {
        var labelled = Manifests.All.SelectMany(Labels).Where(l => l.ContainsKey("app.kubernetes.io/version")).ToList();
        Assert.All(labelled, l => Assert.Equal(Version, (string?)l["app.kubernetes.io/version"]));
        var deployment = Manifests.Single("Deployment", "strimzi-guard");
        Assert.Equal(Version, (string?)deployment["metadata"]!["labels"]!["app.kubernetes.io/version"]);
        Assert.Equal(Version, (string?)deployment["spec"]!["template"]!["metadata"]!["labels"]!["app.kubernetes.io/version"]);
        Assert.Null(deployment["spec"]!["selector"]!["matchLabels"]!["app.kubernetes.io/version"]);
    }

    [Fact]
    public void The_manifests_deploy_the_image_tag_of_the_binary_version()
    {
        Assert.EndsWith($":{Version}", (string)Manifests.Container["image"]!);
    }

    [Fact]
    public void The_Dockerfile_labels_the_image_with_the_binary_version()
    {
        var dockerfile = File.ReadAllText(RepositoryRoot.Combine("src", "StrimziGuard", "Dockerfile"));
        Assert.Equal(Version, DefaultVersion().Match(dockerfile).Groups["version"].Value);
        Assert.Contains("org.opencontainers.image.version=\"${VERSION}\"", dockerfile);
    }

    private static IEnumerable<JsonObject> Labels(JsonObject obj)
    {
        if (obj["metadata"]?["labels"] is JsonObject labels) yield return labels;
        if (obj["spec"]?["template"]?["metadata"]?["labels"] is JsonObject template) yield return template;
    }

    [GeneratedRegex(@"^ARG VERSION=(?<version>\S+)$", RegexOptions.Multiline)]
    private static partial Regex DefaultVersion();
}
