using System.CommandLine;
using System.Text;
using System.Text.Json;
using StrimziGuard.Core;
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
    public static Command Create(CliConsole console)
    {
        var file = new Argument<string>("FILE") { Description = "the AdmissionReview (JSON or YAML); '-' or nothing reads stdin", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => "-" };
        CliErrors.RefuseOptionLikeValues(file);
        var clusterState = CliOptions.ClusterState("objects the decision may consult (files or directories of YAML/JSON; repeatable)");
        var config = CliOptions.Config();
        var path = new Option<string?>("--path") { Description = "answer as that webhook endpoint alone, byte for byte (e.g. /validate/cert-lifetime)", HelpName = "WEBHOOK_PATH" };
        path.CompletionSources.Add(PolicyCatalog.Default.Webhooks.Select(w => w.Path).ToArray());
        var command = new Command("review", """
            Answer one admission.k8s.io/v1 AdmissionReview as the webhook would, and print the response.
            Without --path: what the API server experiences of the whole guard. Exit: 0 allowed, 1 denied, 2 bad input.
            """)
        {
            file, clusterState, config, path,
        };
        command.SetAction(parse => Run(console, parse.GetValue(file)!, parse.GetValue(clusterState)!, parse.GetValue(config), parse.GetValue(path)));
        return command;
    }

    public static int Run(CliConsole console, string source, IReadOnlyList<string> clusterState, string? config, string? path)
    {
        var dispatcher = new AdmissionDispatcher(PolicyCatalog.Default);
        WebhookPath? webhook = null;
        if (path is not null)
        {
            if (!WebhookPath.TryParse(path, out webhook) || !dispatcher.Catalog.Webhooks.Contains(webhook))
                throw new UsageException($"review: unknown webhook path '{path}'; served paths: {string.Join(", ", dispatcher.Catalog.Webhooks)}");
        }
        var options = OfflineInputs.Options(config);
        var snapshot = OfflineInputs.ClusterState(clusterState);
        var bytes = ReadAll(source, console);
        if (Encoding.UTF8.GetString(bytes).Trim('\uFEFF', ' ', '\t', '\r', '\n').Length == 0)
            throw new UsageException(source == "-"
                ? "review: stdin is empty; pipe an AdmissionReview in (strimzi-guard review - < review.json) or give a FILE"
                : $"review: {source} is empty; give a file holding one AdmissionReview");
        var read = AdmissionReviewCodec.Read(AsJson(source, bytes));
        if (read.Review is null) throw new UsageException($"review: {Name(source)}: {read.Error}");

        var request = read.Review.Request!;
        var decision = dispatcher.Review(request, snapshot, options, webhook);
        console.Out.WriteLine(Encoding.UTF8.GetString(AdmissionReviewCodec.Write(request.Uid, decision)));
        return decision.Allowed ? ExitCodes.Ok : ExitCodes.Denied;
    }

    private static string Name(string source) => source == "-" ? "stdin" : source;

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
            throw new UsageException($"review: {Name(source)}: cannot read: {CliErrors.FirstLine(e.Message)}");
        }
    }

    /// <summary>JSON passes through untouched; YAML (as in kubectl-style fixtures) is converted to JSON first.</summary>
    private static byte[] AsJson(string source, byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');
        if (text.TrimStart().StartsWith('{') || text.Trim().Length == 0) return bytes;
        var documents = OfflineInputs.Wrap(() => Parse(source, text));
        if (documents.Count != 1) throw new UsageException($"review: {Name(source)}: expected one AdmissionReview document, found {documents.Count}");
        return JsonSerializer.SerializeToUtf8Bytes(documents[0], KubeJson.Options);
    }

    private static IReadOnlyList<System.Text.Json.Nodes.JsonNode?> Parse(string source, string text)
    {
        try
        {
            return YamlDocuments.Parse(text);
        }
        catch (ManifestException e)
        {
            throw new ManifestException($"review: {Name(source)}: {e.Message}");
        }
    }
}
