using Baton.Domain.Routing;

namespace Baton.Domain.Tests.Routing;

public sealed class RoutingTableTests
{
    private static PoolMember Member(string id, int capacity = 20) => new(id, $"{id}@example.com", null, capacity);

    private static readonly CsmPool SmbPool = new("smb", PoolStrategy.RoundRobin, [Member("ana"), Member("ben"), Member("cy")]);
    private static readonly CsmPool EnterpriseEmea = new("enterprise-emea", PoolStrategy.LeastLoaded, [Member("eve"), Member("dana"), Member("finn")]);
    private static readonly CsmPool Strategic = new("strategic", PoolStrategy.LeastLoaded, [Member("gus", capacity: 2)]);
    private static readonly CsmPool Fallback = new("cs-lead", PoolStrategy.RoundRobin, [Member("lee", capacity: 1)]);

    private static readonly RoutingTable Table = new(
        [
            new RoutingRule("strategic", Ae: "kim@example.com"),
            new RoutingRule("enterprise-emea", Segment: "Enterprise", Territory: "EMEA"),
            new RoutingRule("smb", ArrBelow: 25_000m),
        ],
        [SmbPool, EnterpriseEmea, Strategic, Fallback],
        "cs-lead");

    private static DealFacts Deal(string segment = "SMB", decimal arr = 12_000m, string? territory = "NA", string ae = "ae-1", string? aeEmail = "ae1@example.com") =>
        new("D-1", segment, arr, territory, ae, aeEmail);

    private static RoutingState Open(params (string Csm, int Open)[] counts) =>
        new(new Dictionary<string, int>(), counts.ToDictionary(c => c.Csm, c => c.Open));

    [Fact]
    public void Check_SoundTable_FindsNothing() => Assert.Empty(Table.Check());

    [Fact]
    public void Check_UndefinedPools_AreReported()
    {
        var broken = Table with { Rules = [new RoutingRule("nowhere", Segment: "SMB")], FallbackPool = "gone" };

        Assert.Equal(
            ["rule 1 (SMB) names pool nowhere, which is not defined", "the fallback pool gone is not defined"],
            broken.Check());
    }

    [Fact]
    public void Route_RoundRobin_TakesTurnsInPoolOrderAndWraps()
    {
        var state = RoutingState.Empty;
        var chosen = new List<string>();

        for (var i = 0; i < 4; i++)
        {
            var decision = Table.Route(Deal(), state);
            chosen.Add(decision.Csm.CsmId);
            state = decision.Next;
        }

        Assert.Equal(["ana", "ben", "cy", "ana"], chosen);
        Assert.Equal(1, state.Cursor("smb"));
        Assert.Equal(2, state.Open("ana"));
    }

    [Fact]
    public void Route_RoundRobinFromStoredCursor_StartsThere()
    {
        var state = new RoutingState(new Dictionary<string, int> { ["smb"] = 2 }, new Dictionary<string, int>());

        var decision = Table.Route(Deal(), state);

        Assert.Equal("cy", decision.Csm.CsmId);
        Assert.Equal(0, decision.Next.Cursor("smb"));
    }

    [Fact]
    public void Route_RoundRobinMemberAtCapacity_IsSkipped()
    {
        var state = new RoutingState(new Dictionary<string, int>(), new Dictionary<string, int> { ["ana"] = 20 });

        Assert.Equal("ben", Table.Route(Deal(), state).Csm.CsmId);
    }

    [Fact]
    public void Route_LeastLoaded_PicksFewestOpenHandoffs()
    {
        var decision = Table.Route(Deal("Enterprise", 150_000m, "EMEA"), Open(("eve", 5), ("dana", 3), ("finn", 4)));

        Assert.Equal("dana", decision.Csm.CsmId);
        Assert.Equal(4, decision.Next.Open("dana"));
        Assert.Equal("rule 2 (Enterprise, EMEA) → pool enterprise-emea, least loaded: dana (3 open)", decision.Explanation);
        Assert.Equal((2, false), (decision.RuleNumber, decision.UsedFallback));
    }

    [Fact]
    public void Route_LeastLoadedTie_GoesToTheMemberListedFirst()
    {
        var decision = Table.Route(Deal("Enterprise", 150_000m, "EMEA"), Open(("eve", 3), ("dana", 2), ("finn", 2)));

        Assert.Equal("dana", decision.Csm.CsmId);
    }

    [Fact]
    public void Route_NoRuleMatches_UsesFallbackAndSaysSo()
    {
        var decision = Table.Route(Deal("Mid-Market", 60_000m, "APAC"), RoutingState.Empty);

        Assert.Equal(("lee", "cs-lead", null, true), (decision.Csm.CsmId, decision.Pool, decision.RuleNumber, decision.UsedFallback));
        Assert.Equal("no rule matched; fallback → pool cs-lead, round robin: lee (0 open)", decision.Explanation);
    }

    [Fact]
    public void Route_MatchedPoolFull_UsesFallbackAndSaysWhy()
    {
        var decision = Table.Route(Deal(aeEmail: "kim@example.com"), Open(("gus", 2)));

        Assert.True(decision.UsedFallback);
        Assert.Equal("rule 1 (AE kim@example.com) → pool strategic is full; fallback → pool cs-lead, round robin: lee (0 open)", decision.Explanation);
    }

    [Fact]
    public void Route_FallbackFull_StillAssignsAndSaysItIsOverCapacity()
    {
        var decision = Table.Route(Deal("Mid-Market", 60_000m), Open(("lee", 1)));

        Assert.Equal("lee", decision.Csm.CsmId);
        Assert.EndsWith("lee (1 open) (all over capacity)", decision.Explanation);
    }

    [Fact]
    public void Route_SeveralRulesMatch_FirstRuleWins()
    {
        // Kim's SMB deal matches rule 1 (AE) and rule 3 (ARR below 25,000); order decides.
        var decision = Table.Route(Deal(aeEmail: "kim@example.com"), RoutingState.Empty);

        Assert.Equal((1, "strategic"), (decision.RuleNumber, decision.Pool));
    }

    [Theory]
    [InlineData("AE-9", null, true)]
    [InlineData("x", "ae-9", true)]
    [InlineData("x", "someone@example.com", false)]
    public void Matches_AeByOwnerIdOrEmail_IgnoresCase(string aeId, string? aeEmail, bool matches) =>
        Assert.Equal(matches, new RoutingRule("p", Ae: "ae-9").Matches(Deal(ae: aeId, aeEmail: aeEmail)));

    [Theory]
    [InlineData(24_999.99, true)]
    [InlineData(25_000, false)]
    [InlineData(10_000, true)]
    [InlineData(9_999, false)]
    public void Matches_ArrBand_IsMinInclusiveAndUpperExclusive(decimal arr, bool matches) =>
        Assert.Equal(matches, new RoutingRule("p", ArrMin: 10_000m, ArrBelow: 25_000m).Matches(Deal(arr: arr)));

    [Fact]
    public void Describe_AllCriteria_ReadsInOneLine() =>
        Assert.Equal(
            "Enterprise, ARR 100,000-250,000, EMEA, AE kim",
            new RoutingRule("p", "Enterprise", 100_000m, 250_000m, "EMEA", "kim").Describe());

    [Fact]
    public void Route_SameInputs_GiveTheSameDecision()
    {
        var state = Open(("eve", 1), ("dana", 1));

        Assert.Equal(
            Table.Route(Deal("Enterprise", 150_000m, "EMEA"), state).Explanation,
            Table.Route(Deal("Enterprise", 150_000m, "EMEA"), state).Explanation);
    }
}
