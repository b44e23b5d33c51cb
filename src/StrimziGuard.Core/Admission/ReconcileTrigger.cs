namespace StrimziGuard.Core.Admission;

/// <summary>
/// Work a policy asks the controllers to do soon, e.g. stamp a cluster's StrimziPodSets because the operator just rolled one of its pods.
/// Policies only name it; the host hands it to the controller it names (<see cref="Controller"/>: the id of that controller's guard), and
/// never for a dry-run request (the webhook declares <c>sideEffects: NoneOnDryRun</c>).
/// </summary>
public sealed record ReconcileTrigger(string Controller, string Namespace, string Name);
