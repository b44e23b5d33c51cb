namespace StrimziGuard.Core.Admission;

/// <summary>
/// What a policy answers for, in the terms of a webhook's <c>rules</c> entry: API groups, versions, resources and operations.
/// The manifests are checked against these, so a policy and its webhook registration cannot drift apart.
/// </summary>
public sealed record ResourceRule(string[] Groups, string[] Versions, string[] Resources, string[] Operations)
{
    public bool Matches(AdmissionRequest request)
    {
        var r = request.Resource;
        if (r is null || !string.IsNullOrEmpty(request.SubResource)) return false;
        return Groups.Contains(r.Group) && Versions.Contains(r.Version) && Resources.Contains(r.Resource)
            && Operations.Contains(request.Operation);
    }
}
