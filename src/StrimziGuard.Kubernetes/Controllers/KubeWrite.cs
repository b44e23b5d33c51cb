namespace StrimziGuard.Kubernetes.Controllers;

/// <summary>One successful write to the API server, as <c>reconcile --once</c> prints it.</summary>
public sealed record KubeWrite(string Verb, string Resource, string? Namespace, string Name, string? Detail = null)
{
    public override string ToString() =>
        $"{Verb} {Resource} {(Namespace is null ? Name : $"{Namespace}/{Name}")}{(Detail is null ? "" : $" {Detail}")}";
}
