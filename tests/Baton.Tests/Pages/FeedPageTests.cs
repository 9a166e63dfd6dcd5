using Baton.Core.Data;
using Baton.Core.Outbox;
using Baton.Tests.Service;
using Baton.Web.Pages.Feed;

namespace Baton.Tests.Pages;

/// <summary>The mrkdwn renderer, case by case, and the feed page's paging.</summary>
public sealed class FeedPageTests
{
    private static readonly Dictionary<string, string> Names = new() { ["U123"] = "Yuki Tanaka" };

    [Theory]
    [InlineData("*bold* and _italic_ and ~gone~", "<strong>bold</strong> and <em>italic</em> and <del>gone</del>")]
    [InlineData("use `a*b*c` here", "use <code>a*b*c</code> here")]
    [InlineData("```\nline <1>\n*not bold*\n```", "<pre><code>line &lt;1&gt;\n*not bold*</code></pre>")]
    [InlineData("<https://example.com/a?b=1&amp;c=2|the plan>", "<a href=\"https://example.com/a?b=1&amp;c=2\" rel=\"noopener noreferrer\">the plan</a>")]
    [InlineData("<http://example.com>", "<a href=\"http://example.com/\" rel=\"noopener noreferrer\">http://example.com</a>")]
    [InlineData("hi <@U123>, and <@U999>", "hi <span class=\"mention\">@Yuki Tanaka</span>, and <span class=\"mention\">@U999</span>")]
    [InlineData("<#C1|cs-handoffs> <!here>", "<span class=\"mention\">#cs-handoffs</span> <span class=\"mention\">@here</span>")]
    [InlineData("a &lt;b&gt; &amp; c", "a &lt;b&gt; &amp; c")]
    [InlineData("Open:\n• one\n• *two*\ndone", "Open:<ul><li>one</li><li><strong>two</strong></li></ul>done")]
    [InlineData("first\nsecond", "first<br>second")]
    [InlineData("snake_case_name and 2*3*4", "snake_case_name and 2*3*4")]
    public void Mrkdwn_renders_as_Slack_shows_it(string text, string html) => Assert.Equal(html, Mrkdwn.ToHtml(text, Names));

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("&lt;script&gt;alert(1)&lt;/script&gt;")]
    [InlineData("*<img src=x onerror=alert(1)>*")]
    [InlineData("<javascript:alert(1)|click me>")]
    [InlineData("<JavaScript:alert(1)>")]
    [InlineData("< javascript:alert(1)|x>")]
    [InlineData("<data:text/html,<script>alert(1)</script>|x>")]
    [InlineData("<https://example.com/\"onmouseover=\"alert(1)|x>")]
    [InlineData("`<script>`")]
    [InlineData("```<script>alert(1)</script>```")]
    [InlineData("<@U1|<script>alert(1)</script>>")]
    public void Mrkdwn_never_lets_markup_or_a_script_link_through(string text)
    {
        var html = Mrkdwn.ToHtml(text, Names);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"javascript", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"data", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"onmouseover", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_javascript_link_keeps_its_label_as_text()
    {
        Assert.Equal("click me", Mrkdwn.ToHtml("<javascript:alert(1)|click me>"));
        Assert.Equal("", Mrkdwn.ToHtml(null));
    }

    [Fact]
    public async Task The_feed_shows_25_messages_a_page_newest_first_rendered_as_mrkdwn()
    {
        await using var app = await BatonApp.StartAsync();
        var start = new DateTime(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);
        await app.Db(db =>
        {
            for (var i = 1; i <= 30; i++)
                db.Outbox.Add(new OutboxRow
                {
                    IdempotencyKey = $"feed-test:{i}", DealId = "D-1", Channel = OutboxChannels.Slack, Kind = "test", Payload = "{}", Status = OutboxStatus.Sent,
                    CreatedAtUtc = start.AddMinutes(i), SentAtUtc = start.AddMinutes(i), DeliveredTo = FeedDelivery.Feed,
                    Rendered = $"message *number-{i:00}* <javascript:alert({i})|label-{i:00}>",
                });
            return db.SaveChangesAsync();
        });
        using var admin = PageClient.As(app, BatonApp.AdminEmail);
        var first = await admin.GetHtmlAsync("/feed");
        Assert.Contains("<strong>number-30</strong>", first);
        Assert.Contains("<strong>number-06</strong>", first);
        Assert.DoesNotContain("number-05", first);
        Assert.True(first.IndexOf("number-30", StringComparison.Ordinal) < first.IndexOf("number-29", StringComparison.Ordinal));
        Assert.DoesNotContain("href=\"javascript", first);
        Assert.Contains("href=\"/feed?page=2\"", first);
        Assert.Contains("these messages were NOT sent to Slack", first);

        var second = await admin.GetHtmlAsync("/feed?page=2");
        Assert.Contains("number-05", second);
        Assert.Contains("number-01", second);
        Assert.DoesNotContain("number-06", second);
        Assert.Contains("href=\"/feed?page=1\"", second);
        Assert.DoesNotContain("page=3", second);
    }
}
