using System.Diagnostics;
using System.Globalization;
using Baton.Core.Clocks;
using Baton.Core.Data;
using Baton.Core.Deals;
using Baton.Core.Handoffs;
using Baton.Core.Outbox;
using Baton.Core.Playbook;
using Baton.Domain.Calendar;
using Baton.Domain.Contracts;
using Baton.Domain.Handoffs;
using Baton.Domain.Playbook;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Core.Demo;

/// <param name="Deals">How many deals to create.</param>
/// <param name="Seed">Same seed, same end instant and same playbook: the same data set.</param>
/// <param name="EndUtc">Where the simulation stops (the demo passes "now"); it starts <paramref name="Weeks"/> weeks before.</param>
public sealed record DemoOptions(int Deals, int Seed, DateTimeOffset EndUtc, int Weeks = 6);

public sealed record DemoSummary(
    int Deals, int Handoffs, IReadOnlyDictionary<string, int> HandoffStates, IReadOnlyDictionary<string, int> DealStages,
    int FeedMessages, int MissedClocks, int Rejections, int GateRefusals, int Actions, int Deliveries, TimeSpan Elapsed, TimeSpan Cpu);

/// <summary>
/// Builds a realistic data set through the real use cases (<see cref="CreateDeal"/>, <see cref="MoveDealStage"/>, <see cref="ApplyHandoffTrigger"/>) while a
/// simulated clock walks forward over the last weeks of business time; the outbox and clock pumps run as time advances, so
/// posts, escalations and missed clocks happen the way they would in production.
/// </summary>
/// <remarks>
/// The host's <see cref="TimeProvider"/> must be <paramref name="clock"/>, and the host must not run its pumps meanwhile.
/// Every step is one scheduled action; actions due after the end are dropped, which leaves recent deals mid-flow.
/// </remarks>
public sealed class DemoGenerator(IServiceProvider services, DemoClock clock)
{
    private readonly PriorityQueue<Func<Task>, (long Ticks, long Seq)> _agenda = new();
    private long _seq;
    private DateTimeOffset _end;
    private Random _rng = new(0);
    private PlaybookContext _context = null!;
    private int _gateRefusals;
    private int _actions;
    private DateTimeOffset _start;
    private string[] _aes = [];

    private Domain.Playbook.Playbook Playbook => _context.Playbook;

    public async Task<DemoSummary> GenerateAsync(DemoOptions options, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        _context = services.GetRequiredService<PlaybookContext>();
        _rng = new Random(options.Seed);
        _end = options.EndUtc;
        var start = options.EndUtc.AddDays(-7 * options.Weeks);
        _start = start;
        clock.Set(start);
        var aes = Playbook.Team.Where(p => p.Role == Roles.Ae).Select(p => p.Id).ToArray();
        if (aes.Length == 0) aes = ["ae"];
        _aes = aes;
        var companies = Companies(options.Deals);
        var openStages = Playbook.Stages.Where(s => s.Outcome == StageOutcome.Open).OrderBy(s => s.Order).Select(s => s.Name).ToArray();
        var span = (options.EndUtc - start).TotalMinutes;

        for (var i = 0; i < options.Deals; i++)
        {
            var created = start.AddMinutes(_rng.NextDouble() * span * 0.93);
            var owner = aes[_rng.Next(aes.Length)];
            var plan = new DealPlan(
                Id: $"D-{1001 + i}",
                Company: companies[i],
                Owner: owner,
                Amount: Amount(),
                Fate: _rng.NextDouble() switch { < 0.12 => Fate.Lost, < 0.38 => Fate.Open, _ => Fate.Won },
                OpenStage: openStages[_rng.Next(openStages.Length)],
                Sloppy: _rng.NextDouble() < Sloppiness(owner, Progress(created)));
            // Decided once per deal: a rep who skips a soft field skips it every time they edit the deal.
            // And one soft field almost nobody knows by then, which the monthly field review should flag for removal.
            plan = plan with
            {
                Skips = Playbook.Fields.Fields.Where(f => f.Requirement != Domain.Fields.Requirement.Hard
                    && _rng.NextDouble() < (f.Key == DemoBanks.UnknownField ? 0.7 : plan.Sloppy ? 0.45 : 0.06)).Select(f => f.Key).ToHashSet(),
            };
            At(created, () => CreateAsync(plan, ct));
        }

        while (_agenda.TryDequeue(out var action, out var when))
        {
            var at = new DateTimeOffset(when.Ticks, TimeSpan.Zero);
            if (at > _end) break;
            await AdvanceToAsync(at, ct);
            await action();
            _actions++;
            await PumpOutboxAsync(ct);
        }
        await AdvanceToAsync(_end, ct);
        clock.Set(_end);
        return await SummarizeAsync(watch, cpu, ct);
    }

