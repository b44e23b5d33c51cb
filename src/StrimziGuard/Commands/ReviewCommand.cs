using System.Text;
using System.Text.Json;
using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Api;
using StrimziGuard.Kubernetes.Manifests;

namespace StrimziGuard.Commands;

/// <summary>
/// <c>review [FILE|-] [--cluster-state PATH] [--config FILE] [--path WEBHOOK_PATH]</c>: one AdmissionReview in, one response out.
/// Without <c>--path</c> the answer is what the API server experiences of the whole guard; with it, exactly what that endpoint answers.
/// </summary>
internal static class ReviewCommand
{
    public const string Help = """
        Usage: strimzi-guard review [FILE|-] [--cluster-state PATH]... [--config FILE] [--path WEBHOOK_PATH]

        Reads one admission.k8s.io/v1 AdmissionReview (JSON or YAML; '-' or no FILE reads stdin) and prints the response.
          --cluster-state PATH  objects the decision may consult (files or directories of YAML/JSON; repeatable)
          --config FILE         guard configuration (YAML)
          --path PATH           answer as that webhook endpoint alone, byte for byte (e.g. /validate/cert-lifetime)
        Exit: 0 allowed, 1 denied, 2 bad input.
        """;

    private static readonly HashSet<string> Valued = ["cluster-state", "config", "path"];

    public static int Run(IEnumerable<string> argv, CliConsole console)
    {
        var args = CommandLineArgs.Parse("review", argv, Valued, new HashSet<string>());
        if (args.Positionals.Count > 1) throw new UsageException("review: give one AdmissionReview file (or - for stdin)");
        var dispatcher = new AdmissionDispatcher(PolicyCatalog.Default);
        WebhookPath? webhook = null;
        if (args.Value("path") is { } path)
        {
            if (!WebhookPath.TryParse(path, out webhook) || !dispatcher.Catalog.Webhooks.Contains(webhook))
                throw new UsageException($"review: unknown webhook path '{path}'; served paths: {string.Join(", ", dispatcher.Catalog.Webhooks)}");
        }
        var options = OfflineInputs.Options(args);
        var snapshot = OfflineInputs.ClusterState(args);
        var source = args.Positionals.FirstOrDefault() ?? "-";
        var read = AdmissionReviewCodec.Read(AsJson(source, ReadAll(source, console)));
        if (read.Review is null) throw new UsageException($"review: {source}: {read.Error}");

        var request = read.Review.Request!;
        var decision = dispatcher.Review(request, snapshot, options, webhook);
        console.Out.WriteLine(Encoding.UTF8.GetString(AdmissionReviewCodec.Write(request.Uid, decision)));
        return decision.Allowed ? ExitCodes.Ok : ExitCodes.Denied;
    }

    private static byte[] ReadAll(string source, CliConsole console)
    {
        try
        {
            if (source == "-")
            {
                using var stdin = console.OpenStdin();
                using var buffer = new MemoryStream();
                stdin.CopyTo(buffer);
                return buffer.ToArray();
            }
            return File.ReadAllBytes(source);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"review: {source}: cannot read: {e.Message}");
        }
    }

    /// <summary>JSON passes through untouched; YAML (as in kubectl-style fixtures) is converted to JSON first.</summary>
    private static byte[] AsJson(string source, byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');
        if (text.TrimStart().StartsWith('{') || text.Trim().Length == 0) return bytes;
        var documents = OfflineInputs.Wrap(() => YamlDocuments.Parse(text));
        if (documents.Count != 1) throw new UsageException($"review: {source}: expected one AdmissionReview document, found {documents.Count}");
        return JsonSerializer.SerializeToUtf8Bytes(documents[0], KubeJson.Options);
    }
}
