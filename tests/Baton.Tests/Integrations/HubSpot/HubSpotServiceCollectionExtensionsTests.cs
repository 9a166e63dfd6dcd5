using System.Net;
using Baton.Core.Integrations.HubSpot;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace Baton.Tests.Integrations.HubSpot;

public sealed class HubSpotServiceCollectionExtensionsTests
{
    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpMethod method, bool idempotent, string? policy = null)
    {
        var request = new HttpRequestMessage(method, "https://api.hubapi.com/crm/v3/objects/notes");
        request.Options.Set(HubSpotRequestOptions.Idempotent, idempotent);
        if (policy is not null) request.Options.Set(HubSpotRequestOptions.RateLimitPolicy, policy);
        var context = ResilienceContextPool.Shared.Get();
        context.SetRequestMessage(request);
        try
        {
            return HubSpotServiceCollectionExtensions.ShouldRetry(outcome, context);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static Outcome<HttpResponseMessage> Status(HttpStatusCode status) => Outcome.FromResult(new HttpResponseMessage(status));

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void ShouldRetry_TimeoutAfterSending_OnlyWhenIdempotent(bool idempotent, bool expected)
    {
        Assert.Equal(expected, ShouldRetry(Outcome.FromException<HttpResponseMessage>(new TimeoutRejectedException()), HttpMethod.Post, idempotent));
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, true, true)]
    [InlineData(HttpStatusCode.BadGateway, false, false)]
    [InlineData(HttpStatusCode.RequestTimeout, false, false)]
    [InlineData(HttpStatusCode.BadRequest, true, false)]
    [InlineData(HttpStatusCode.NotFound, true, false)]
    public void ShouldRetry_Status_RetriesServerTroubleOnlyForIdempotentRequests(HttpStatusCode status, bool idempotent, bool expected)
    {
        Assert.Equal(expected, ShouldRetry(Status(status), HttpMethod.Post, idempotent));
    }

    [Theory]
    [InlineData("TEN_SECONDLY_ROLLING", true)]
    [InlineData("SECONDLY", true)]
    [InlineData("DAILY", false)]
    public void ShouldRetry_429OnACreate_RetriedUnlessTheDailyQuotaIsSpent(string policy, bool expected)
    {
        Assert.Equal(expected, ShouldRetry(Status(HttpStatusCode.TooManyRequests), HttpMethod.Post, idempotent: false, policy));
    }

    [Theory]
    [InlineData(HttpRequestError.ConnectionError, true)]
    [InlineData(HttpRequestError.NameResolutionError, true)]
    [InlineData(HttpRequestError.ResponseEnded, false)]
    [InlineData(HttpRequestError.Unknown, false)]
    public void ShouldRetry_ConnectionFailureOnACreate_OnlyWhenNothingWasSent(HttpRequestError error, bool expected)
    {
        var failure = Outcome.FromException<HttpResponseMessage>(new HttpRequestException(error, "connection"));

        Assert.Equal(expected, ShouldRetry(failure, HttpMethod.Post, idempotent: false));
    }

    [Fact]
    public void AddHubSpot_NoSettings_DocumentedDefaults()
    {
        using var services = new ServiceCollection().AddLogging().AddHubSpot(new ConfigurationBuilder().Build()).BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<HubSpotOptions>>().Value;

        Assert.Equal(new Uri("https://api.hubapi.com/"), options.ApiBaseUrl);
        Assert.Equal(("handoff_information", "Handoff Information", "baton_csm", "Customer Success"),
            (options.PropertyGroup, options.PropertyGroupLabel, options.CsmProperty, options.CsPipelineLabel));
        Assert.Equal((TimeSpan.FromMinutes(5), TimeSpan.FromDays(7)), (options.SignatureTolerance, options.DriftCheckInterval));
        Assert.Equal(4, options.SearchRequestsPerSecond);
    }

    [Theory]
    [InlineData("HubSpot:CsmProperty", "Baton CSM")]
    [InlineData("HubSpot:SearchRequestsPerSecond", "6")]
    [InlineData("HubSpot:SignatureTolerance", "00:00:00")]
    public void AddHubSpot_InvalidSetting_RefusedNamingIt(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(key, value)]).Build();
        using var services = new ServiceCollection().AddLogging().AddHubSpot(configuration).BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<HubSpotOptions>>().Value);

        Assert.Contains(key, e.Message);
    }
}
