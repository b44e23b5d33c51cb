using StrimziGuard.Kubernetes.Client;
using Xunit;

namespace StrimziGuard.Testing.FakeApi;

/// <summary>
/// A test class that needs one fake API server (a test double) per test and our client to it: xunit starts the server before
/// each test and disposes both after. Tests that start several servers, or one with options of its own, keep their explicit
/// <c>await using</c>.
/// </summary>
public abstract class FakeApiServerTest(FakeApiServerOptions? serverOptions = null, KubeClientOptions? clientOptions = null) : IAsyncLifetime
{
    private KubeApiClient? client;

    protected FakeApiServer Fake { get; private set; } = null!;

    /// <summary>Cancelled after a minute or when the test ends, so a watch, cache or loop a test starts never outlives it.</summary>
    protected CancellationTokenSource Stop { get; } = new(TimeSpan.FromSeconds(60));

    /// <summary>Our client to <see cref="Fake"/>, made on first use (a test that talks plain HTTP or through the CLI never makes one).</summary>
    protected KubeApiClient Client => client ??= Fake.CreateClient(clientOptions);

    public virtual async Task InitializeAsync() => Fake = await FakeApiServer.StartAsync(serverOptions);

    public virtual async Task DisposeAsync()
    {
        await Stop.CancelAsync();
        Stop.Dispose();
        client?.Dispose();
        await Fake.DisposeAsync();
    }
}
