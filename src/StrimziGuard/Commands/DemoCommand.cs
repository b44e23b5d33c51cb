using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using StrimziGuard.Core.Admission;
using StrimziGuard.Kubernetes.Manifests;
using StrimziGuard.Web;

namespace StrimziGuard.Commands;

/// <summary>
/// <c>demo</c>: the webhook end to end with nothing but this repository. Starts the same server as <c>serve</c> on a loopback port with
/// a throwaway certificate and the bundled cluster state, sends every example AdmissionReview to every webhook path over verified
/// HTTPS, and prints what each path answered where a policy spoke.
/// </summary>
internal static class DemoCommand
{
    public const string Help = """
        Usage: strimzi-guard demo [--reviews DIR] [--cluster-state PATH]

        Starts the webhook on a loopback port with a throwaway CA, sends every AdmissionReview in DIR
        (default manifests/examples/admission-reviews) to every webhook path over HTTPS, and prints each answer
        where a policy applied. Run it from the repository root. Exit: 0 when every review was answered.
        """;

    public const string ReviewsDirectory = "manifests/examples/admission-reviews";

    private static readonly HashSet<string> Valued = ["reviews", "cluster-state"];

    public static async Task<int> RunAsync(IEnumerable<string> argv, CliConsole console)
    {
        var args = CommandLineArgs.Parse("demo", argv, Valued, new HashSet<string>());
        if (args.Positionals.Count > 0) throw new UsageException($"demo: unexpected argument '{args.Positionals[0]}'");
        var reviewsDir = args.Value("reviews") ?? ReviewsDirectory;
        if (!Directory.Exists(reviewsDir)) throw new UsageException($"demo: {reviewsDir} not found; run demo from the repository root or give --reviews DIR");
        var files = Directory.GetFiles(reviewsDir, "*.json").Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0) throw new UsageException($"demo: no AdmissionReview (*.json) in {reviewsDir}");
        var statePaths = args.Values("cluster-state").Count > 0 ? args.Values("cluster-state") : [ServeCommand.DefaultClusterState];
        var snapshot = OfflineInputs.Wrap(() => ManifestLoader.LoadSnapshot(statePaths.Where(p => Directory.Exists(p) || File.Exists(p))));

        using var certs = DevCertificates.Create();
        var settings = new WebhookServerSettings
        {
            Listen = ListenAddress.Loopback("https"),
            TlsCertFile = certs.CertFile,
            TlsKeyFile = certs.KeyFile,
            AuditOutput = Stream.Null,
            ConfigureLogging = l => l.AddSimpleConsole().AddFilter((_, level) => level >= LogLevel.Warning),
        };
        await using var server = await WebhookServer.StartAsync(settings, new FixedSnapshotProvider(snapshot));
        using var client = certs.CreateClient();
        console.Out.WriteLine($"strimzi-guard demo: webhook on {server.AdmissionUri} (throwaway CA, cluster state: {string.Join(", ", statePaths)})");
        console.Out.WriteLine();

        var rows = new List<string[]>();
        foreach (var file in files)
        {
            var body = await File.ReadAllBytesAsync(file);
            var review = JsonNode.Parse(body)?["request"];
            var name = Path.GetFileNameWithoutExtension(file);
            var subject = $"{review?["operation"]} {review?["kind"]?["kind"]}/{review?["namespace"] ?? ""}{(review?["namespace"] is null ? "" : "/")}{review?["name"]}";
            var spoke = false;
            foreach (var webhook in PolicyCatalog.Default.Webhooks)
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await client.PostAsync(new Uri(server.AdmissionUri, webhook.Path), content);
                var answer = JsonNode.Parse(await response.Content.ReadAsByteArrayAsync())?["response"];
                if (DemoRow.Describe((int)response.StatusCode, answer) is not { } row) continue;
                rows.Add([name, subject, webhook.Path, row.Decision, row.Detail]);
                spoke = true;
            }
            if (!spoke) rows.Add([name, subject, "(all)", "allowed", "no policy applies"]);
        }
        DemoRow.WriteTable(console.Out, ["REVIEW", "OBJECT", "WEBHOOK", "DECISION", "REASON / PATCH"], rows);
        console.Out.WriteLine();
        console.Out.WriteLine($"{files.Length} reviews sent over HTTPS to {PolicyCatalog.Default.Webhooks.Count} webhook paths; same answers as 'strimzi-guard review FILE --path PATH'.");
        return ExitCodes.Ok;
    }
}