    // ---- deals ----

    private async Task CreateAsync(DealPlan plan, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var fields = GoodFields(plan, "Discovery", now).Where(_ => _rng.NextDouble() < 0.8).ToDictionary();
        await services.DealAsync<CreateDeal>(d => d.RunAsync(
            new NewDeal(plan.Id, $"{plan.Company} - new business", plan.Company, "Qualified", plan.Owner, plan.Amount, Territory(), null, fields),
            plan.Owner, _rng.NextDouble() < 0.5 ? "crm" : "ui", ct));
        var target = plan.Fate == Fate.Open ? plan.OpenStage : plan.Fate == Fate.Lost ? Pick(["Demo", "Proposal", "Contract Sent"]) : "Contract Sent";
        if (target != "Qualified") At(Later(now, 6, 40), () => AdvanceDealAsync(plan, target, ct));
    }

    /// <summary>The AE fills in what they know by then and moves the deal; a sloppy AE types filler first and is refused.</summary>
    private async Task AdvanceDealAsync(DealPlan plan, string stage, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var fields = GoodFields(plan, stage, now);
        if (plan.Sloppy && stage == "Contract Sent")
            foreach (var key in new[] { "promised", "risks", "why_we_won" }.Where(_ => _rng.NextDouble() < 0.6))
                fields[key] = Pick(DemoBanks.Filler);
        await services.DealAsync<SetDealFields>(d => d.RunAsync(plan.Id, fields, plan.Owner, "ui", ct));
        var moved = await services.DealAsync<MoveDealStage>(d => d.RunAsync(plan.Id, stage, plan.Owner, ct));
        if (moved is DealResult.GateRefused)
        {
            _gateRefusals++;
            At(Later(now, 1, 8), () => FixAndRetryAsync(plan, stage, ct));
            return;
        }
        Next(plan, stage, now);
    }

    private async Task FixAndRetryAsync(DealPlan plan, string stage, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await services.DealAsync<SetDealFields>(d => d.RunAsync(plan.Id, GoodFields(plan, stage, now), plan.Owner, "ui", ct));
        var moved = await services.DealAsync<MoveDealStage>(d => d.RunAsync(plan.Id, stage, plan.Owner, ct));
        if (moved is DealResult.Ok) Next(plan, stage, now);
    }

    private void Next(DealPlan plan, string stage, DateTimeOffset now)
    {
        if (plan.Fate == Fate.Lost && stage != "Closed Lost") At(Later(now, 8, 80), () => LoseAsync(plan));
        else if (plan.Fate == Fate.Won && stage == "Contract Sent") At(Later(now, 8, 70), () => CloseAsync(plan));
    }

    private async Task LoseAsync(DealPlan plan) =>
        await services.DealAsync<MoveDealStage>(d => d.RunAsync(plan.Id, "Closed Lost", plan.Owner, CancellationToken.None));

    /// <summary>The close: contract dates go in at signature; half the sloppy AEs forget them and the gate says so.</summary>
    private async Task CloseAsync(DealPlan plan)
    {
        var now = clock.GetUtcNow();
        if (!(plan.Sloppy && _rng.NextDouble() < 0.5))
            await services.DealAsync<SetDealFields>(d => d.RunAsync(plan.Id, ContractDates(now), plan.Owner, "crm", CancellationToken.None));
        var moved = await services.DealAsync<MoveDealStage>(d => d.RunAsync(plan.Id, "Closed Won", plan.Owner, CancellationToken.None));
        if (moved is DealResult.GateRefused)
        {
            _gateRefusals++;
            At(Later(now, 1, 6), async () =>
            {
                var at = clock.GetUtcNow();
                await services.DealAsync<SetDealFields>(d => d.RunAsync(plan.Id, ContractDates(at), plan.Owner, "crm", CancellationToken.None));
                if (await services.DealAsync<MoveDealStage>(d => d.RunAsync(plan.Id, "Closed Won", plan.Owner, CancellationToken.None)) is DealResult.Ok)
                    PlanHandoff(plan, at);
            });
            return;
        }
        if (moved is DealResult.Ok) PlanHandoff(plan, now);
    }

