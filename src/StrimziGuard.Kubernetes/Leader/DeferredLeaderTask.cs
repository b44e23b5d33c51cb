namespace StrimziGuard.Kubernetes.Leader;

/// <summary>
/// A leader task whose work is known only later: <c>serve</c> starts leading before the web host exists (on a fresh install the leader
/// must issue the serving certificate the host needs), while the controllers need the host's configuration and meter. A term waits for
/// the task to be supplied, then runs it on the same term token; a term that ends first simply ends.
/// </summary>
public sealed class DeferredLeaderTask(string name) : ILeaderTask
{
    private readonly TaskCompletionSource<ILeaderTask> supplied = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name => name;

    public void Supply(ILeaderTask task)
    {
        if (!supplied.TrySetResult(task)) throw new InvalidOperationException($"leader task {name} was already supplied");
    }

    public async Task RunAsync(CancellationToken term)
    {
        var task = await supplied.Task.WaitAsync(term).ConfigureAwait(false);
        await task.RunAsync(term).ConfigureAwait(false);
    }
}
