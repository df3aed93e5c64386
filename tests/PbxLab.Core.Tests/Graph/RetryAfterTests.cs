using System.Net;
using PbxLab.Core.Graph;

namespace PbxLab.Core.Tests.Graph;

public sealed class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("10", 10.0)]
    [InlineData("2.128", 2.128)]
    [InlineData("Mon, 05 Jan 2026 09:00:30 GMT", 30.0)]
    public void Header_gives_retry_time(string header, double seconds)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", header);

        Assert.Equal(Now.AddSeconds(seconds), GraphClient.ReadRetryAfter(response, Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("soon")]
    [InlineData("-5")]
    public void Missing_or_bad_header_gives_null(string? header)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        if (header is not null)
        {
            response.Headers.TryAddWithoutValidation("Retry-After", header);
        }

        Assert.Null(GraphClient.ReadRetryAfter(response, Now));
    }
}
