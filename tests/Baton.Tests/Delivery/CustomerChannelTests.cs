using System.Net.Http.Json;
using System.Text.Json;
using Baton.Core.Data;
using Baton.Core.Integrations.Slack;
using Baton.Tests.Doubles.Slack;

namespace Baton.Tests.Delivery;

/// <summary>The customer's own channel for the segments the playbook names (Mid-Market and Enterprise in the shipped one).</summary>
public sealed class CustomerChannelTests
{
    private const string Company = "Northwind Traders, Inc.";
    private const decimal EnterpriseArr = 150000m;

    private static SlackStoredChannel[] CustomerChannels(SlackHarness h) => [.. h.Slack.Channels.Where(c => c.Name.StartsWith("cust-", StringComparison.Ordinal))];

    [Fact]
    public async Task Close_EnterpriseDeal_CreatesOneChannelWithTheAeTheCsmAndTheImplementationLeadAndPostsTheCardThere()
    {
        await using var h = await SlackHarness.StartAsync();
        var routed = await h.CloseDealAsync(amount: EnterpriseArr, company: Company);
        Assert.Equal("Enterprise", routed.Segment);

        await h.App.RunOutboxAsync();

        var channel = Assert.Single(CustomerChannels(h));
        Assert.Equal("cust-northwind-traders-inc", channel.Name);
        Assert.False(channel.IsArchived);
        string[] expected = [SlackDouble.BotUserId, SlackHarness.UserId("rachel.goldberg"), SlackHarness.UserId(routed.CsmId!), SlackHarness.UserId("ines.duarte")];
        Assert.Equal(expected.Order(), channel.Members.Order());
        var card = Assert.Single(h.Slack.Messages(channel.Id));
        Assert.Contains("Northwind Traders", card.Text);
        // A copy for reading: the buttons stay on the team channel's card, the one Baton keeps up to date.
        Assert.DoesNotContain(HandoffPostBlocks.AcknowledgeActionId, SlackHarness.Text(card.Blocks!));
        Assert.Equal(channel.Id, (await h.HandoffAsync("deal-1")).CustomerChannel);
        var view = await h.App.Http.GetFromJsonAsync<JsonElement>("/api/handoffs/deal-1");
        Assert.Equal(channel.Id, view.GetProperty("customerChannel").GetString());
        var row = Assert.Single(await h.OutboxAsync("deal-1"), o => o.Kind == "customer-channel");
        Assert.Equal(OutboxStatus.Sent, row.Status);
    }

    [Fact]
    public async Task Close_RetryAfterSlackCreatedTheChannelButAnswered500_DoesNotCreateASecond()
    {
        await using var h = await SlackHarness.StartAsync();
        h.Slack.FailNext(1, new SlackFailure.LostAnswer(500), "conversations.create");
        var routed = await h.CloseDealAsync(amount: EnterpriseArr, company: Company);

        await h.App.RunOutboxAsync();
        var waiting = Assert.Single(await h.OutboxAsync("deal-1"), o => o.Kind == "customer-channel");
        Assert.Equal(OutboxStatus.Pending, waiting.Status);
        Assert.Contains("HTTP 500", waiting.LastError);
        Assert.Single(CustomerChannels(h));

        h.App.Time.Advance(TimeSpan.FromMinutes(1));
        await h.App.RunOutboxAsync();

        var channel = Assert.Single(CustomerChannels(h));
        Assert.Single(h.Slack.RequestsTo("conversations.create"));
        Assert.NotEmpty(h.Slack.RequestsTo("conversations.list"));
        Assert.Contains(SlackHarness.UserId(routed.CsmId!), channel.Members);
        Assert.Single(h.Slack.Messages(channel.Id));
        Assert.Equal(OutboxStatus.Sent, (await h.OutboxAsync("deal-1")).Single(o => o.Kind == "customer-channel").Status);
        Assert.Equal(channel.Id, (await h.HandoffAsync("deal-1")).CustomerChannel);
    }

    [Fact]
    public async Task Close_NameTakenByAnotherChannel_CreatesTheNameWithTheDealId()
    {
        await using var h = await SlackHarness.StartAsync();
        h.Slack.AddChannel("C0TAKEN0001", "cust-northwind-traders-inc");
        await h.CloseDealAsync(amount: EnterpriseArr, company: Company);

        await h.App.RunOutboxAsync();

        var created = Assert.Single(CustomerChannels(h), c => c.Id != "C0TAKEN0001");
        Assert.Equal(CustomerChannelName.WithDealId(Company, "deal-1"), created.Name);
        Assert.Empty(h.Slack.Messages("C0TAKEN0001"));
        Assert.Equal(created.Id, (await h.HandoffAsync("deal-1")).CustomerChannel);
    }

    [Fact]
    public async Task Archive_ThirtyDaysAfterTheClose_ArchivesTheChannel()
    {
        await using var h = await SlackHarness.StartAsync();
        await h.CloseDealAsync(amount: EnterpriseArr, company: Company);
        await h.App.RunOutboxAsync();
        var channel = Assert.Single(CustomerChannels(h));

        h.App.Time.Advance(TimeSpan.FromDays(30) - TimeSpan.FromMinutes(1));
        await h.App.RunOutboxAsync();
        Assert.False(h.Slack.StoredChannel(channel.Id)!.IsArchived);

        h.App.Time.Advance(TimeSpan.FromMinutes(1));
        await h.App.RunOutboxAsync();

        Assert.True(h.Slack.StoredChannel(channel.Id)!.IsArchived);
        var archive = Assert.Single(await h.OutboxAsync("deal-1"), o => o.Kind == "customer-channel-archive");
        Assert.Equal(OutboxStatus.Sent, archive.Status);
        Assert.Single(h.Slack.RequestsTo("conversations.archive"));
    }

    [Fact]
    public async Task Close_SmbDeal_CreatesNoChannel()
    {
        await using var h = await SlackHarness.StartAsync();
        var routed = await h.CloseDealAsync(amount: 12000m);
        Assert.Equal("SMB", routed.Segment);

        await h.App.RunOutboxAsync();

        Assert.Empty(CustomerChannels(h));
        Assert.Empty(h.Slack.RequestsTo("conversations.create"));
        Assert.DoesNotContain(await h.OutboxAsync("deal-1"), o => o.Kind.StartsWith("customer-channel", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Close_WithoutBotToken_TheChannelGoesToTheFeed()
    {
        await using var h = await SlackHarness.StartAsync(withBotToken: false);
        await h.CloseDealAsync(amount: EnterpriseArr, company: Company);

        await h.App.RunOutboxAsync();

        var opened = Assert.Single(await h.OutboxAsync("deal-1"), o => o.Kind == "customer-channel");
        Assert.Equal(OutboxStatus.Sent, opened.Status);
        Assert.Equal("feed", opened.DeliveredTo);
        Assert.Contains("#cust-northwind-traders-inc", opened.Rendered);
        Assert.Contains("Ines Duarte", opened.Rendered);
        Assert.Null((await h.HandoffAsync("deal-1")).CustomerChannel);

        h.App.Time.Advance(TimeSpan.FromDays(30));
        await h.App.RunOutboxAsync();
        var archived = Assert.Single(await h.OutboxAsync("deal-1"), o => o.Kind == "customer-channel-archive");
        Assert.Equal("feed", archived.DeliveredTo);
        Assert.Contains("archived", archived.Rendered);
    }
}
