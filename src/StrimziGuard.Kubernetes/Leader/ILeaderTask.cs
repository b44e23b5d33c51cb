namespace StrimziGuard.Kubernetes.Leader;

/// <summary>
/// Work only the leader does (the controllers, the serving-certificate rotation). <see cref="LeaderRuntime"/> runs every task once per
/// leadership term on the term's token: a task runs until that token is cancelled and must write nothing after it is.
/// </summary>
public interface ILeaderTask
{
    /// <summary>For logs.</summary>
    string Name { get; }

    /// <summary>Runs until <paramref name="term"/> is cancelled. Throwing is logged and the task is started again in the same term.</summary>
    Task RunAsync(CancellationToken term);
}
