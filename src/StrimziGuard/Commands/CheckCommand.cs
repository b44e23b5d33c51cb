using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using StrimziGuard.Core;
using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Api;
using StrimziGuard.Kubernetes.Manifests;

namespace StrimziGuard.Commands;

/// <summary>
/// <c>check PATH... [--cluster-state PATH] [--config FILE] [--as USER] [--output table|json]</c>: judges every object in manifests
/// as a CREATE by USER, through the same dispatcher the webhook uses, so CI and the cluster give the same verdict.
/// </summary>
internal static class CheckCommand
{
    public const string DefaultUser = "strimzi-guard-check";

    public static Command Create(CliConsole console)
    {
        var paths = CliOptions.Paths("PATH", "YAML/JSON files and directories of manifests", ArgumentArity.ZeroOrMore);
        var clusterState = CliOptions.ClusterState("more objects the decisions may consult (repeatable)");
        var config = CliOptions.Config();
        var user = new Option<string>("--as") { Description = "the requesting user (a plain user unless it is the operator's service account)", HelpName = "USER", DefaultValueFactory = _ => DefaultUser };
        var output = new Option<string>("--output", "-o") { Description = "table or json", HelpName = "FORMAT", DefaultValueFactory = _ => "table" };
        output.CompletionSources.Add("table", "json");
        var command = new Command("check", """
            Judge every object in manifests offline, as if USER created it now (for CI).
            The objects join the cluster state, so a Kafka CR and the Secrets it names are judged together. In a directory, files that
            are not Kubernetes objects (dashboards, Helm values), Helm templates and AdmissionReviews are skipped, one line each.
            Exit: 0 all allowed, 1 something denied, 2 bad input.
            """)
        {
            paths, clusterState, config, user, output,
        };
        command.SetAction(parse => Run(console, parse.GetValue(paths)!, parse.GetValue(clusterState)!, parse.GetValue(config), parse.GetValue(user)!, parse.GetValue(output)!));
        return command;
    }

    private static int Run(CliConsole console, string[] paths, string[] clusterState, string? config, string user, string output)
    {
        if (paths.Length == 0) throw new UsageException("check: give at least one file or directory of manifests");
        if (output is not ("table" or "json")) throw new UsageException($"check: --output must be table or json, not '{output}'");

        var options = OfflineInputs.Options(config);
        var read = RepositoryFiles.Load(paths);
        var objects = read.Objects;
        var snapshot = OfflineInputs.ClusterState(clusterState).With(OfflineInputs.Wrap(() => ManifestLoader.ReadKnown(objects).ToArray()));

        var dispatcher = new AdmissionDispatcher(PolicyCatalog.Default);
        var rows = new List<CheckRow>();
        var denied = false;
        for (var i = 0; i < objects.Count; i++)
        {
            var (source, obj) = objects[i];
            var request = CreateRequest(obj, user, $"check-{i + 1}");
            var objectName = Describe(obj);
            if (request is null)
            {
                rows.Add(new CheckRow(source, objectName, "-", "skipped", "no policy reads this kind"));
                continue;
            }
            var decision = dispatcher.Review(request, snapshot, options);
            denied |= !decision.Allowed;
            rows.AddRange(CheckRow.From(source, objectName, decision));
        }

        var skipped = read.Skipped.Select(s => $"skipped {s.File}: {s.Reason}").ToList();
        if (output == "json")
        {
            console.Out.WriteLine(JsonSerializer.Serialize(rows, KubeJson.Indented));
            foreach (var line in skipped) console.Error.WriteLine(line);
        }
        else
        {
            CheckTable.Write(console.Out, rows, skipped);
        }
        return denied ? ExitCodes.Denied : ExitCodes.Ok;
    }

    /// <summary>The AdmissionRequest the API server would send for creating this object; null for a kind no policy reads.</summary>
    internal static AdmissionRequest? CreateRequest(JsonObject obj, string user, string uid)
    {
        var (group, version) = KnownKinds.SplitApiVersion(obj["apiVersion"]?.GetValueKind() == JsonValueKind.String ? (string?)obj["apiVersion"] : null);
        var kind = (string?)obj["kind"] ?? "";
        if (KnownKinds.Find(group, kind) is not { } info) return null;
        var meta = obj["metadata"] as JsonObject;
        return new AdmissionRequest
        {
            Uid = uid,
            Kind = new GroupVersionKind(group, version, kind),
            Resource = new GroupVersionResource(group, version, info.Resource),
            RequestKind = new GroupVersionKind(group, version, kind),
            RequestResource = new GroupVersionResource(group, version, info.Resource),
            Name = meta?["name"]?.GetValueKind() == JsonValueKind.String ? (string?)meta["name"] : null,
            Namespace = info.Namespaced ? (meta?["namespace"]?.GetValueKind() == JsonValueKind.String ? (string?)meta["namespace"] : "default") : null,
            Operation = "CREATE",
            UserInfo = new UserInfo { Username = user, Groups = ["system:authenticated"] },
            Object = obj.DeepClone(),
        };
    }

    private static string Describe(JsonObject obj)
    {
        var meta = obj["metadata"] as JsonObject;
        var ns = meta?["namespace"]?.ToString();
        var name = meta?["name"]?.ToString() ?? "(unnamed)";
        return $"{obj["kind"]}/{(ns is null ? "" : ns + "/")}{name}";
    }
}
