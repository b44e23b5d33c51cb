using System.CommandLine;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using StrimziGuard.Core;
using StrimziGuard.Core.Admission;
using StrimziGuard.Kubernetes.Manifests;
using StrimziGuard.Web;
using StrimziGuard.Kubernetes.ServingCertificates;

namespace StrimziGuard.Commands;

/// <summary>
/// <c>demo</c>: the webhook end to end with nothing but this repository. Starts the same server as <c>serve</c> on a loopback port with
/// a throwaway certificate and the bundled cluster state, sends every example AdmissionReview to every webhook path over verified
/// HTTPS, and prints what each path answered where a policy spoke.
/// </summary>
internal static class DemoCommand
{
    public const string ReviewsDirectory = "manifests/examples/admission-reviews";

    public static Command Create(CliConsole console)
    {
        var reviews = new Option<string>("--reviews") { Description = "the AdmissionReviews to send", HelpName = "DIR", DefaultValueFactory = _ => ReviewsDirectory };
        var clusterState = CliOptions.ClusterState($"the cluster state the webhook answers from (repeatable; default {ServeCommand.DefaultClusterState})");
        var command = new Command("demo", """
            Run the webhook locally and send it every example AdmissionReview over HTTPS.
            It listens on a loopback port with a throwaway CA, sends each review to every webhook path and prints each answer where a
            policy applied. Run it from the repository root. Exit: 0 when every review was answered.
            """)
        {
            reviews, clusterState,
        };
        command.SetAction(parse => RunAsync(console, parse.GetValue(reviews)!, parse.GetValue(clusterState)!));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, string reviewsDir, string[] clusterState)
    {
        if (!Directory.Exists(reviewsDir)) throw new UsageException($"demo: {reviewsDir} not found; run demo from the repository root or give --reviews DIR");
        var files = Directory.GetFiles(reviewsDir, "*.json").Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0) throw new UsageException($"demo: no AdmissionReview (*.json) in {reviewsDir}");
        IReadOnlyList<string> statePaths = clusterState.Length > 0 ? clusterState : [ServeCommand.DefaultClusterState];
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
