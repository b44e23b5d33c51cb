using StrimziGuard.Core.Certificates;

namespace StrimziGuard.Core.Tests.Certificates;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData("2160h0m0s", 2160 * 3600.0)]
    [InlineData("168h", 168 * 3600.0)]
    [InlineData("1h30m", 5400.0)]
    [InlineData("1.5h", 5400.0)]
    [InlineData("90m", 5400.0)]
    [InlineData("300ms", 0.3)]
    [InlineData("0", 0.0)]
    [InlineData("-1h", -3600.0)]
    [InlineData("1h1m1s1ms1us1ns", 3661.001001)]
    public void Parses_what_Go_parses(string text, double seconds)
    {
        Assert.True(GoDuration.TryParse(text, out var d, out var error), error);
        Assert.Equal(seconds, d.TotalSeconds, 6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("h")]
    [InlineData("1")]
    [InlineData("1x")]
    [InlineData("1..5h")]
    [InlineData("7d")]
    [InlineData("9999999999999h")]
    [InlineData("1h 30m")]
    public void Rejects_what_Go_rejects(string text) => Assert.False(GoDuration.TryParse(text, out _, out _));

    [Fact]
    public void Days_are_accepted_only_when_asked()
    {
        Assert.True(GoDuration.TryParse("7d", out var d, out _, allowDays: true));
        Assert.Equal(TimeSpan.FromDays(7), d);
    }

    [Theory]
    [InlineData(2160 * 3600.0, "2160h0m0s")]
    [InlineData(90.0, "1m30s")]
    [InlineData(1.5, "1.5s")]
    public void Formats_as_Go_does(double seconds, string text) => Assert.Equal(text, GoDuration.Format(TimeSpan.FromSeconds(seconds)));
}
