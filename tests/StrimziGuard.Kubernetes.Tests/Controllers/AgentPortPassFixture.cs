using Microsoft.Extensions.Logging.Testing;
using StrimziGuard.Core.Options;
using StrimziGuard.Core.Snapshots;
using StrimziGuard.Kubernetes.Client;
using StrimziGuard.Kubernetes.Controllers;
using StrimziGuard.Testing.FakeApi;

namespace StrimziGuard.Kubernetes.Tests.Controllers;

/// <summary>One agent-port controller against a fresh fake API server (a test double), run one full pass at a time.</summary>
public abstract class AgentPortPassFixture : FakeApiServerTest
{
    protected const string Resource = "networkpolicies.networking.k8s.io";

    internal FakeLogger Log { get; } = new();

    internal AgentPortController Controller { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Controller = new AgentPortController(() => GuardOptions.Default, Log);
    }

    public override async Task DisposeAsync()
    {
        Controller.Dispose();
        await base.DisposeAsync();
    }

    protected Task<ReconcileReport> Pass() => ControllerRunner.RunOnceAsync(Client, [Controller], CancellationToken.None);

    protected Task<ReconcileReport> PassOver(ClusterSnapshot snapshot) => ControllerRunner.RunOnceAsync(Client, [Controller], snapshot, CancellationToken.None);
}
