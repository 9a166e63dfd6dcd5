using System.Globalization;

namespace Baton.Domain.Routing;

/// <summary>How a pool picks among its members.</summary>
public enum PoolStrategy
{
    /// <summary>Take turns in member order, from the pool's cursor.</summary>
    RoundRobin,
    /// <summary>Fewest open handoffs; a tie goes to the member listed first.</summary>
    LeastLoaded,
}

/// <summary>A CSM in a pool. <paramref name="Capacity"/> is the most open handoffs they take.</summary>
public sealed record PoolMember(string CsmId, string Email, string? SlackId, int Capacity);

/// <summary>A named group of CSMs that share incoming customers.</summary>
public sealed record CsmPool(string Name, PoolStrategy Strategy, IReadOnlyList<PoolMember> Members);

/// <summary>What routing needs to know about a closed deal.</summary>
public sealed record DealFacts(string DealId, string Segment, decimal Arr, string? Territory, string AeId, string? AeEmail);

/// <summary>
/// One routing rule; every criterion that is set must match, unset criteria match anything.
/// The ARR band is [<paramref name="ArrMin"/>, <paramref name="ArrBelow"/>), like the playbook's segments.
/// </summary>
public sealed record RoutingRule(
    string Pool,
    string? Segment = null,
    decimal? ArrMin = null,
    decimal? ArrBelow = null,
    string? Territory = null,
    string? Ae = null)
{
    public bool Matches(DealFacts deal) =>
        (Segment is null || string.Equals(Segment, deal.Segment, StringComparison.OrdinalIgnoreCase))
        && (ArrMin is null || deal.Arr >= ArrMin)
        && (ArrBelow is null || deal.Arr < ArrBelow)
        && (Territory is null || string.Equals(Territory, deal.Territory, StringComparison.OrdinalIgnoreCase))
        // The AE may be named by owner id or by e-mail; CRMs export one or the other.
        && (Ae is null
            || string.Equals(Ae, deal.AeId, StringComparison.OrdinalIgnoreCase)
            || string.Equals(Ae, deal.AeEmail, StringComparison.OrdinalIgnoreCase));

    /// <summary>The criteria in a few words, e.g. "Enterprise, EMEA".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Segment is not null) parts.Add(Segment);
        if (ArrMin is not null || ArrBelow is not null)
            parts.Add((ArrMin, ArrBelow) switch
            {
                (not null, not null) => $"ARR {Money(ArrMin.Value)}-{Money(ArrBelow.Value)}",
                (not null, null) => $"ARR ≥ {Money(ArrMin.Value)}",
                _ => $"ARR < {Money(ArrBelow!.Value)}",
            });
        if (Territory is not null) parts.Add(Territory);
        if (Ae is not null) parts.Add($"AE {Ae}");
        return parts.Count == 0 ? "any deal" : string.Join(", ", parts);
    }

    private static string Money(decimal amount) => amount.ToString("#,0.##", CultureInfo.InvariantCulture);
}

/// <summary>
/// What routing remembers between deals: each pool's round-robin cursor (the index of the member whose
/// turn is next) and each CSM's open handoff count.
/// </summary>
public sealed record RoutingState(IReadOnlyDictionary<string, int> Cursors, IReadOnlyDictionary<string, int> OpenHandoffs)
{
    public static RoutingState Empty { get; } = new(new Dictionary<string, int>(), new Dictionary<string, int>());

    public int Cursor(string pool) => Cursors.GetValueOrDefault(pool);

    public int Open(string csmId) => OpenHandoffs.GetValueOrDefault(csmId);
}

/// <summary>
/// The chosen CSM, where the choice came from and the state to store for the next deal.
/// <paramref name="RuleNumber"/> is 1-based and null when no rule matched.
/// </summary>
public sealed record RoutingDecision(
    PoolMember Csm,
    string Pool,
    int? RuleNumber,
    bool UsedFallback,
    RoutingState Next,
    string Explanation);

