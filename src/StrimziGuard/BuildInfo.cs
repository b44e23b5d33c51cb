using System.Reflection;

namespace StrimziGuard;

/// <summary>
/// The version and commit this binary was built from. The SDK writes them into the informational version as <c>VERSION+COMMIT</c>
/// (the commit from git through SourceRevisionId); a build without git, or with <c>-p:SourceRevisionId=</c> unset, says "unknown".
/// </summary>
internal static class BuildInfo
{
    private static readonly string Informational =
        typeof(BuildInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>The semantic version, as in the image tag and the manifests' <c>app.kubernetes.io/version</c> labels.</summary>
    public static string Version { get; } = Informational.Split('+')[0];

    /// <summary>The commit, shortened to 12 hex digits as git prints it; "unknown" when the build had none.</summary>
    public static string Commit { get; } = Informational.Split('+') is [_, var sha, ..] && sha.Length > 0 ? sha[..Math.Min(12, sha.Length)] : "unknown";

    public static string Line => $"strimzi-guard {Version} (commit {Commit})";
}
