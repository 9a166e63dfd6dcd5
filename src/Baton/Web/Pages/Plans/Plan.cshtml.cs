using System.Globalization;
using Baton.Core.Data;
using Baton.Core.Plans;
using Baton.Core.Playbook;
using Baton.Web.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Baton.Web.Pages.Plans;

/// <summary>One handoff field the pre-sale section quotes, and whether it holds a value.</summary>
public sealed record HandoffAnswer(string Key, string Label, string? Value);

/// <summary>
/// The account plan of a deal: pre-sale goals drawn from the handoff, onboarding dates, milestones and set-up, and
/// post-onboarding health, reviews and renewal. The assigned CSM, CS leads and admins change it and share it with the
/// customer; everyone else reads. The rules are <see cref="AccountPlan"/>'s.
/// </summary>
[Authorize(Policies.Read)]
public sealed class PlanModel(BatonDb db, PlaybookContext context, AccountPlan plan) : PageModel
{
    /// <summary>The handoff fields a goal is drawn from.</summary>
    public static readonly string[] GoalFields = ["success_metric", "why_now", "promised"];

    public DealRow Deal { get; private set; } = null!;
    public HandoffRow? Handoff { get; private set; }
    public bool CanEdit { get; private set; }
    public IReadOnlyList<HandoffAnswer> Answers { get; private set; } = [];
    public string? RenewalDate { get; private set; }
    public List<PlanItemRow> Items { get; private set; } = [];
    public List<PlanShareRow> Shares { get; private set; } = [];
    public string? Problem { get; private set; }
    /// <summary>A link just created: shown this once, never again.</summary>
    public string? NewLink { get; private set; }
    [BindProperty(SupportsGet = true)] public string? Done { get; set; }
    public DateTime Now { get; private set; }

    public IEnumerable<PlanItemRow> Of(string kind) => Items.Where(i => i.Kind == kind);

