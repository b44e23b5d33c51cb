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
    public const string Help = """
        Usage: strimzi-guard check PATH... [--cluster-state PATH]... [--config FILE] [--as USER] [--output table|json]

        Judges every object in the YAML/JSON files and directories given, as if USER created it now.
        The objects themselves join the cluster state, so a Kafka CR and the Secrets it names are judged together.
          --cluster-state PATH  more objects the decisions may consult (repeatable)
          --config FILE         guard configuration (YAML)
          --as USER             the requesting user (default: strimzi-guard-check, a plain user)
          --output FORMAT       table (default) or json
        Exit: 0 all allowed, 1 something denied, 2 bad input.
        """;

    public const string DefaultUser = "strimzi-guard-check";

    private static readonly HashSet<string> Valued = ["cluster-state", "config", "as", "output"];

    public static int Run(IEnumerable<string> argv, CliConsole console)
    {
        var args = CommandLineArgs.Parse("check", argv, Valued, new HashSet<string>());
        if (args.Positionals.Count == 0) throw new UsageException("check: give at least one file or directory of manifests");
        var output = args.Value("output") ?? "table";
        if (output is not ("table" or "json")) throw new UsageException($"check: --output must be table or json, not '{output}'");

        var options = OfflineInputs.Options(args);
        var objects = OfflineInputs.Wrap(() => ManifestLoader.Load(args.Positionals))
            .Where(o => (string?)o.Object["kind"] != "AdmissionReview")
            .ToArray();
        var snapshot = OfflineInputs.ClusterState(args).With(OfflineInputs.Wrap(() => ManifestLoader.ReadKnown(objects).ToArray()));
        var user = args.Value("as") ?? DefaultUser;

        var dispatcher = new AdmissionDispatcher(PolicyCatalog.Default);
        var rows = new List<CheckRow>();
        var denied = false;
        for (var i = 0; i < objects.Length; i++)
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

        if (output == "json") console.Out.WriteLine(JsonSerializer.Serialize(rows, KubeJson.Indented));
        else CheckTable.Write(console.Out, rows);
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
