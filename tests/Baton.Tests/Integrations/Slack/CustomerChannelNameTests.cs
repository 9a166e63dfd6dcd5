using System.Text;
using System.Text.RegularExpressions;
using Baton.Core.Integrations.Slack;
using Baton.Tests.Doubles.Slack;
using Microsoft.Extensions.Options;

namespace Baton.Tests.Integrations.Slack;

public sealed partial class CustomerChannelNameTests
{
    [Theory]
    [InlineData("Northwind Traders, Inc.", "cust-northwind-traders-inc")]
    [InlineData("  Café Müller GmbH  ", "cust-cafe-muller-gmbh")]
    [InlineData("AT&T", "cust-at-t")]
    [InlineData("O'Reilly Media", "cust-o-reilly-media")]
    [InlineData("data_works", "cust-data_works")]
    [InlineData("--Acme--", "cust-acme")]
    [InlineData("株式会社", "cust-deal-d-1042")]
    [InlineData("", "cust-deal-d-1042")]
    [InlineData("!!!", "cust-deal-d-1042")]
    public void For_Company_SlackName(string company, string expected)
    {
        Assert.Equal(expected, CustomerChannelName.For(company, "D-1042"));
    }

    [Theory]
    [InlineData("cust-", "cust-northwind")]
    [InlineData("acct", "acct-northwind")]
    [InlineData("Key Accounts: ", "key-accounts-northwind")]
    [InlineData("cs_", "cs_northwind")]
    [InlineData("", "northwind")]
    [InlineData("###", "northwind")]
    public void For_Prefix_SluggedAndJoinedWithAHyphen(string prefix, string expected)
    {
        Assert.Equal(expected, CustomerChannelName.For("Northwind", "1042", prefix));
    }

    [Fact]
    public void For_LongName_CutAtAWordWithinEightyCharacters()
    {
        var name = CustomerChannelName.For(
            "The Northwind Traders and Associated Import Export Companies of the Pacific Northwest, Incorporated", "1042");

        Assert.Equal("cust-the-northwind-traders-and-associated-import-export-companies-of-the", name);
        Assert.True(name.Length <= CustomerChannelName.MaxLength);
    }

    [Fact]
    public void WithDealId_NameTaken_EndsWithTheDealIdEvenWhenTheCompanyIsLong()
    {
        Assert.Equal("cust-northwind-traders-inc-deal-1042", CustomerChannelName.WithDealId("Northwind Traders, Inc.", "1042"));
        var longName = CustomerChannelName.WithDealId(new string('x', 200), "HS-88231907");
        Assert.EndsWith("-deal-hs-88231907", longName);
        Assert.True(longName.Length <= CustomerChannelName.MaxLength);
    }

    /// <summary>Property: whatever the company, the deal id and the prefix, the name keeps Slack's rules.</summary>
    [Fact]
    public void For_AnyInput_ValidSlackName()
    {
        var random = new Random(20261201);
        for (var i = 0; i < 5_000; i++)
        {
            var company = RandomText(random, random.Next(0, 200));
            var dealId = RandomText(random, random.Next(0, 60));
            var prefix = random.Next(4) == 0 ? RandomText(random, random.Next(0, 100)) : CustomerChannelName.DefaultPrefix;

            var name = CustomerChannelName.For(company, dealId, prefix);
            var withDealId = CustomerChannelName.WithDealId(company, dealId, prefix);

            var input = $"company '{Escape(company)}', deal '{Escape(dealId)}', prefix '{Escape(prefix)}'";
            Assert.True(SlackName().IsMatch(name), $"'{name}' from {input}");
            Assert.True(SlackName().IsMatch(withDealId), $"'{withDealId}' from {input}");
            Assert.Equal(name, CustomerChannelName.For(company, dealId, prefix));
        }
    }

    /// <summary>The same property as Slack judges it: the double refuses what conversations.create refuses.</summary>
    [Fact]
    public async Task For_AnyInput_AcceptedByConversationsCreate()
    {
        await using var slack = await SlackDouble.StartAsync();
        // 300 names in one instant: far past conversations.create's Tier 2, which is not what this test is about.
        slack.EnforceRateLimits = false;
        using var http = new HttpClient();
        var api = new SlackApi(http, Options.Create(new SlackOptions { ApiBaseUrl = slack.BaseUrl, BotToken = slack.BotToken }));
        var random = new Random(7);
        var names = Enumerable.Range(0, 300)
            .Select(i => CustomerChannelName.WithDealId(RandomText(random, random.Next(0, 120)), i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();

        foreach (var name in names)
            Assert.IsType<SlackResult<SlackChannel>.Ok>(await api.CreateChannelAsync(name, isPrivate: true));
    }

    /// <summary>Letters of several scripts, accents, digits, punctuation, whitespace, emoji and the odd lone surrogate.</summary>
    private static string RandomText(Random random, int length)
    {
        const string pool = "abcxyzABCXYZ0189 -_.,&'!?#@/\\\t\néèüÜßøÅçñİı株式会社Привет";
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            switch (random.Next(20))
            {
                case 0: text.Append("🚀"); break;
                case 1: text.Append((char)random.Next(0xD800, 0xE000)); break;
                case 2: text.Append((char)random.Next(0x20, 0x3000)); break;
                default: text.Append(pool[random.Next(pool.Length)]); break;
            }
        }
        return text.ToString();
    }

    private static string Escape(string text) => string.Concat(text.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:x4}"));

    [GeneratedRegex("^[a-z0-9_](?:[a-z0-9_-]{0,78}[a-z0-9_])?$")]
    private static partial Regex SlackName();
}