    public async Task<IActionResult> OnGetAsync(string dealId, CancellationToken ct) =>
        await LoadAsync(dealId, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostAddAsync(string dealId, CancellationToken ct) =>
        ChangeAsync(dealId, "added", actor => plan.AddAsync(dealId, Input(), actor, ct), ct);

    public Task<IActionResult> OnPostUpdateAsync(string dealId, long itemId, CancellationToken ct) =>
        ChangeAsync(dealId, "saved", actor => plan.UpdateAsync(dealId, itemId, Input(), actor, ct), ct);

    public Task<IActionResult> OnPostCompleteAsync(string dealId, long itemId, bool done, CancellationToken ct) =>
        ChangeAsync(dealId, done ? "completed" : "reopened", actor => plan.CompleteAsync(dealId, itemId, done, actor, ct), ct);

    public Task<IActionResult> OnPostDeleteAsync(string dealId, long itemId, CancellationToken ct) =>
        ChangeAsync(dealId, "deleted", actor => plan.DeleteAsync(dealId, itemId, actor, ct), ct);

    /// <summary>Copies one of the handoff's answers into the plan as a goal.</summary>
    public Task<IActionResult> OnPostCopyAsync(string dealId, string? field, CancellationToken ct) =>
        ChangeAsync(dealId, "added", async actor =>
        {
            if (field is null || !GoalFields.Contains(field)) return new PlanResult.Invalid("only the success metric, why now and what was promised become goals");
            var value = await db.FieldValues.AsNoTracking().Where(f => f.DealId == dealId && f.Key == field).Select(f => f.Value).FirstOrDefaultAsync(ct);
            if (string.IsNullOrWhiteSpace(value)) return new PlanResult.Invalid("that field has no value to copy");
            var title = value.Trim();
            return await plan.AddAsync(dealId, new PlanItemInput("goal", title.Length > 300 ? title[..300] : title, null, null, null, false), actor, ct);
        }, ct);

    public async Task<IActionResult> OnPostShareAsync(string dealId, int? days, CancellationToken ct)
    {
        if (await GuardAsync(dealId, ct) is { } refused) return refused;
        var chosen = days ?? AccountPlan.DefaultShareDays;
        if (chosen is < 1 or > AccountPlan.MaxShareDays)
        {
            await LoadAsync(dealId, ct);
            Problem = $"A link lasts 1 to {AccountPlan.MaxShareDays} days.";
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var (token, _) = plan.Share(dealId, chosen, User.PersonId());
        await db.SaveChangesAsync(ct);
        await LoadAsync(dealId, ct);
        NewLink = $"{Request.Scheme}://{Request.Host}/plan/{token}";
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(string dealId, string? link, CancellationToken ct)
    {
        if (await GuardAsync(dealId, ct) is { } refused) return refused;
        if (link is null || !await plan.RevokeAsync(dealId, link, User.PersonId(), ct)) return NotFound();
        await db.SaveChangesAsync(ct);
        return Redirect($"/plans/{Uri.EscapeDataString(dealId)}?done=revoked#share");
    }

    private async Task<IActionResult> ChangeAsync(string dealId, string done, Func<string, Task<PlanResult>> change, CancellationToken ct)
    {
        if (await GuardAsync(dealId, ct) is { } refused) return refused;
        var result = await change(User.PersonId());
        switch (result)
        {
            case PlanResult.Ok:
                await db.SaveChangesAsync(ct);
                return Redirect($"/plans/{Uri.EscapeDataString(dealId)}?done={done}");
            case PlanResult.Invalid invalid:
                db.ChangeTracker.Clear();
                await LoadAsync(dealId, ct);
                Problem = $"Nothing was saved: {invalid.Reason}.";
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                return Page();
            default:
                return NotFound();
        }
    }

    /// <summary>Null when the person may change this deal's plan; else the 404 or 403.</summary>
    private async Task<IActionResult?> GuardAsync(string dealId, CancellationToken ct)
    {
        if (!await db.Deals.AsNoTracking().AnyAsync(d => d.Id == dealId, ct)) return NotFound();
        var csm = await db.Handoffs.AsNoTracking().Where(h => h.DealId == dealId).Select(h => h.CsmId).FirstOrDefaultAsync(ct);
        return MayEdit(csm) ? null : Forbid();
    }

    private bool MayEdit(string? csmId) => User.IsAssignedCsm(csmId) || (User.HasScope("write") && User.IsLead());

    private PlanItemInput Input()
    {
        var form = Request.HasFormContentType ? Request.Form : null;
        string? Get(string name) => form?[name].ToString() is { Length: > 0 } v ? v : null;
        DateTime? due = DateOnly.TryParseExact(Get("due") ?? "", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : null;
        return new PlanItemInput(Get("kind") ?? "", Get("title") ?? "", Get("detail"), Get("owner"), due, Get("shareable") is "true" or "on");
    }

    private async Task<bool> LoadAsync(string dealId, CancellationToken ct)
    {
        var deal = await db.Deals.AsNoTracking().Include(d => d.Fields).FirstOrDefaultAsync(d => d.Id == dealId, ct);
        if (deal is null) return false;
        Deal = deal;
        Handoff = await db.Handoffs.AsNoTracking().FirstOrDefaultAsync(h => h.DealId == dealId, ct);
        CanEdit = MayEdit(Handoff?.CsmId);
        var values = deal.Fields.ToDictionary(f => f.Key, f => f.Value, StringComparer.OrdinalIgnoreCase);
        Answers = GoalFields.Select(k => new HandoffAnswer(k, context.Playbook.Fields.Find(k)?.Label ?? k, values.GetValueOrDefault(k))).ToList();
        RenewalDate = values.GetValueOrDefault("renewal_date");
        Items = await plan.ItemsAsync(dealId, ct);
        Shares = CanEdit ? await plan.SharesAsync(dealId, ct) : [];
        Now = HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        return true;
    }

    public string? DoneMessage => Done switch
    {
        "added" => "Added to the plan.",
        "saved" => "Saved.",
        "completed" => "Marked done.",
        "reopened" => "Marked open again.",
        "deleted" => "Deleted.",
        "revoked" => "The link is revoked: it no longer opens the plan.",
        _ => null,
    };

    public static string Date(DateTime? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public static string KindName(string kind) => kind switch
    {
        "goal" => "Goal", "date" => "Date", "milestone" => "Milestone", "setup" => "Technical set-up", "health_note" => "Health note",
        "review" => "Business review", "action" => "Agreed action", "renewal" => "Renewal", _ => kind,
    };
}
