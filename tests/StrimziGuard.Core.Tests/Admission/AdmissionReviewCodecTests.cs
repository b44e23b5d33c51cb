using System.Text;
using StrimziGuard.Core.Admission;
using StrimziGuard.Core.Patching;

namespace StrimziGuard.Core.Tests.Admission;

public sealed class AdmissionReviewCodecTests
{
    private const string Request = """"
        {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
         "request": {"uid": "u-1", "operation": "CREATE", "resource": {"group": "", "version": "v1", "resource": "secrets"},
                     "userInfo": {"username": "jane"}, "object": {"kind": "Secret"}, "futureField": 1}}
        """";

    private static AdmissionReviewReadResult Read(string text) => AdmissionReviewCodec.Read(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Valid_review_is_read_with_its_uid()
    {
        var result = Read(Request);
        Assert.Null(result.Error);
        Assert.Equal("u-1", result.Review!.Request!.Uid);
    }

    [Theory]
    [InlineData("{", "malformed JSON")]
    [InlineData("[]", "the body is not a JSON object")]
    [InlineData("""{"apiVersion": "admission.k8s.io/v1beta1", "request": {"uid": "u"}}""", "apiVersion is 'admission.k8s.io/v1beta1'; only admission.k8s.io/v1 is served")]
    [InlineData("""{"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview"}""", "request is missing")]
    [InlineData("""{"apiVersion": "admission.k8s.io/v1", "request": {"uid": 5}}""", "does not fit the admission.k8s.io/v1 schema at request.uid")]
    [InlineData("""{"apiVersion": "admission.k8s.io/v1", "request": {"operation": "CREATE"}}""", "request.uid is missing")]
    [InlineData("""{"apiVersion": "admission.k8s.io/v1", "request": {"uid": "u"}}""", "request.operation is missing")]
    public void Bad_input_gets_a_one_line_reason(string body, string reason)
    {
        var result = Read(body);
        Assert.Null(result.Review);
        Assert.Contains(reason, result.Error);
        Assert.DoesNotContain('\n', result.Error!);
    }

    [Fact]
    public void Uid_is_kept_for_errors_after_it_was_found()
    {
        var result = Read("""{"apiVersion": "v2", "request": {"uid": "keep-me"}}""");
        Assert.Equal("keep-me", result.Uid);
    }

    [Fact]
    public void Deeply_nested_body_is_rejected_not_overflowed()
    {
        var deep = new string('[', 10_000) + new string(']', 10_000);
        var body = "{\"apiVersion\": \"admission.k8s.io/v1\", \"request\": {\"uid\": \"u\", \"object\": " + deep + "}}";
        Assert.Contains("malformed JSON", Read(body).Error);
    }

    [Fact]
    public void Response_echoes_the_uid_and_encodes_the_patch_as_base64_JSONPatch()
    {
        var decision = new Decision { Patch = [JsonPatchOperation.Add("/a", 1)] };
        var json = Encoding.UTF8.GetString(AdmissionReviewCodec.Write("u-9", decision));
        Assert.Equal("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"u-9","allowed":true,"patch":"W3sib3AiOiJhZGQiLCJwYXRoIjoiL2EiLCJ2YWx1ZSI6MX1d","patchType":"JSONPatch"}}""", json);
    }
}
