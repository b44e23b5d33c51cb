using System.Buffers;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StrimziGuard.Core.Admission;

namespace StrimziGuard.Benchmarks;

/// <summary>
/// The floor: bare Kestrel over the same TLS certificate, reading the whole body and answering a constant AdmissionReview with a
/// Content-Length. Whatever the real server costs beyond this is ours (parsing, deciding, auditing, metrics).
/// </summary>
internal static class FloorServer
{
    /// <param name="readReview">Also read the body as the webhook does (<see cref="AdmissionReviewCodec.ReadInPlace"/>) before the constant
    /// answer: the floor plus the review's parse, to show how much of the gap to the floor the parse alone takes (printed, not judged).</param>
    public static async Task<(WebApplication App, Uri Url)> StartAsync(string certFile, string keyFile, bool readReview = false)
    {
        using var pem = X509Certificate2.CreateFromPemFile(certFile, keyFile);
        var certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(System.Net.IPAddress.Loopback, 0, l =>
            {
                l.Protocols = HttpProtocols.Http1;
                l.UseHttps(certificate);
            });
        });
        var app = builder.Build();
        var answer = AdmissionReviewCodec.Write("00000000-0000-0000-0000-000000000000", new Decision());
        app.Run(async context =>
        {
            var reader = context.Request.BodyReader;
            while (true)
            {
                var result = await reader.ReadAsync();
                if (result.IsCompleted)
                {
                    if (readReview) ReadReview(result.Buffer);
                    reader.AdvanceTo(result.Buffer.End);
                    break;
                }
                reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            }
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = answer.Length;
            await context.Response.Body.WriteAsync(answer);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address));
    }

    private static void ReadReview(ReadOnlySequence<byte> body)
    {
        var bytes = ArrayPool<byte>.Shared.Rent((int)body.Length);
        body.CopyTo(bytes);
        AdmissionReviewCodec.ReadInPlace(bytes.AsMemory(0, (int)body.Length)).Dispose();
        ArrayPool<byte>.Shared.Return(bytes);
    }
}
