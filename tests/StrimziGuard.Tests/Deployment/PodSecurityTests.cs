using System.Text.Json.Nodes;
using StrimziGuard.Kubernetes.Manifests;

namespace StrimziGuard.Tests.Deployment;

/// <summary>The Deployment meets the restricted Pod Security Standard and the availability and wiring the README promises.</summary>
public sealed class PodSecurityTests
{
    [Fact]
    public void The_pod_and_its_container_meet_the_restricted_pod_security_standard()
    {
        var pod = (JsonObject)Manifests.PodSpec["securityContext"]!;
        var container = (JsonObject)Manifests.Container["securityContext"]!;
        Assert.True((bool?)pod["runAsNonRoot"]);
        Assert.NotEqual(0, (long?)pod["runAsUser"]);
        Assert.Equal("RuntimeDefault", (string?)pod["seccompProfile"]!["type"]);
        Assert.False((bool?)container["allowPrivilegeEscalation"]);
        Assert.True((bool?)container["readOnlyRootFilesystem"]);
        Assert.True((bool?)container["runAsNonRoot"]);
        Assert.Equal(["ALL"], Manifests.Strings(container["capabilities"]!["drop"]));
        Assert.Null(container["capabilities"]!["add"]);
        Assert.Null(container["privileged"]);
        Assert.Null(Manifests.PodSpec["hostNetwork"]);
        Assert.DoesNotContain(((JsonArray)Manifests.PodSpec["volumes"]!).OfType<JsonObject>(), v => v.ContainsKey("hostPath"));
        Assert.Equal("restricted", (string?)Manifests.Single("Namespace", Manifests.GuardNamespace)["metadata"]!["labels"]!["pod-security.kubernetes.io/enforce"]);
    }

    [Fact]
    public void Three_replicas_spread_over_nodes_with_a_disruption_budget_of_one()
    {
        var deployment = Manifests.Single("Deployment", "strimzi-guard");
        Assert.Equal(3, (long?)deployment["spec"]!["replicas"]);
        Assert.Equal(0, (long?)deployment["spec"]!["strategy"]!["rollingUpdate"]!["maxUnavailable"]);
        var spread = ((JsonArray)Manifests.PodSpec["topologySpreadConstraints"]!).Select(t => (string?)t!["topologyKey"]);
        Assert.Contains("kubernetes.io/hostname", spread);
        Assert.NotNull(Manifests.PodSpec["affinity"]!["podAntiAffinity"]);
        Assert.Equal("system-cluster-critical", (string?)Manifests.PodSpec["priorityClassName"]);
        var pdb = Manifests.Single("PodDisruptionBudget", "strimzi-guard")["spec"]!;
        Assert.Equal(1, (long?)pdb["maxUnavailable"]);
        Assert.Equal(deployment["spec"]!["selector"]!["matchLabels"]!.ToJsonString(), pdb["selector"]!["matchLabels"]!.ToJsonString());
    }

    [Fact]
    public void Probes_use_the_health_endpoints_over_the_https_webhook_port_and_resources_are_bounded()
    {
        Assert.Equal("/readyz", (string?)Manifests.Container["readinessProbe"]!["httpGet"]!["path"]);
        foreach (var probe in new[] { "startupProbe", "livenessProbe", "readinessProbe" })
        {
            var get = Manifests.Container[probe]!["httpGet"]!;
            Assert.Equal("HTTPS", (string?)get["scheme"]);
            Assert.Equal("webhook", (string?)get["port"]);
        }
        Assert.Equal("/healthz", (string?)Manifests.Container["livenessProbe"]!["httpGet"]!["path"]);
        var ports = ((JsonArray)Manifests.Container["ports"]!).ToDictionary(p => (string)p!["name"]!, p => (long)p!["containerPort"]!);
        Assert.Equal(8443, ports["webhook"]);
        Assert.Equal(8080, ports["metrics"]);
        var resources = Manifests.Container["resources"]!;
        Assert.NotNull(resources["requests"]!["cpu"]);
        Assert.NotNull(resources["requests"]!["memory"]);
        Assert.NotNull(resources["limits"]!["memory"]);
    }

    [Fact]
    public void The_grace_period_outlasts_the_shutdown_drain_and_the_in_flight_reviews_after_it()
    {
        var args = Manifests.Strings(Manifests.Container["args"]).ToList();
        var delayArg = args.Single(a => a.StartsWith("--shutdown-delay=", StringComparison.Ordinal));
        Assert.True(Core.Certificates.GoDuration.TryParse(delayArg["--shutdown-delay=".Length..], out var delay, out var error), error);
        var grace = TimeSpan.FromSeconds((long)Manifests.PodSpec["terminationGracePeriodSeconds"]!);
        Assert.True(delay > TimeSpan.Zero, "without a drain, reviews routed here during endpoint propagation are refused");
        Assert.True(delay + StrimziGuard.Commands.ServeCommand.InFlightGrace < grace, $"drain {delay} + in-flight {StrimziGuard.Commands.ServeCommand.InFlightGrace} must end before the kubelet's SIGKILL at {grace}");
    }

    [Fact]
    public void The_container_serves_with_the_mounted_config_and_serving_secret()
    {
        var args = Manifests.Strings(Manifests.Container["args"]).ToList();
        Assert.Equal("serve", args[0]);
        var mounts = ((JsonArray)Manifests.Container["volumeMounts"]!).ToDictionary(m => (string)m!["name"]!, m => (string)m!["mountPath"]!);
        var volumes = ((JsonArray)Manifests.PodSpec["volumes"]!).ToDictionary(v => (string)v!["name"]!, v => v!.AsObject());
        Assert.Contains($"--config={mounts["config"]}/config.yaml", args);
        Assert.Contains($"--tls-cert={mounts["tls"]}/tls.crt", args);
        Assert.Contains($"--tls-key={mounts["tls"]}/tls.key", args);
        Assert.Equal("strimzi-guard-config", (string?)volumes["config"]["configMap"]!["name"]);
        Assert.Equal("strimzi-guard-serving-cert", (string?)volumes["tls"]["secret"]!["secretName"]);
        Assert.Equal("ghcr.io/strimzi-guard/strimzi-guard:0.1.0", (string?)Manifests.Container["image"]);
    }

    [Fact]
    public void The_configmap_holds_a_valid_configuration_excluding_the_namespaces_the_webhooks_exclude()
    {
        var text = (string)Manifests.Single("ConfigMap", "strimzi-guard-config")["data"]!["config.yaml"]!;
        var options = GuardOptionsFile.Parse("config.yaml", text);
        Assert.Equal(["kube-system", "strimzi-guard"], options.ExcludedNamespaces.Order());
        Assert.Equal("system:serviceaccount:strimzi:strimzi-cluster-operator", options.Operator.Username);
        Assert.Equal(["kafka"], options.WatchNamespaces);
    }
}