    // ---- handoffs ----

    /// <summary>How this CSM will treat this handoff: mostly prompt, some late, a few absent until a lead reassigns.</summary>
    private void PlanHandoff(DealPlan plan, DateTimeOffset closedAt)
    {
        var roll = _rng.NextDouble();
        var late = 0.32 - 0.2 * Progress(closedAt);
        PlanContract(plan, closedAt);
        if (roll < 0.08)
            At(Later(closedAt, 10, 14), () => ReassignAsync(plan));
        else if (roll < late)
            At(Later(closedAt, 9, 14), () => AcknowledgeAsync(plan, round: 1)); // past the 1-business-day clock
        else
            At(Later(closedAt, 0, 6), () => AcknowledgeAsync(plan, round: 1));
    }

    private async Task ReassignAsync(DealPlan plan)
    {
        var row = await Handoff(plan.Id);
        if (row?.CsmId is null) return;
        var lead = Playbook.Team.FirstOrDefault(p => p.Role == Roles.CsLead)?.Id ?? "cs_lead";
        var pool = Playbook.Routing?.Pools.FirstOrDefault(p => p.Name == row.Pool);
        var others = (pool?.Members.Select(m => m.CsmId) ?? Playbook.Team.Where(p => p.Role == Roles.Csm).Select(p => p.Id)).Where(c => c != row.CsmId).ToArray();
        if (others.Length == 0) return;
        var to = Pick(others);
        var outcome = await Apply(plan.Id, new CsmAssigned(to, row.Pool ?? "manual", $"reassigned by {lead}: {row.CsmId} did not acknowledge in time", lead));
        if (outcome.Kind == HandoffOutcomeKind.Applied) At(Later(clock.GetUtcNow(), 1, 4), () => AcknowledgeAsync(plan, round: 1));
    }

    private async Task AcknowledgeAsync(DealPlan plan, int round)
    {
        var row = await Handoff(plan.Id);
        if (row?.CsmId is null) return;
        if ((await Apply(plan.Id, new Acknowledged(row.CsmId, ConfirmedPromised: true))).Kind != HandoffOutcomeKind.Applied) return;
        var now = clock.GetUtcNow();
        var rejects = round == 1 && _rng.NextDouble() < (plan.Sloppy ? 0.35 : 0.08);
        if (row.Type == nameof(HandoffType.Hot) && row.WarmCallHeldAtUtc is null)
            At(Later(now, 2, _rng.NextDouble() < 0.15 ? 30 : 16), () => WarmCallAsync(plan, rejects));
        else
            At(Later(now, 1, 8), () => rejects ? RejectAsync(plan) : AcceptAsync(plan));
    }

    private async Task WarmCallAsync(DealPlan plan, bool thenReject)
    {
        if ((await Apply(plan.Id, new WarmCallHeld(plan.Owner))).Kind != HandoffOutcomeKind.Applied) return;
        At(Later(clock.GetUtcNow(), 1, 6), () => thenReject ? RejectAsync(plan) : AcceptAsync(plan));
    }

    private async Task RejectAsync(DealPlan plan)
    {
        var row = await Handoff(plan.Id);
        if (row?.CsmId is null) return;
        var junk = DemoBanks.JunkCandidates.OrderBy(_ => _rng.Next()).Take(_rng.Next(1, 3)).ToArray();
        var reasons = new[] { Pick(DemoBanks.RejectionReasons) };
        if ((await Apply(plan.Id, new Rejected(row.CsmId, reasons, junk))).Kind != HandoffOutcomeKind.Applied) return;
        At(Later(clock.GetUtcNow(), 2, 12), async () =>
        {
            // The AE rewrites exactly what the CSM flagged, then sends it back.
            var now = clock.GetUtcNow();
            var all = GoodFields(plan, "Closed Won", now);
            await services.DealAsync<SetDealFields>(d => d.RunAsync(plan.Id, junk.Where(all.ContainsKey).ToDictionary(k => k, k => all[k]), plan.Owner, "ui", CancellationToken.None));
            if ((await Apply(plan.Id, new Resubmitted(plan.Owner))).Kind == HandoffOutcomeKind.Applied)
                At(Later(clock.GetUtcNow(), 1, 6), () => AcknowledgeAsync(plan, round: 2));
        });
    }

