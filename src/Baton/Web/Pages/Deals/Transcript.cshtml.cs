using Baton.Core.Data;
using Baton.Core.Deals;
using Baton.Core.Playbook;
using Baton.Domain.Fields;
using Baton.Domain.Quality;
using Baton.Domain.Transcripts;
using Baton.Web.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Baton.Web.Pages.Deals;

/// <summary>One proposal as the page shows it: the field, the value the AE may edit, its sources and today's value.</summary>
public sealed record ProposalView(FieldDefinition Field, FieldSuggestion Suggestion, string Value, bool Take, string? Current, Verdict Verdict, string? Error);

/// <summary>
/// Fill a deal from a call transcript: the AE uploads or pastes a plain text, WebVTT or SRT transcript; Baton proposes
/// values with the sentences they came from; the AE keeps, edits or drops each, and what is kept is saved with source
/// <c>transcript</c> through the same gate as the form. The transcript itself is not stored.
/// </summary>
[Authorize(Policies.Read)]
[RequestSizeLimit(MaxBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxBytes + 64 * 1024, ValueLengthLimit = MaxBytes + 1024)]
public sealed class TranscriptModel(BatonDb db, PlaybookContext context, SetDealFields set) : PageModel
{
    public const string Source = "transcript";
    /// <summary>An hour's call is about 60 KB of text; 1 MB leaves room for verbose captions.</summary>
    public const int MaxBytes = 1024 * 1024;

