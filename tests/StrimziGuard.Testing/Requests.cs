using System.Text.Json.Nodes;
using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Api;

namespace StrimziGuard.Testing;

/// <summary>AdmissionRequests as the API server builds them, for objects given as JSON or typed models.</summary>
public static class Requests
{
    public const string User = "jane@example.com";
    public const string Operator = "system:serviceaccount:strimzi:strimzi-cluster-operator";

    public static AdmissionRequest Create(JsonNode obj, string user = User, bool dryRun = false) => Build("CREATE", obj, null, user, dryRun);

    public static AdmissionRequest Update(JsonNode oldObj, JsonNode newObj, string user = User) => Build("UPDATE", newObj, oldObj, user, false);

    public static AdmissionRequest Delete(JsonNode oldObj, string user = User) => Build("DELETE", null, oldObj, user, false);

    public static AdmissionRequest Create<T>(T obj, string user = User) where T : KubernetesObject => Create(KubeJson.ToNode(obj), user);

    public static AdmissionRequest Update<T>(T oldObj, T newObj, string user = User) where T : KubernetesObject =>
        Update(KubeJson.ToNode(oldObj), KubeJson.ToNode(newObj), user);

    private static AdmissionRequest Build(string operation, JsonNode? obj, JsonNode? oldObj, string user, bool dryRun)
    {
        var subject = (obj ?? oldObj)!;
        var (group, version) = KnownKinds.SplitApiVersion((string?)subject["apiVersion"]);
        var kind = (string)subject["kind"]!;
        var info = KnownKinds.Find(group, kind) ?? throw new ArgumentException($"unknown kind {kind}");
        return new AdmissionRequest
        {
            Uid = Guid.NewGuid().ToString(),
            Kind = new GroupVersionKind(group, version, kind),
            Resource = new GroupVersionResource(group, version, info.Resource),
            Name = (string?)subject["metadata"]?["name"],
            Namespace = (string?)subject["metadata"]?["namespace"],
            Operation = operation,
            UserInfo = new UserInfo { Username = user, Groups = ["system:authenticated"] },
            Object = obj?.DeepClone(),
            OldObject = oldObj?.DeepClone(),
            DryRun = dryRun,
        };
    }
}
