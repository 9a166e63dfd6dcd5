using System.Text.Json.Nodes;
using Baton.Core.Integrations.Slack;
using Baton.Tests.Doubles.Slack;

namespace Baton.Tests.Integrations.Slack;

public sealed class HandoffPostBlocksTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeSeconds(1763800000);
    private static readonly SlackActed ByDana = new(SampleHandoffs.CsmUserId, At);

    private static JsonObject? ActionsBlock(JsonArray blocks) =>
        blocks.OfType<JsonObject>().SingleOrDefault(b => (string?)b["type"] == "actions");

    private static string[] ActionIds(JsonArray blocks) =>
        ActionsBlock(blocks)?["elements"]!.AsArray().Select(e => (string)e!["action_id"]!).ToArray() ?? [];

    private static string[] ContextLines(JsonArray blocks) =>
        [.. blocks.OfType<JsonObject>().Where(b => (string?)b["type"] == "context").Select(b => (string)b["elements"]![0]!["text"]!)];

    [Fact]
    public void Build_FreshHandoff_MentionsCsmAndOffersOnlyAcknowledgeAndReject()
    {
        var blocks = HandoffPostBlocks.Build(SampleHandoffs.Northwind());

        Assert.Contains("<@U0CSMDANA1>, this customer is now yours. State: *Posted*", JsonText.Of(blocks));
        // Accepting before the acknowledgment, or rating before acceptance, would only be refused.
        Assert.Equal(["baton.acknowledge", "baton.reject"], ActionIds(blocks));
        var elements = ActionsBlock(blocks)!["elements"]!.AsArray();
        Assert.Equal("I have read what was promised", (string?)elements[0]!["text"]!["text"]);
        Assert.All(elements, e => Assert.Equal("h-0001", (string?)e!["value"]));
        Assert.Equal("baton.handoff.h-0001", (string?)ActionsBlock(blocks)!["block_id"]);
        Assert.Empty(BlockKitRules.Check(blocks, BlockKitRules.Surface.Message));
    }

    [Fact]
    public void Build_HotHandoffAcknowledgedBeforeItsWarmCall_OffersNoAccept()
    {
        var post = SampleHandoffs.Northwind() with { Progress = new HandoffPostProgress(Acknowledged: ByDana, AwaitsWarmCall: true) };

        Assert.Equal(["baton.reject"], ActionIds(HandoffPostBlocks.Build(post)));
    }

    [Fact]
    public void Build_Accepted_OffersTheRatingFromOneToFive()
    {
        var post = SampleHandoffs.Northwind() with { Progress = new HandoffPostProgress(Acknowledged: ByDana, Accepted: ByDana) };

        var blocks = HandoffPostBlocks.Build(post);

        Assert.Equal(["baton.rate"], ActionIds(blocks));
        Assert.Equal(["1", "2", "3", "4", "5"], ActionsBlock(blocks)!["elements"]![0]!["options"]!.AsArray().Select(o => (string)o!["value"]!));
        Assert.Empty(BlockKitRules.Check(blocks, BlockKitRules.Surface.Message));
    }

    [Fact]
    public void Build_CsmWithoutSlackId_NamesThemEscaped()
    {
        var post = SampleHandoffs.Northwind() with { Csm = new SlackPerson(null, "Dana <Ops> & Co") };

        var blocks = HandoffPostBlocks.Build(post);

        Assert.Contains("Dana &lt;Ops&gt; &amp; Co, this customer", (string?)blocks[1]!["text"]!["text"]);
        Assert.DoesNotContain("<@", HandoffPostBlocks.FallbackText(post));
    }

    [Fact]
    public void Build_ShortFieldsWithMarkup_AreEscaped()
    {
        var post = SampleHandoffs.Northwind() with { Company = "AT&T", Sponsor = "<!channel> Jo", ArrText = "" };

        var blocks = HandoffPostBlocks.Build(post);

        var fields = blocks[2]!["fields"]!.AsArray().Select(f => (string)f!["text"]!).ToArray();
        Assert.Equal("*ARR*\n—", fields[0]);
        Assert.Equal("*Sponsor*\n&lt;!channel&gt; Jo", fields[2]);
        Assert.Equal("Handoff: AT&T", (string?)blocks[0]!["text"]!["text"]);
        Assert.StartsWith("Handoff: AT&amp;T (—)", HandoffPostBlocks.FallbackText(post));
    }

    [Fact]
    public void Build_Acknowledged_ReplacesAcknowledgeButtonWithContextLine()
    {
        var post = SampleHandoffs.Northwind() with { Progress = new HandoffPostProgress(Acknowledged: ByDana) };

        var blocks = HandoffPostBlocks.Build(post);

        Assert.Equal(["baton.accept", "baton.reject"], ActionIds(blocks));
        Assert.Contains("Acknowledged by <@U0CSMDANA1> at <!date^1763800000^{date_short_pretty} {time}|2025-11-22 08:26 UTC>", ContextLines(blocks));
    }

    [Fact]
    public void Build_AcceptedAndRated_HasNoButtons()
    {
        var post = SampleHandoffs.Northwind() with
        {
            Progress = new HandoffPostProgress(Acknowledged: ByDana, Accepted: ByDana, Rated: new SlackRated(4, SampleHandoffs.CsmUserId, At)),
        };

        var blocks = HandoffPostBlocks.Build(post);

        Assert.Null(ActionsBlock(blocks));
        Assert.Contains(ContextLines(blocks), l => l.StartsWith("Rated 4/5 by <@U0CSMDANA1>", StringComparison.Ordinal));
        Assert.Contains(ContextLines(blocks), l => l.StartsWith("Accepted by <@U0CSMDANA1>", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_Rejected_HasNoButtonsAndSaysSo()
    {
        var post = SampleHandoffs.Northwind() with { Progress = new HandoffPostProgress(Acknowledged: ByDana, Rejected: ByDana) };

        var blocks = HandoffPostBlocks.Build(post);

        Assert.Null(ActionsBlock(blocks));
        Assert.Contains(ContextLines(blocks), l => l.StartsWith("Rejected by <@U0CSMDANA1>", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_OversizedEverything_StaysWithinBlockKitLimits()
    {
        var huge = new string('w', 10_000);
        var post = SampleHandoffs.Northwind() with
        {
            Company = huge, ArrText = huge, Segment = huge, Sponsor = huge, Champion = huge, StateLabel = huge,
            WhyNowMrkdwn = huge, SuccessMetricMrkdwn = huge, PromisedMrkdwn = huge, RisksMrkdwn = huge,
            Csm = new SlackPerson(null, huge),
        };

        var blocks = HandoffPostBlocks.Build(post);

        Assert.Empty(BlockKitRules.Check(blocks, BlockKitRules.Surface.Message));
        Assert.EndsWith("…", (string?)blocks[0]!["text"]!["text"]);
    }

    [Fact]
    public void Build_EmptyLongFields_UseADashBecauseSlackRefusesEmptyText()
    {
        var post = SampleHandoffs.Northwind() with { WhyNowMrkdwn = "", RisksMrkdwn = "   " };

        var blocks = HandoffPostBlocks.Build(post);

        Assert.Empty(BlockKitRules.Check(blocks, BlockKitRules.Surface.Message));
        Assert.Contains("*Why now*\n—", JsonText.Of(blocks).Replace("\\n", "\n"));
    }

    [Fact]
    public void Build_HandoffIdTooLongForABlockId_Throws()
    {
        var post = SampleHandoffs.Northwind() with { HandoffId = new string('h', 201) };

        Assert.Throws<ArgumentException>(() => HandoffPostBlocks.Build(post));
    }

    [Fact]
    public void RejectModal_FewFields_UsesCheckboxesAndCarriesHandoffId()
    {
        var view = HandoffPostBlocks.RejectModal("h-0001", "Northwind", [new("why_now", "Why now"), new("promised", "What was promised")]);

        Assert.Empty(BlockKitRules.CheckModal(view));
        Assert.Equal("baton.reject", (string?)view["callback_id"]);
        Assert.Equal("h-0001", (string?)view["private_metadata"]);
        var blocks = view["blocks"]!.AsArray();
        var reason = blocks.Single(b => (string?)b!["block_id"] == HandoffPostBlocks.ReasonBlockId)!;
        Assert.Null(reason["optional"]);
        Assert.True((bool)reason["element"]!["multiline"]!);
        var junk = blocks.Single(b => (string?)b!["block_id"] == HandoffPostBlocks.JunkBlockId)!;
        Assert.Equal("checkboxes", (string?)junk["element"]!["type"]);
        Assert.Equal(["why_now", "promised"], junk["element"]!["options"]!.AsArray().Select(o => (string)o!["value"]!));
    }

    [Fact]
    public void RejectModal_ElevenFields_UsesMultiSelect()
    {
        var fields = Enumerable.Range(1, 11).Select(i => new JunkFieldOption($"f{i}", $"Field {i}")).ToList();

        var view = HandoffPostBlocks.RejectModal("h-0001", "Northwind", fields);

        Assert.Empty(BlockKitRules.CheckModal(view));
        var junk = view["blocks"]!.AsArray().Single(b => (string?)b!["block_id"] == HandoffPostBlocks.JunkBlockId)!;
        Assert.Equal("multi_static_select", (string?)junk["element"]!["type"]);
    }

    [Fact]
    public void RejectModal_NoFields_LeavesOutTheJunkQuestion()
    {
        var view = HandoffPostBlocks.RejectModal("h-0001", "Northwind", []);

        Assert.Empty(BlockKitRules.CheckModal(view));
        Assert.DoesNotContain(view["blocks"]!.AsArray(), b => (string?)b!["block_id"] == HandoffPostBlocks.JunkBlockId);
    }

    [Fact]
    public void RejectModal_LongLabels_AreFitted()
    {
        var view = HandoffPostBlocks.RejectModal("h-0001", new string('c', 5000), [new("k", new string('l', 200))]);

        Assert.Empty(BlockKitRules.CheckModal(view));
    }

    [Theory]
    [InlineData("abcdef <@U0CSMDANA1> tail", 12, "abcdef…")]
    [InlineData("abc &amp; def", 7, "abc…")]
    [InlineData("short", 5, "short")]
    [InlineData("one two three", 8, "one two…")]
    public void Fit_TextOverLimit_CutsCleanlyWithEllipsis(string text, int max, string expected) =>
        Assert.Equal(expected, BlockKitText.Fit(text, max));

    [Fact]
    public void Fit_CutInsideSurrogatePair_KeepsThePairWhole()
    {
        var text = "ab\U0001F600cd";

        var fitted = BlockKitText.Fit(text, 4);

        Assert.Equal("ab…", fitted);
    }
}
