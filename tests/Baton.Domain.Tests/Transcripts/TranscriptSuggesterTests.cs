using Baton.Domain.Tests.Quality;
using Baton.Domain.Transcripts;

namespace Baton.Domain.Tests.Transcripts;

public sealed class TranscriptSuggesterTests
{
    private static IReadOnlyList<FieldSuggestion> Suggest(string text, params string[] sellers)
    {
        Assert.True(TranscriptReader.TryRead(text, null, out var t, out var problem), problem?.ToString());
        return TranscriptSuggester.Suggest(t, DefaultManifest.Value, sellers);
    }

    private static FieldSuggestion? For(IReadOnlyList<FieldSuggestion> s, string key) => s.SingleOrDefault(x => x.FieldKey == key);

    [Fact]
    public void Proposes_metric_stack_seats_and_promise_with_sources()
    {
        var s = Suggest("""
            Dana Whit: Success for us means cutting the ticket backlog from 1,200 to under 300 within 90 days of go-live.
            Dana Whit: Today we use Okta for SSO and Salesforce Service Cloud as our CRM.
            Dana Whit: We would start with 45 users.
            Sam Ortiz: We will set up a dedicated Slack channel for the first 90 days at no extra cost.
            """, "Sam Ortiz");
        var metric = For(s, "success_metric");
        Assert.NotNull(metric);
        Assert.Contains("1,200", metric.Value);
        Assert.Equal("Dana Whit", metric.Sources[0].Speaker);
        Assert.Contains("Okta", For(s, "tech_environment")?.Value);
        Assert.Equal("45", For(s, "seats")?.Value);
        Assert.Equal("Sam Ortiz", For(s, "promised")?.Sources[0].Speaker);
    }

    [Fact]
    public void Negations_and_refusals_propose_nothing()
    {
        var s = Suggest("""
            Dana Whit: We are not using Okta anymore, and we don't run Snowflake.
            Sam Ortiz: I'm afraid we can't commit to that.
            Dana Whit: No, that metric doesn't work for us, cutting churn by 5% in 90 days is not the goal.
            """, "Sam Ortiz");
        Assert.Null(For(s, "tech_environment"));
        Assert.Null(For(s, "promised"));
        Assert.Null(For(s, "success_metric"));
    }

    [Fact]
    public void Small_talk_proposes_nothing()
    {
        var s = Suggest("""
            Dana Whit: Hi, can you hear me?
            Sam Ortiz: Yes, loud and clear. How was the weekend?
            Dana Whit: Good, thanks, very relaxing.
            """, "Sam Ortiz");
        Assert.Empty(s);
    }

    [Fact]
    public void Risk_from_the_customer_is_proposed()
    {
        var s = Suggest("""
            Dana Whit: My concern is that our IT lead, who opposed the purchase, owns the SSO rollout.
            """, "Sam Ortiz");
        Assert.Contains("IT lead", For(s, "risks")?.Value);
    }

    [Fact]
    public void German_and_Spanish_cues()
    {
        var de = Suggest("Dana Whit: Wir nutzen Salesforce und Jira im ganzen Team.");
        Assert.NotNull(For(de, "tech_environment"));
        var es = Suggest("Dana Whit: Nuestra preocupación es que el equipo de TI no tiene tiempo en marzo.");
        Assert.NotNull(For(es, "risks"));
    }
}
