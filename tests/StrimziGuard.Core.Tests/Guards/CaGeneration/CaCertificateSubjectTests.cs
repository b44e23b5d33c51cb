using StrimziGuard.Core.Guards.CaGeneration;
using StrimziGuard.Testing;

namespace StrimziGuard.Core.Tests.Guards.CaGeneration;

public sealed class CaCertificateSubjectTests
{
    private static int? Of(string subject) => CaCertificateSubject.KeyGeneration(TestCertificates.Base64(TestCertificates.PemOfLifetime(TimeSpan.FromDays(7), subject)));

    [Theory]
    [InlineData("CN=cluster-ca v0, O=io.strimzi", 0)]
    [InlineData("O=io.strimzi, CN=cluster-ca v1", 1)]
    [InlineData("CN=cluster-ca v12, O=io.strimzi", 12)]
    public void Strimzis_subject_names_the_key_generation(string subject, int expected) => Assert.Equal(expected, Of(subject));

    [Theory]
    [InlineData("CN=cluster-ca v1")]
    [InlineData("CN=cluster-ca v1, O=example.com")]
    [InlineData("CN=clients-ca v1, O=io.strimzi")]
    [InlineData("CN=cluster-ca v1x, O=io.strimzi")]
    [InlineData("CN=cluster-ca v, O=io.strimzi")]
    [InlineData("CN=cluster-ca v-1, O=io.strimzi")]
    [InlineData("CN=cluster-ca v1234567890, O=io.strimzi")]
    [InlineData("CN=my-ca, OU=\"x, CN=cluster-ca v1, O=io.strimzi\", O=io.strimzi")]
    [InlineData("CN=cluster-ca v1, CN=cluster-ca v2, O=io.strimzi")]
    public void Anything_but_exactly_Strimzis_subject_is_no_evidence(string subject) => Assert.Null(Of(subject));

    [Fact]
    public void Two_certificates_in_ca_crt_are_ambiguous_and_no_evidence()
    {
        var v1 = TestCertificates.Create(TimeSpan.FromDays(7), "CN=cluster-ca v1, O=io.strimzi");
        var v0 = TestCertificates.Create(TimeSpan.FromDays(7), "CN=cluster-ca v0, O=io.strimzi");
        Assert.Null(CaCertificateSubject.KeyGeneration(TestCertificates.Base64(TestCertificates.Pem(v1, v0))));
    }

    [Theory]
    [InlineData("not base64 !")]
    [InlineData("UExBQ0VIT0xERVI=")]
    [InlineData("")]
    public void Placeholders_and_broken_values_are_no_evidence(string value) => Assert.Null(CaCertificateSubject.KeyGeneration(value));

    [Fact]
    public void A_private_key_where_the_certificate_belongs_is_no_evidence() =>
        Assert.Null(CaCertificateSubject.KeyGeneration(TestCertificates.Base64(TestCertificates.PrivateKeyPem())));

    [Theory]
    [InlineData("secret-my-cluster-cluster-ca-cert.steady", 0)]
    [InlineData("secret-my-cluster-cluster-ca-cert.key-replacement", 1)]
    public void The_shared_fixtures_hold_Strimzis_real_certificates(string fixture, int expected) =>
        Assert.Equal(expected, CaCertificateSubject.KeyGeneration((string?)Fixtures.Load(fixture)["data"]!["ca.crt"]));
}
