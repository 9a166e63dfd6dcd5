using Baton.Core.Data;
using Baton.Core.Documents;
using Baton.Core.Handoffs;
using Baton.Core.Playbook;
using Baton.Core.Recording;
using Baton.Domain.Contracts;
using Baton.Domain.Handoffs;
using Baton.Domain.Playbook;
using Baton.Web.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Baton.Web.Pages.Handoffs;

/// <summary>
/// The handoff document a CSM reads before the kickoff, with the actions its state allows for the signed-in person:
/// acknowledge, warm call, accept, reject, kickoff, rate, CS stage, reassign (CS lead), and the cadence tasks.
/// Every action is the same use case as the API's; the actor is always the signed-in person.
/// </summary>
[Authorize(Policies.Read)]
public sealed class HandoffModel(BatonDb db, PlaybookContext context, HandoffDocuments documents, ApplyHandoffTrigger engine, MoveCsStage move,
    Recorder recorder, TimeProvider time) : PageModel
{
    public HandoffDocument Document { get; private set; } = null!;
    public HandoffRow Row { get; private set; } = null!;
    public IReadOnlySet<HandoffAction> Offered { get; private set; } = new HashSet<HandoffAction>();
    public IReadOnlyList<CsStage> NextStages { get; private set; } = [];
    public bool CanMoveCsStage { get; private set; }
    public IReadOnlyList<TeamMember> Csms { get; private set; } = [];
    public Playbook Playbook => context.Playbook;
    public TimeSpan WorkingDay => context.Calendar.WorkingDayLength;
    /// <summary>Why the last action was refused; the page answers 422.</summary>
    public string? Problem { get; private set; }
    [BindProperty(SupportsGet = true)] public string? Done { get; set; }

    public bool AnyForm => Offered.Count > 0 || CanMoveCsStage || Document.Tasks.Any(CanComplete);

    public bool CanComplete(DocumentTask task) => task.DoneAtUtc is null && User.HasScope("write")
        && (User.IsLead() || string.Equals(task.OwnerId, User.PersonId(), StringComparison.OrdinalIgnoreCase));

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostAcknowledgeAsync(string id, bool confirmedPromised, CancellationToken ct) =>
        ActAsync(id, HandoffAction.Acknowledge, ct, () => confirmedPromised
            ? new Acknowledged(User.PersonId(), true)
            : "tick the box to confirm you read what was promised: acknowledging is about the promises");

    public Task<IActionResult> OnPostWarmCallAsync(string id, CancellationToken ct) =>
        ActAsync(id, HandoffAction.WarmCall, ct, () => new WarmCallHeld(User.PersonId()));

    public Task<IActionResult> OnPostAcceptAsync(string id, CancellationToken ct) =>
        ActAsync(id, HandoffAction.Accept, ct, () => new Accepted(User.PersonId()));

    public Task<IActionResult> OnPostRejectAsync(string id, string? reasons, string[]? junk, CancellationToken ct) =>
        ActAsync(id, HandoffAction.Reject, ct, () =>
        {
            var list = (reasons ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (list.Length == 0) return "give at least one reason so the AE knows what to fix";
            var unknown = (junk ?? []).Where(k => Playbook.Fields.Find(k) is null).ToList();
            if (unknown.Count > 0) return $"not handoff fields: {string.Join(", ", unknown)}";
            return new Rejected(User.PersonId(), list, (junk ?? []).Distinct(StringComparer.OrdinalIgnoreCase).ToList());
        });

    public Task<IActionResult> OnPostKickoffAsync(string id, DateTime? at, CancellationToken ct) =>
        ActAsync(id, HandoffAction.Kickoff, ct, () => at is { } local
            ? new KickoffScheduled(User.PersonId(), ToUtc(local))
            : "give the kickoff's date and time");

    public Task<IActionResult> OnPostKickoffHeldAsync(string id, CancellationToken ct) =>
        ActAsync(id, HandoffAction.KickoffHeld, ct, () => new KickoffHeld(User.PersonId()));

    public Task<IActionResult> OnPostRateAsync(string id, int? stars, string[]? rediscovered, CancellationToken ct) =>
        ActAsync(id, HandoffAction.Rate, ct, () =>
        {
            if (stars is not (>= 1 and <= 5)) return "choose a rating from 1 to 5";
            var unknown = (rediscovered ?? []).Where(k => Playbook.Fields.Find(k) is null).ToList();
            if (unknown.Count > 0) return $"not handoff fields: {string.Join(", ", unknown)}";
            return new Rated(User.PersonId(), stars.Value, (rediscovered ?? []).Distinct(StringComparer.OrdinalIgnoreCase).ToList());
        });

    public Task<IActionResult> OnPostReassignAsync(string id, string? csm, CancellationToken ct) =>
        ActAsync(id, HandoffAction.Reassign, ct, () =>
        {
            if (csm is null || Playbook.FindPerson(csm) is not { Role: Roles.Csm } person) return $"'{csm}' is not a CSM of the team";
            var pool = Playbook.Routing?.Pools.FirstOrDefault(p => p.Members.Any(m => m.CsmId == person.Id))?.Name ?? "manual";
            var by = User.PersonId();
            return new CsmAssigned(person.Id, pool, $"reassigned to {person.Id} by {by}", by);
        });

    public async Task<IActionResult> OnPostCsStageAsync(string id, string? stage, CancellationToken ct)
    {
        var row = await db.Handoffs.AsNoTracking().FirstOrDefaultAsync(h => h.DealId == id, ct);
        if (row is null) return NotFound();
        if (!HandoffActions.MayMoveCsStage(User, row)) return Forbid();
        var refused = await HandoffActions.MoveCsStageAsync(db, move, id, stage, User.PersonId(), ct);
        return refused is null ? Back(id, "cs-stage") : await RefusedAsync(id, $"The CS stage did not move: {refused}.", ct);
    }

    /// <summary>Marks a cadence task done: its owner, or a CS lead or admin.</summary>
    public async Task<IActionResult> OnPostTaskDoneAsync(string id, long task, CancellationToken ct)
    {
        var row = await db.Tasks.FirstOrDefaultAsync(t => t.DealId == id && t.Id == task, ct);
        if (row is null) return NotFound();
        if (!(User.HasScope("write") && (User.IsLead() || string.Equals(row.OwnerId, User.PersonId(), StringComparison.OrdinalIgnoreCase)))) return Forbid();
        if (row.DoneAtUtc is not null) return await RefusedAsync(id, $"The task \"{row.Title}\" was already done.", ct);
        var now = time.GetUtcNow();
        row.DoneAtUtc = now.UtcDateTime;
        recorder.Event(id, "TaskCompleted", new { taskId = row.Id, title = row.Title, owner = row.OwnerId }, User.PersonId(), now);
        await db.SaveChangesAsync(ct);
        return Back(id, "task");
    }

    /// <summary>One action: 404 without a handoff, 403 for someone who may not take it, 422 with the reason when refused, else PRG.</summary>
    private async Task<IActionResult> ActAsync(string id, HandoffAction action, CancellationToken ct, Func<object> trigger)
    {
        var row = await db.Handoffs.AsNoTracking().FirstOrDefaultAsync(h => h.DealId == id, ct);
        if (row is null) return NotFound();
        if (!HandoffActions.MayAct(User, row, action)) return Forbid();
        switch (trigger())
        {
            case string invalid:
                return await RefusedAsync(id, $"Nothing changed: {invalid}.", ct);
            case HandoffTrigger t:
                var outcome = await db.SaveAsync(() => engine.RunAsync(id, t, ct), HandoffOutcome.Conflict, ct);
                return outcome.Kind switch
                {
                    HandoffOutcomeKind.Applied => Back(id, action.ToString()),
                    HandoffOutcomeKind.NotFound => NotFound(),
                    _ => await RefusedAsync(id, $"Nothing changed: {outcome.Reason ?? "the handoff does not allow this now"}.", ct),
                };
            default:
                throw new InvalidOperationException("an action builds a trigger or names why not");
        }
    }

    private RedirectResult Back(string id, string done) => Redirect($"/handoffs/{Uri.EscapeDataString(id)}?done={Uri.EscapeDataString(done)}");

    private async Task<IActionResult> RefusedAsync(string id, string problem, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        if (!await LoadAsync(id, ct)) return NotFound();
        Problem = problem;
        Done = null;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>The kickoff input is the team's local time (the playbook's calendar zone).</summary>
    private DateTimeOffset ToUtc(DateTime local)
    {
        var zone = context.Calendar.Zone;
        var mapped = NodaTime.LocalDateTime.FromDateTime(DateTime.SpecifyKind(local, DateTimeKind.Unspecified)).InZoneLeniently(zone);
        return mapped.ToDateTimeOffset().ToUniversalTime();
    }

    public string TimeZoneName => context.Calendar.Zone.Id;

    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        var row = await db.Handoffs.AsNoTracking().FirstOrDefaultAsync(h => h.DealId == id, ct);
        var document = row is null ? null : await documents.BuildAsync(id, ct);
        if (row is null || document is null) return false;
        Row = row;
        Document = document;
        Offered = HandoffActions.Offered(User, row, context, time.GetUtcNow());
        CanMoveCsStage = HandoffActions.MayMoveCsStage(User, row);
        NextStages = HandoffActions.NextCsStages(row.CsStage);
        Csms = Playbook.Team.Where(p => p.Role == Roles.Csm && !string.Equals(p.Id, row.CsmId, StringComparison.OrdinalIgnoreCase)).ToList();
        return true;
    }

    public string? DoneMessage => Done switch
    {
        nameof(HandoffAction.Acknowledge) => "Acknowledged: you confirmed what was promised.",
        nameof(HandoffAction.WarmCall) => "The warm call is recorded.",
        nameof(HandoffAction.Accept) => "Accepted: the customer is yours.",
        nameof(HandoffAction.Reject) => "Sent back to the AE with your reasons.",
        nameof(HandoffAction.Kickoff) => "The kickoff is scheduled.",
        nameof(HandoffAction.KickoffHeld) => "The kickoff is recorded as held.",
        nameof(HandoffAction.Rate) => "Thank you: the rating is recorded.",
        nameof(HandoffAction.Reassign) => "Reassigned: the new CSM acknowledges it themselves.",
        "cs-stage" => "The CS stage moved.",
        "task" => "The task is done.",
        _ => null,
    };
}
