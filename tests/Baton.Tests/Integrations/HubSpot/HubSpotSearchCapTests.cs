using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Baton.Core.Integrations.HubSpot;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Baton.Tests.Integrations.HubSpot;

/// <summary>
/// The search cap when HubSpot offers a next page at 10,000 and refuses it with a 400 (the double offers none there):
/// a handler stands in for HubSpot, with the client built bare, without the pipeline.
/// </summary>
public sealed class HubSpotSearchCapTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SearchDealsModifiedSinceAsync_NextPageOfferedAtTheCap_RestartsInsteadOfAskingForIt()
    {
        var hubSpot = new CappedSearch(10_500);
        var options = Options.Create(new HubSpotOptions { AccessToken = "pat-test", ApiBaseUrl = new Uri("https://hubspot.invalid/") });
        var api = new HubSpotApi(new HttpClient(hubSpot), options, new HubSpotOwnerCache(options, TimeProvider.System), NullLogger<HubSpotApi>.Instance);

        var ids = new List<string>();
        await foreach (var deal in api.SearchDealsModifiedSinceAsync(Start, ["dealname"])) ids.Add(deal.Id);

        Assert.Equal(10_500, ids.Distinct().Count());
        Assert.Equal(10_500, ids.Count);
        Assert.DoesNotContain(hubSpot.Afters, a => a >= 10_000);
    }

    /// <summary>Deals one millisecond apart; pages of the query's matches, a next page offered even at the cap, 400 past it.</summary>
    private sealed class CappedSearch(int deals) : HttpMessageHandler
    {
        public List<int> Afters { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!;
            var from = long.Parse(body["filterGroups"]![0]!["filters"]![0]!["value"]!.GetValue<string>());
            var after = body["after"] is { } a ? int.Parse(a.GetValue<string>()) : 0;
            var limit = body["limit"]!.GetValue<int>();
            Afters.Add(after);
            if (after >= 10_000) return Json(HttpStatusCode.BadRequest, new JsonObject { ["category"] = "VALIDATION_ERROR", ["message"] = "past the cap" });

            var first = (int)(from - Start.ToUnixTimeMilliseconds());
            var matching = Enumerable.Range(Math.Max(0, first), Math.Max(0, deals - Math.Max(0, first))).ToList();
            var page = matching.Skip(after).Take(limit).Select(i => (JsonNode)new JsonObject
            {
                ["id"] = (1000 + i).ToString(),
                ["properties"] = new JsonObject { ["dealname"] = $"Deal {i}", ["hs_lastmodifieddate"] = Start.AddMilliseconds(i).ToString("O") },
            });
            var reply = new JsonObject { ["total"] = matching.Count, ["results"] = new JsonArray([.. page]) };
            if (after + limit < matching.Count) reply["paging"] = new JsonObject { ["next"] = new JsonObject { ["after"] = (after + limit).ToString() } };
            return Json(HttpStatusCode.OK, reply);
        }

        private static HttpResponseMessage Json(HttpStatusCode status, JsonNode body) =>
            new(status) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
    }
}