    private async Task AcceptAsync(DealPlan plan)
    {
        var row = await Handoff(plan.Id);
        if (row?.CsmId is null) return;
        if ((await Apply(plan.Id, new Accepted(row.CsmId))).Kind != HandoffOutcomeKind.Applied) return;
        var now = clock.GetUtcNow();
        var slow = _rng.NextDouble() < 0.45 - 0.3 * Progress(now);
        var kickoffAt = _context.Calendar.Add(Later(now, 1, 4), new BusinessDuration(_rng.Next(1, slow ? 8 : 4), DurationUnit.BusinessDays));
        At(Later(now, 1, slow ? 14 : 6), async () =>
        {
            if ((await Apply(plan.Id, new KickoffScheduled(row.CsmId, kickoffAt))).Kind != HandoffOutcomeKind.Applied) return;
            At(kickoffAt.AddMinutes(45), () => KickoffHeldAsync(plan, row.CsmId, row.Round));
        });
    }

    private async Task KickoffHeldAsync(DealPlan plan, string csm, int round)
    {
        if ((await Apply(plan.Id, new KickoffHeld(csm))).Kind != HandoffOutcomeKind.Applied) return;
        if (_rng.NextDouble() > 0.8) return;
        At(Later(clock.GetUtcNow(), 2, 16), async () =>
        {
            // Sloppy handoffs and second rounds leave the CSM asking the customer more.
            var poor = plan.Sloppy || round > 1;
            var stars = poor ? _rng.Next(2, 5) : _rng.Next(3, 6);
            var asked = DemoBanks.RediscoveryCandidates.OrderBy(_ => _rng.Next()).Take(poor ? _rng.Next(1, 4) : _rng.Next(0, 2)).ToList();
            // The field nobody trusts: filled on every deal, and still asked again on most kickoffs.
            if (_rng.NextDouble() < 0.6 && !asked.Contains(DemoBanks.UntrustedField)) asked.Add(DemoBanks.UntrustedField);
            await Apply(plan.Id, new Rated(csm, stars, asked));
        });
        At(Later(clock.GetUtcNow(), 40, 160), () => MoveCsAsync(plan, csm, CsStage.OnboardingComplete));
    }

    // ---- who the people are ----

    /// <summary>How far through the simulated period an instant is, 0 to 1.</summary>
    private double Progress(DateTimeOffset at) => Math.Clamp((at - _start).TotalMinutes / Math.Max(1, (_end - _start).TotalMinutes), 0, 1);

    /// <summary>
    /// Each AE has a habit, so the dashboard has something to say: the first is careful, the second starts sloppy and
    /// improves month by month, the third stays sloppy, the rest are in between.
    /// </summary>
    private double Sloppiness(string owner, double progress) => Array.IndexOf(_aes, owner) switch
    {
        0 => 0.08,
        1 => 0.75 - 0.65 * progress,
        2 => 0.5,
        _ => 0.22,
    };

    /// <summary>Onboarding completes weeks after the kickoff; most customers then move on to ongoing success.</summary>
    private async Task MoveCsAsync(DealPlan plan, string csm, CsStage stage)
    {
        var moved = await services.RunAsync<MoveCsStage, MoveCsStage.Result>(m => m.RunAsync(plan.Id, stage, csm, CancellationToken.None),
            reason => new MoveCsStage.Result(HandoffOutcome.Conflict(reason), null));
        if (moved.Outcome.Kind == HandoffOutcomeKind.Applied && stage == CsStage.OnboardingComplete && _rng.NextDouble() < 0.7)
            At(Later(clock.GetUtcNow(), 40, 120), () => MoveCsAsync(plan, csm, CsStage.OngoingSuccess));
    }

    /// <summary>The contracts team sends the contract (now and then past its clock) and the customer signs days later.</summary>
    private void PlanContract(DealPlan plan, DateTimeOffset closedAt)
    {
        var team = Playbook.Team.FirstOrDefault(p => p.Role == Roles.ContractsManager)?.Id ?? "contracts";
        At(Later(closedAt, 1, _rng.NextDouble() < 0.2 ? 24 : 7), async () =>
        {
            if ((await Contract(plan.Id, new SentToCustomer(team))).Kind != HandoffOutcomeKind.Applied) return;
            At(Later(clock.GetUtcNow(), 6, _rng.NextDouble() < 0.25 ? 90 : 40), () => Contract(plan.Id, new SignedByCustomer(team)));
        });
    }

