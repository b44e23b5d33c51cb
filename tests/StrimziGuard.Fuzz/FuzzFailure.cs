namespace StrimziGuard.Fuzz;

/// <summary>A property a target checks after a run that did not hold (a policy errored, the server answered 500, key material was echoed).</summary>
public sealed class FuzzFailure(string message) : Exception(message);
