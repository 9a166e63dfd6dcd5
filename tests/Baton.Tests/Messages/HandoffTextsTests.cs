using Baton.Core.Messages;
using Baton.Domain.Handoffs;

namespace Baton.Tests.Messages;

public sealed class HandoffTextsTests
{
    [Fact]
    public void ThreadReply_Acknowledged_NamesTheCsmAndQuotesEveryLineOfWhatWasPromised()
    {
        var text = HandoffTexts.ThreadReply(MessageKind.Acknowledged, "Northwind", "<@UDANA>", "Rachel", 1, null, "Slack channel for 90 days\nCSV export <by 15 Feb> & more");

        Assert.Equal("✅ <@UDANA> acknowledged the handoff and confirmed what was promised:\n> Slack channel for 90 days\n> CSV export &lt;by 15 Feb&gt; &amp; more", text);
    }

    [Fact]
    public void Quote_LongText_IsCutAtASpaceBeforeEscapingAndEndsInAnEllipsis()
    {
        var promised = string.Concat(Enumerable.Repeat("weekly office hours & ", 30));

        var quote = HandoffTexts.Quote(promised);

        Assert.EndsWith("…", quote);
        Assert.True(quote.Length < HandoffTexts.MaxPromisedQuote + 60);
        // No entity is cut in half: every '&' that remains is a whole "&amp;".
        Assert.Equal(quote.Split('&').Length - 1, quote.Split("&amp;").Length - 1);
        Assert.DoesNotContain("hou…", quote);
    }

    [Fact]
    public void Quote_Nothing_IsADash() => Assert.Equal("> —", HandoffTexts.Quote("  "));

    [Fact]
    public void Quote_CutAtAnEmoji_KeepsItWhole()
    {
        var promised = new string('a', HandoffTexts.MaxPromisedQuote - 1) + "🎉🎉";

        var quote = HandoffTexts.Quote(promised);

        Assert.Equal("> " + new string('a', HandoffTexts.MaxPromisedQuote - 1) + "…", quote);
    }
}