/// <summary>The team's routing: ordered rules, pools and the fallback pool.</summary>
/// <remarks>
/// The first matching rule wins. A pool whose members are all at capacity sends the deal to the fallback
/// pool; the fallback pool assigns even over capacity, because every customer must have an owner.
/// A fallback pool of one member is a fallback CSM.
/// </remarks>
public sealed record RoutingTable(IReadOnlyList<RoutingRule> Rules, IReadOnlyList<CsmPool> Pools, string FallbackPool)
{
    /// <summary>Problems that would make routing fail at run time; empty when the table is sound.</summary>
    public IReadOnlyList<string> Check()
    {
        var names = Pools.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        problems.AddRange(Pools.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .Select(g => $"pool {g.Key} is defined {g.Count()} times"));
        problems.AddRange(Pools.Where(p => p.Members.Count == 0).Select(p => $"pool {p.Name} has no members"));
        problems.AddRange(Rules.Select((r, i) => (r, i)).Where(x => !names.Contains(x.r.Pool))
            .Select(x => $"rule {x.i + 1} ({x.r.Describe()}) names pool {x.r.Pool}, which is not defined"));
        if (!names.Contains(FallbackPool)) problems.Add($"the fallback pool {FallbackPool} is not defined");
        return problems;
    }

    /// <summary>Chooses a CSM for <paramref name="deal"/>. Pure: the new cursor and counts come back in the decision.</summary>
    /// <remarks>Assumes <see cref="Check"/> found nothing; an undefined pool is a configuration error and throws.</remarks>
    public RoutingDecision Route(DealFacts deal, RoutingState state)
    {
        var index = Rules.Select((r, i) => (r, i)).FirstOrDefault(x => x.r.Matches(deal), (null!, -1)).Item2;
        if (index >= 0)
        {
            var rule = Rules[index];
            var pool = PoolNamed(rule.Pool);
            var why = $"rule {index + 1} ({rule.Describe()}) → pool {pool.Name}";
            if (Choose(pool, state, overCapacity: false) is { } pick)
                return Decide(pool, pick, state, index + 1, fallback: false, $"{why}, {pick.How}");
            return Fallback(state, $"{why} is full; fallback");
        }
        return Fallback(state, "no rule matched; fallback");
    }

    private RoutingDecision Fallback(RoutingState state, string why)
    {
        var pool = PoolNamed(FallbackPool);
        var pick = Choose(pool, state, overCapacity: false) ?? Choose(pool, state, overCapacity: true)
            ?? throw new InvalidOperationException($"the fallback pool {pool.Name} has no members; RoutingTable.Check reports this before use");
        return Decide(pool, pick, state, null, fallback: true, $"{why} → pool {pool.Name}, {pick.How}");
    }

    private CsmPool PoolNamed(string name) =>
        Pools.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidOperationException($"pool {name} is not defined; RoutingTable.Check reports this before use");

    private sealed record Choice(int Index, PoolMember Member, string How);

    private static Choice? Choose(CsmPool pool, RoutingState state, bool overCapacity)
    {
        var members = pool.Members;
        if (members.Count == 0) return null;
        bool HasRoom(PoolMember m) => overCapacity || state.Open(m.CsmId) < m.Capacity;
        var full = overCapacity ? " (all over capacity)" : "";

        if (pool.Strategy == PoolStrategy.RoundRobin)
        {
            var start = ((state.Cursor(pool.Name) % members.Count) + members.Count) % members.Count;
            for (var step = 0; step < members.Count; step++)
            {
                var i = (start + step) % members.Count;
                if (HasRoom(members[i]))
                    return new Choice(i, members[i], $"round robin: {members[i].CsmId} ({state.Open(members[i].CsmId)} open){full}");
            }
            return null;
        }

        // Strictly-less keeps the first of equal loads: ties go by pool order.
        Choice? best = null;
        for (var i = 0; i < members.Count; i++)
        {
            if (HasRoom(members[i]) && (best is null || state.Open(members[i].CsmId) < state.Open(best.Member.CsmId)))
                best = new Choice(i, members[i], "");
        }
        return best is null
            ? null
            : best with { How = $"least loaded: {best.Member.CsmId} ({state.Open(best.Member.CsmId)} open){full}" };
    }

    private static RoutingDecision Decide(CsmPool pool, Choice pick, RoutingState state, int? rule, bool fallback, string explanation)
    {
        var cursors = new Dictionary<string, int>(state.Cursors);
        if (pool.Strategy == PoolStrategy.RoundRobin) cursors[pool.Name] = (pick.Index + 1) % pool.Members.Count;
        var open = new Dictionary<string, int>(state.OpenHandoffs) { [pick.Member.CsmId] = state.Open(pick.Member.CsmId) + 1 };
        return new RoutingDecision(pick.Member, pool.Name, rule, fallback, new RoutingState(cursors, open), explanation);
    }
}