    private Task<HandoffOutcome> Contract(string dealId, ContractTrigger trigger) =>
        services.RunAsync<Contracts.ApplyContractTrigger, HandoffOutcome>(c => c.RunAsync(dealId, trigger, CancellationToken.None), HandoffOutcome.Conflict);

    // ---- time and pumps ----

    /// <summary>Fires every clock that comes due before <paramref name="target"/> at its own deadline, then moves the clock there.</summary>
    private async Task AdvanceToAsync(DateTimeOffset target, CancellationToken ct)
    {
        var pump = services.GetRequiredService<ClockPump>();
        while (true)
        {
            DateTime? next;
            using (var scope = services.CreateScope())
            {
                var limit = target.UtcDateTime;
                next = await scope.ServiceProvider.GetRequiredService<BatonDb>().Clocks.AsNoTracking()
                    .Where(c => c.Status == ClockStatus.Running && c.DueAtUtc <= limit)
                    .OrderBy(c => c.DueAtUtc).Select(c => (DateTime?)c.DueAtUtc).FirstOrDefaultAsync(ct);
            }
            if (next is not { } due) break;
            var dueAt = new DateTimeOffset(DateTime.SpecifyKind(due, DateTimeKind.Utc));
            if (dueAt > clock.GetUtcNow()) clock.Set(dueAt);
            if (await pump.RunOnceAsync(ct) == 0) break;
            await PumpOutboxAsync(ct);
        }
        if (target > clock.GetUtcNow()) clock.Set(target);
    }

    private async Task PumpOutboxAsync(CancellationToken ct)
    {
        var pump = services.GetRequiredService<OutboxPump>();
        while (await pump.RunOnceAsync(ct) > 0) { }
    }

    private void At(DateTimeOffset when, Func<Task> action) => _agenda.Enqueue(action, (when.UtcTicks, _seq++));

    /// <summary>A moment <paramref name="minimum"/>..<paramref name="maximum"/> business hours later, so people act in working hours.</summary>
    private DateTimeOffset Later(DateTimeOffset from, int minimum, int maximum)
    {
        var minutes = _rng.Next(minimum * 60, Math.Max(maximum, minimum + 1) * 60);
        var hours = minutes / 60;
        var at = hours == 0 ? from : _context.Calendar.Add(from, new BusinessDuration(hours, DurationUnit.BusinessHours));
        return at.AddMinutes(minutes % 60);
    }

    // ---- data ----

    private Task<HandoffOutcome> Apply(string dealId, HandoffTrigger trigger) => services.HandoffAsync(dealId, trigger);

    private async Task<HandoffRow?> Handoff(string dealId)
    {
        using var scope = services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<BatonDb>().Handoffs.AsNoTracking().FirstOrDefaultAsync(h => h.DealId == dealId);
    }

    /// <summary>Good answers for every field required up to <paramref name="stage"/> (soft ones most of the time).</summary>
    private Dictionary<string, string?> GoodFields(DealPlan plan, string stage, DateTimeOffset now)
    {
        var order = Playbook.FindStage(stage)?.Order ?? 0;
        var segment = Playbook.SegmentFor(plan.Amount)?.Name;
        var fields = new Dictionary<string, string?>();
        foreach (var field in Playbook.Fields.Fields)
        {
            if ((Playbook.FindStage(field.RequiredFrom)?.Order ?? int.MaxValue) > order || !field.AppliesTo(segment)) continue;
            if (plan.Skips.Contains(field.Key)) continue;
            if (field.Key is "contract_start" or "renewal_date") continue;
            // A sloppy AE types filler into the soft field the gate only warns about.
            var value = plan.Sloppy && field.Key == DemoBanks.FilledWithFiller && _rng.NextDouble() < 0.7 ? Pick(DemoBanks.Filler) : Value(field.Key, plan, now);
            if (value is not null) fields[field.Key] = value;
        }
        return fields;
    }