    public DealRow Deal { get; private set; } = null!;
    public string Title => string.IsNullOrWhiteSpace(Deal.Name) ? Deal.Id : Deal.Name;
    public string Sellers { get; private set; } = "";
    public string? Text { get; private set; }
    public string? FileName { get; private set; }
    public Transcript? Read { get; private set; }
    public IReadOnlyList<ProposalView> Proposals { get; private set; } = [];
    /// <summary>Fields the call did not speak to, so the AE knows what is still theirs to write.</summary>
    public IReadOnlyList<FieldDefinition> NotHeard { get; private set; } = [];
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        Sellers = DealSheet.PersonName(context.Playbook, Deal.OwnerId);
        return Page();
    }

    /// <summary>Reads the uploaded or pasted transcript and shows the proposals; nothing is saved yet.</summary>
    public async Task<IActionResult> OnPostReadAsync(string id, IFormFile? file, string? text, string? sellers, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        Sellers = sellers?.Trim() ?? "";
        if (file is { Length: > 0 })
        {
            if (file.Length > MaxBytes) return Refuse($"The file {file.FileName} is {file.Length / 1024:N0} KB; a transcript can be at most {MaxBytes / 1024:N0} KB.");
            using var reader = new StreamReader(file.OpenReadStream());
            Text = await reader.ReadToEndAsync(ct);
            FileName = Path.GetFileName(file.FileName);
        }
        else Text = text;
        if (string.IsNullOrWhiteSpace(Text)) return Refuse("Choose a transcript file or paste the transcript's text.");
        if (Text.Length > MaxBytes) return Refuse($"The transcript is {Text.Length / 1024:N0} KB; it can be at most {MaxBytes / 1024:N0} KB.");
        return Propose(null, null) ?? Page();
    }

    /// <summary>Saves the proposals the AE kept, as edited, through SetDealFields with source "transcript".</summary>
    public async Task<IActionResult> OnPostSaveAsync(string id, string? text, string? fileName, string? sellers, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        Sellers = sellers?.Trim() ?? "";
        Text = text;
        FileName = fileName;
        var take = Request.Form["take"].Select(k => k ?? "").ToHashSet(StringComparer.OrdinalIgnoreCase);
        var edited = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in Request.Form)
            if (name.StartsWith("fields[", StringComparison.Ordinal) && name.EndsWith(']'))
                edited[name[7..^1]] = value.ToString();
        var kept = edited.Where(e => take.Contains(e.Key) && !string.IsNullOrWhiteSpace(e.Value)).ToDictionary(e => e.Key, e => e.Value, StringComparer.OrdinalIgnoreCase);
        if (kept.Count == 0)
        {
            Problem = "Nothing was saved: tick at least one proposal to keep.";
            return Propose(edited, take) ?? Unprocessable();
        }
        var result = await db.SaveAsync(() => set.RunAsync(id, kept, User.PersonId(), Source, ct), reason => new DealResult.Conflict(reason), ct);
        var errors = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        switch (result)
        {
            case DealResult.Ok:
                return Redirect($"/deals/{Uri.EscapeDataString(id)}?done=saved");
            case DealResult.NotFound:
                return NotFound();
            case DealResult.GateRefused gate:
                foreach (var check in gate.Gate.Blocking) errors[check.Field.Key] = check.Verdict.Reason;
                Problem = "Nothing was saved: fix or drop the proposals marked below.";
                break;
            case DealResult.Invalid invalid:
                foreach (var p in invalid.Problems) errors[p.Field] = p.Reason;
                Problem = "Nothing was saved: " + string.Join("; ", invalid.Problems.Select(p => p.Reason));
                break;
            case DealResult.Conflict conflict:
                Problem = $"Nothing was saved: the deal {conflict.Reason}.";
                break;
        }
        db.ChangeTracker.Clear();
        Propose(edited, take, errors);
        return Unprocessable();
    }

    private IActionResult Unprocessable()
    {
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private IActionResult Refuse(string problem)
    {
        Problem = problem;
        return Unprocessable();
    }

    /// <summary>Reads the text and builds the proposals; what the AE typed and ticked wins over the proposal.</summary>
    private IActionResult? Propose(IReadOnlyDictionary<string, string?>? edited, IReadOnlySet<string>? take, IReadOnlyDictionary<string, string>? errors = null)
    {
        if (!TranscriptReader.TryRead(Text ?? "", FileName, out var transcript, out var problem))
            return Refuse($"{FileName ?? "The transcript"} could not be read: {problem}.");
        Read = transcript;
        var playbook = context.Playbook;
        var stored = DealSheet.Values(Deal);
        var sellers = Sellers.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var segment = playbook.SegmentFor(Deal.Amount)?.Name;
        var suggestions = TranscriptSuggester.Suggest(transcript, playbook.Fields, sellers.Length > 0 ? sellers : null, FieldValues.From(playbook.Fields, stored));
        var views = new List<ProposalView>();
        foreach (var s in suggestions.OrderBy(s => playbook.Fields.Find(s.FieldKey)?.Ordinal ?? int.MaxValue))
        {
            if (playbook.Fields.Find(s.FieldKey) is not { } field) continue;
            var current = stored.GetValueOrDefault(field.Key);
            var value = edited?.GetValueOrDefault(field.Key) ?? s.Value;
            // Empty fields are ticked by default; a field that already holds a value is replaced only on purpose.
            var ticked = take?.Contains(field.Key) ?? string.IsNullOrWhiteSpace(current);
            views.Add(new ProposalView(field, s, value, ticked, current, DealSheet.Judge(playbook, field, value, stored), errors?.GetValueOrDefault(field.Key)));
        }
        Proposals = views;
        var heard = views.Select(v => v.Field.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        NotHeard = playbook.Fields.Fields.Where(f => f.AppliesTo(segment) && !heard.Contains(f.Key) && f.Type is FieldType.Text or FieldType.LongText or FieldType.Contact or FieldType.Number).ToList();
        return null;
    }

    private async Task<IActionResult?> LoadAsync(string id, CancellationToken ct)
    {
        var deal = await db.Deals.AsNoTracking().Include(d => d.Fields).FirstOrDefaultAsync(d => d.Id == id, ct);
        if (deal is null) return NotFound();
        if (!User.CanEditDeal(deal.OwnerId)) return Forbid();
        Deal = deal;
        return null;
    }

    public static string At(TimeSpan? start) => start is { } t ? (t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss") : t.ToString(@"m\:ss")) : "";
}