    private string? Value(string key, DealPlan plan, DateTimeOffset now)
    {
        var domain = plan.Company.ToLowerInvariant().Replace(' ', '-') + ".example";
        return key switch
        {
            "executive_sponsor" => Person(domain, Pick(DemoBanks.SponsorTitles)),
            "champion" => Person(domain, null),
            "why_now" => Pick(DemoBanks.WhyNow).Replace("{month}", now.AddMonths(_rng.Next(2, 6)).ToString("MMMM", CultureInfo.InvariantCulture)),
            "success_metric" => Pick(DemoBanks.SuccessMetrics),
            "decision_criteria" => Pick(DemoBanks.DecisionCriteria),
            "tech_environment" => Pick(DemoBanks.TechEnvironments),
            "tools_replaced" => Pick(DemoBanks.ToolsReplaced),
            "competitors" => Pick(DemoBanks.Competitors),
            "why_we_won" => Pick(DemoBanks.WhyWeWon),
            "promised" => Pick(DemoBanks.Promised),
            "nonstandard_terms" => Pick(DemoBanks.NonstandardTerms),
            "risks" => Pick(DemoBanks.Risks),
            "champion_politically_exposed" => _rng.NextDouble() < 0.3 ? "Yes" : "No",
            "seats" => Math.Max(5, (int)(plan.Amount / _rng.Next(600, 1400))).ToString(CultureInfo.InvariantCulture),
            "products" => string.Join(';', DemoBanks.Products.Take(1).Concat(DemoBanks.Products.Skip(1).Where(_ => _rng.NextDouble() < 0.35))),
            "arr" => plan.Amount.ToString("$#,0", CultureInfo.InvariantCulture),
            "decision_timeline" => Pick(DemoBanks.Timelines),
            "call_recordings" => $"https://calls.example.com/r/{_rng.Next(1000, 9999)}",
            _ => null,
        };
    }

    private Dictionary<string, string?> ContractDates(DateTimeOffset now)
    {
        var start = DateOnly.FromDateTime(now.UtcDateTime).AddDays(_rng.Next(3, 20));
        return new()
        {
            ["contract_start"] = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["renewal_date"] = start.AddYears(1).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
    }

    private string Person(string domain, string? title)
    {
        var first = Pick(DemoBanks.FirstNames);
        var last = Pick(DemoBanks.LastNames);
        var who = title is null ? $"{first} {last}" : $"{first} {last}, {title}";
        return $"{who} <{first.ToLowerInvariant()}.{last.ToLowerInvariant()}@{domain}>";
    }

    /// <summary>Most customers are small; a few are large enough for the strategic pool.</summary>
    private decimal Amount() => _rng.NextDouble() switch
    {
        < 0.6 => _rng.Next(6, 25) * 1000m,
        < 0.9 => _rng.Next(25, 100) * 1000m,
        _ => _rng.Next(100, 420) * 1000m,
    };

    private string? Territory() => Pick(["NA-East", "NA-West", "EMEA", "APAC"]);

    private T Pick<T>(IReadOnlyList<T> items) => items[_rng.Next(items.Count)];

    private string[] Companies(int count)
    {
        var all = DemoBanks.CompanyStems.SelectMany(s => DemoBanks.CompanySuffixes.Select(x => $"{s} {x}")).OrderBy(_ => _rng.Next()).ToList();
        return Enumerable.Range(0, count).Select(i => i < all.Count ? all[i] : $"{all[i % all.Count]} {i / all.Count + 1}").ToArray();
    }

    private async Task<DemoSummary> SummarizeAsync(Stopwatch watch, TimeSpan cpuAtStart, CancellationToken ct)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BatonDb>();
        var states = await db.Handoffs.AsNoTracking().GroupBy(h => h.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var stages = await db.Deals.AsNoTracking().GroupBy(d => d.Stage).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var feed = await db.Outbox.AsNoTracking().CountAsync(o => o.Status == OutboxStatus.Sent && o.DeliveredTo == Outbox.FeedDelivery.Feed, ct);
        var missed = await db.Events.AsNoTracking().CountAsync(e => e.Type == nameof(ClockMissed), ct);
        var rejections = await db.Events.AsNoTracking().CountAsync(e => e.Type == nameof(HandoffRejected), ct);
        var deliveries = await db.Outbox.AsNoTracking().CountAsync(o => o.Status != OutboxStatus.Pending, ct);
        return new DemoSummary(await db.Deals.CountAsync(ct), states.Values.Sum(), states, stages, feed, missed, rejections, _gateRefusals, _actions, deliveries,
            watch.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart);
    }

    private enum Fate { Open, Lost, Won }

    private sealed record DealPlan(string Id, string Company, string Owner, decimal Amount, Fate Fate, string OpenStage, bool Sloppy)
    {
        /// <summary>The soft and optional fields this AE leaves blank on this deal.</summary>
        public IReadOnlySet<string> Skips { get; init; } = new HashSet<string>();
    }
}
