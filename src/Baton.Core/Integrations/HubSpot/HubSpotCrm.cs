using System.Net;
using System.Text;
using Baton.Core.Data;
using Baton.Core.Messages;
using Baton.Core.Outbox;
using Baton.Core.Playbook;
using Baton.Domain.Contracts;
using Baton.Domain.Fields;
using Baton.Domain.Handoffs;
using Baton.Domain.Playbook;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Baton.Core.Integrations.HubSpot;

/// <summary>
/// HubSpot as the CRM of a deal: writes Baton's edits back, sets a refused stage back, and leaves on the deal what the
/// handoff did (notes, tasks, meetings, the CSM, the customer's deal in the CS pipeline).
/// </summary>
/// <remarks>
/// Concurrent edits: the later edit wins, each side's edit timed where it was made. A write-back skips a property that
/// HubSpot changed after Baton's edit (HubSpot's webhook then brings that value into Baton), and the inbox skips a
/// HubSpot value older than Baton's edit of the same field (the write-back then carries Baton's).
/// </remarks>
public sealed partial class HubSpotCrm(HubSpotApi api, BatonDb db, PlaybookContext context, IOptions<HubSpotOptions> options,
    IOptions<MessageOptions> messages, TimeProvider time, ILogger<HubSpotCrm> log) : ICrmClient
{
    public const string SourceName = "hubspot";
    public const string DealStage = "dealstage";

    private readonly HubSpotOptions _options = options.Value;
    private Domain.Playbook.Playbook Playbook => context.Playbook;

    public string Source => SourceName;

    public async Task<DeliveryResult> DeliverAsync(OutboxRow row, CrmMessage message, DealRow deal, CancellationToken ct)
    {
        if (deal.CrmId is not { Length: > 0 } dealId) return new DeliveryResult.Failed($"deal {deal.Id} has no HubSpot id");
        return message switch
        {
            CrmFieldsWrite write => await WriteFieldsAsync(dealId, deal, write, ct),
            CrmStageSetBack back => await SetStageBackAsync(dealId, back, ct),
            CrmGateNote note => Done(await api.CreateNoteAsync(dealId, GateNote(deal, note), time.GetUtcNow(), cancellationToken: ct), "note",
                $"note on deal {dealId}: {note.Problems.Count} problem(s) at {note.Stage}"),
            CrmHandoffSummary => Done(await api.CreateNoteAsync(dealId, await SummaryAsync(deal, ct), time.GetUtcNow(), cancellationToken: ct), "note",
                $"handoff summary on deal {dealId}"),
            CrmCsmAssigned csm => Done(await api.UpdateDealAsync(dealId, new Dictionary<string, string?> { [_options.CsmProperty] = Playbook.FindPerson(csm.CsmId)?.Name ?? csm.CsmId }, ct),
                "deal", $"{_options.CsmProperty} = {Playbook.FindPerson(csm.CsmId)?.Name ?? csm.CsmId}"),
            CrmTask task => await CreateTaskAsync(dealId, task, ct),
            CrmCsRecord => await CreateCsRecordAsync(dealId, deal, row, ct),
            CrmCsStage stage => await MoveCsRecordAsync(deal, stage, ct),
            CrmMeeting meeting => await LogMeetingAsync(dealId, deal, meeting, ct),
            _ => new DeliveryResult.Failed($"HubSpot has no delivery for {message.Kind}"),
        };
    }

    /// <summary>
    /// Writes the current values of the edited fields (not the values at the edit: a later edit already overtook an
    /// earlier row, so rows may go in any order), skipping what HubSpot changed after Baton did.
    /// </summary>
    private async Task<DeliveryResult> WriteFieldsAsync(string dealId, DealRow deal, CrmFieldsWrite write, CancellationToken ct)
    {
        var fields = write.Values.Keys.Select(k => Playbook.Fields.Find(k)).OfType<FieldDefinition>().Where(f => f.HubSpotProperty is { Length: > 0 }).ToList();
        if (fields.Count == 0) return new DeliveryResult.Delivered(SourceName, dealId, "no field of the edit maps to a HubSpot property");
        var properties = fields.Select(f => f.HubSpotProperty!).ToList();
        var current = await api.GetDealAsync(dealId, properties, properties, ct);
        if (current is not HubSpotResult<HubSpotDealRecord>.Ok ok) return Map(current, "read the deal before writing");

        var changes = new Dictionary<string, string?>();
        var skipped = new List<string>();
        foreach (var field in fields)
        {
            var stored = deal.Fields.FirstOrDefault(v => v.Key == field.Key);
            var ours = HubSpotFieldValues.ToHubSpot(field, stored?.Value);
            var theirs = ok.Value[field.HubSpotProperty!];
            if (string.Equals(ours ?? "", theirs ?? "", StringComparison.Ordinal)) continue;
            var editedHere = stored is null ? write.SetAtUtc : new DateTimeOffset(DateTime.SpecifyKind(stored.SetAtUtc, DateTimeKind.Utc));
            var editedThere = ok.Value.History.GetValueOrDefault(field.HubSpotProperty!)?.FirstOrDefault()?.TimestampUtc;
            if (editedThere is { } there && there > editedHere)
            {
                skipped.Add(field.HubSpotProperty!);
                continue;
            }
            changes[field.HubSpotProperty!] = ours;
        }
        if (skipped.Count > 0) LogNewerInHubSpot(log, deal.Id, string.Join(", ", skipped));
        if (changes.Count == 0) return new DeliveryResult.Delivered(SourceName, dealId, $"HubSpot already has the values{Skipped(skipped)}");
        var updated = await api.UpdateDealAsync(dealId, changes, ct);
        return Done(updated, "deal", $"wrote {string.Join(", ", changes.Keys)}{Skipped(skipped)}");
    }

    private static string Skipped(List<string> skipped) => skipped.Count == 0 ? "" : $"; kept HubSpot's newer {string.Join(", ", skipped)}";

    /// <summary>Sets the stage back only while HubSpot still shows the refused one: an AE who moved on meanwhile is not overruled.</summary>
    private async Task<DeliveryResult> SetStageBackAsync(string dealId, CrmStageSetBack back, CancellationToken ct)
    {
        var to = Playbook.FindStage(back.ToStage)?.HubSpotId;
        var refused = Playbook.FindStage(back.RefusedStage)?.HubSpotId;
        if (to is null || refused is null) return new DeliveryResult.Failed($"the playbook gives no HubSpot stage id for {back.ToStage} or {back.RefusedStage}");
        var current = await api.GetDealAsync(dealId, [DealStage], null, ct);
        if (current is not HubSpotResult<HubSpotDealRecord>.Ok ok) return Map(current, "read the deal's stage");
        if (ok.Value[DealStage] != refused)
            return new DeliveryResult.Delivered(SourceName, dealId, $"not set back: the deal is at {ok.Value[DealStage]} now, no longer {refused}");
        var updated = await api.UpdateDealAsync(dealId, new Dictionary<string, string?> { [DealStage] = to }, ct);
        return Done(updated, "deal", $"stage set back from {refused} to {to}");
    }

    private async Task<DeliveryResult> CreateTaskAsync(string dealId, CrmTask task, CancellationToken ct)
    {
        var owner = await OwnerIdAsync(task.OwnerId, ct);
        if (owner.Trouble is not null) return owner.Trouble;
        var created = await api.CreateTaskAsync(dealId, new HubSpotTask(task.Title, task.Body, task.DueAtUtc, owner.Id), ct);
        return Done(created, "task", $"task \"{task.Title}\" due {task.DueAtUtc:u}");
    }

    /// <summary>The customer's deal in the CS pipeline, in its first stage, linked to the company and to the sales deal.</summary>
    private async Task<DeliveryResult> CreateCsRecordAsync(string dealId, DealRow deal, OutboxRow row, CancellationToken ct)
    {
        if (deal.CrmCsRecordId is { } existing) return new DeliveryResult.Delivered(SourceName, existing, "the CS pipeline deal exists");
        var pipeline = await CsPipelineAsync(ct);
        if (pipeline.Trouble is not null) return pipeline.Trouble;
        var first = pipeline.Value!.Stages.OrderBy(s => s.DisplayOrder).First();
        var name = $"{deal.Company} (onboarding)";

        // A retry may follow an attempt that created it before the answer was lost: look for it by name and pipeline first.
        string? csId = null;
        if (row.Attempts > 1)
        {
            var found = await api.SearchDealsAsync(new HubSpotSearch(
                [[new HubSpotFilter("pipeline", "EQ", pipeline.Value.Id), new HubSpotFilter("dealname", "EQ", name)]], ["dealname"], Limit: 1), ct);
            if (found is HubSpotResult<HubSpotSearchPage>.Ok page) csId = page.Value.Results.FirstOrDefault()?.Id;
        }
        if (csId is null)
        {
            var sales = await api.GetDealAsync(dealId, [], null, ct);
            if (sales is not HubSpotResult<HubSpotDealRecord>.Ok salesDeal) return Map(sales, "read the sales deal");
            var csm = await db.Handoffs.AsNoTracking().Where(h => h.DealId == deal.Id).Select(h => h.CsmId).FirstOrDefaultAsync(ct);
            var owner = csm is null ? (null, null) : await OwnerIdAsync(csm, ct);
            if (owner.Trouble is not null) return owner.Trouble;
            var properties = new Dictionary<string, string?>
            {
                ["dealname"] = name,
                ["pipeline"] = pipeline.Value.Id,
                [DealStage] = first.Id,
            };
            if (owner.Id is not null) properties["hubspot_owner_id"] = owner.Id;
            var created = await api.CreateDealAsync(properties,
                [.. salesDeal.Value.CompanyIds.Select(c => new HubSpotAssociation(c, HubSpotAssociationTypes.DealToCompany))], ct);
            if (created is not HubSpotResult<HubSpotRecord>.Ok record) return Map(created, "create the CS pipeline deal");
            csId = record.Value.Id;
        }
        // Recorded at once, outside the outbox row's transaction: it is a fact in HubSpot whatever happens to this attempt.
        await db.Deals.Where(d => d.Id == deal.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.CrmCsRecordId, csId), ct);
        var linked = await api.AssociateDefaultAsync("deals", csId, "deals", dealId, ct);
        if (linked is not HubSpotResult<bool>.Ok) return Map(linked, "link the CS pipeline deal to the sales deal");
        return new DeliveryResult.Delivered(SourceName, csId, $"CS pipeline deal {csId} \"{name}\" in {pipeline.Value.Label} / {first.Label}");
    }

    private async Task<DeliveryResult> MoveCsRecordAsync(DealRow deal, CrmCsStage stage, CancellationToken ct)
    {
        var csId = deal.CrmCsRecordId ?? await db.Deals.AsNoTracking().Where(d => d.Id == deal.Id).Select(d => d.CrmCsRecordId).FirstOrDefaultAsync(ct);
        if (csId is null) return new DeliveryResult.Retry("the customer's CS pipeline deal is not created yet", TimeSpan.FromSeconds(5));
        var pipeline = await CsPipelineAsync(ct);
        if (pipeline.Trouble is not null) return pipeline.Trouble;
        var label = Enum.TryParse<CsStage>(stage.Stage, out var cs) ? HubSpotSchema.CsStageLabels[(int)cs] : stage.Stage;
        var target = pipeline.Value!.Stages.FirstOrDefault(s => string.Equals(s.Label, label, StringComparison.OrdinalIgnoreCase));
        if (target is null) return new DeliveryResult.Failed($"the {pipeline.Value.Label} pipeline has no stage '{label}'; run baton drift hubspot");
        var moved = await api.UpdateDealAsync(csId, new Dictionary<string, string?> { [DealStage] = target.Id }, ct);
        return Done(moved, "deal", $"CS pipeline deal {csId} now {label}");
    }

    private async Task<DeliveryResult> LogMeetingAsync(string dealId, DealRow deal, CrmMeeting meeting, CancellationToken ct)
    {
        var kickoff = meeting.Meeting == InviteKind.Kickoff;
        var title = $"{(kickoff ? "Kickoff" : "Warm call")}: {deal.Company}";
        var length = kickoff ? TimeSpan.FromHours(1) : TimeSpan.FromMinutes(30);
        var body = meeting.Held ? "Held, recorded in Baton." : "Booked in Baton.";
        var created = await api.CreateMeetingAsync(dealId, new HubSpotMeeting(title, body, meeting.AtUtc, meeting.AtUtc + length,
            Outcome: meeting.Held ? "COMPLETED" : "SCHEDULED"), ct);
        return Done(created, "meeting", $"{title} {(meeting.Held ? "held" : "booked")} {meeting.AtUtc:u}");
    }

    private async Task<(HubSpotPipeline? Value, DeliveryResult? Trouble)> CsPipelineAsync(CancellationToken ct)
    {
        var pipelines = await api.ListDealPipelinesAsync(ct);
        if (pipelines is not HubSpotResult<IReadOnlyList<HubSpotPipeline>>.Ok ok) return (null, Map(pipelines, "list the deal pipelines"));
        var pipeline = ok.Value.FirstOrDefault(p => !p.Archived && string.Equals(p.Label, _options.CsPipelineLabel, StringComparison.OrdinalIgnoreCase));
        return pipeline is { Stages.Count: > 0 }
            ? (pipeline, null)
            : (null, new DeliveryResult.Failed($"HubSpot has no '{_options.CsPipelineLabel}' deal pipeline: run baton provision hubspot"));
    }

    /// <summary>The HubSpot owner of a team member, by e-mail; none (the record is left unowned) when HubSpot knows no such owner.</summary>
    private async Task<(string? Id, DeliveryResult? Trouble)> OwnerIdAsync(string personId, CancellationToken ct)
    {
        var email = Playbook.FindPerson(personId)?.Email ?? (personId.Contains('@') ? personId : null);
        if (email is null) return (null, null);
        var owner = await api.FindOwnerByEmailAsync(email, ct);
        return owner switch
        {
            HubSpotResult<HubSpotOwner>.Ok ok => (ok.Value.Id, null),
            HubSpotResult<HubSpotOwner>.NotFound => (null, null),
            _ => (null, Map(owner, $"find the HubSpot owner {email}")),
        };
    }

    private string GateNote(DealRow deal, CrmGateNote note)
    {
        var html = new StringBuilder();
        html.Append("<p><strong>Baton kept this deal out of ").Append(H(note.Stage)).Append("</strong>: the handoff is not ready. Fix these fields, then move the deal again.</p><ul>");
        foreach (var problem in note.Problems) html.Append("<li>").Append(H(problem)).Append("</li>");
        html.Append("</ul><p><a href=\"").Append(H(messages.Value.HandoffUrl(deal.Id).AbsoluteUri)).Append("\">Open the handoff in Baton</a></p>");
        return html.ToString();
    }

    private async Task<string> SummaryAsync(DealRow deal, CancellationToken ct)
    {
        var values = deal.Fields.ToDictionary(f => f.Key, f => f.Value, StringComparer.OrdinalIgnoreCase);
        var csm = await db.Handoffs.AsNoTracking().Where(h => h.DealId == deal.Id).Select(h => h.CsmId).FirstOrDefaultAsync(ct);
        var html = new StringBuilder();
        html.Append("<p><strong>Handoff to Customer Success</strong>: ").Append(H(deal.Company)).Append(", ").Append(H(HandoffTexts.Arr(deal.Amount)))
            .Append(". CSM: ").Append(H(csm is null ? "not routed yet" : Playbook.FindPerson(csm)?.Name ?? csm)).Append(".</p>");
        foreach (var pillar in Enum.GetValues<Pillar>())
        {
            var fields = Playbook.Fields.Fields.Where(f => f.Pillar == pillar && values.ContainsKey(f.Key)).ToList();
            if (fields.Count == 0) continue;
            html.Append("<p><strong>").Append(H(pillar.ToString())).Append("</strong></p><ul>");
            foreach (var f in fields) html.Append("<li>").Append(H(f.Label)).Append(": ").Append(H(values[f.Key])).Append("</li>");
            html.Append("</ul>");
        }
        html.Append("<p><a href=\"").Append(H(messages.Value.HandoffUrl(deal.Id).AbsoluteUri)).Append("\">The handoff in Baton</a></p>");
        return html.ToString();
    }

    private static string H(string text) => WebUtility.HtmlEncode(text);

    private static DeliveryResult Done<T>(HubSpotResult<T> result, string what, string rendered) => result is HubSpotResult<T>.Ok ok
        ? new DeliveryResult.Delivered(SourceName, (ok.Value as HubSpotRecord)?.Id, rendered)
        : Map(result, $"write the {what}");

    /// <summary>Rate limits wait as long as HubSpot's window asks, 5xx and timeouts retry, the daily quota waits an hour, refusals park.</summary>
    internal static DeliveryResult Map<T>(HubSpotResult<T> result, string what) => result switch
    {
        HubSpotResult<T>.RateLimited { Daily: true } r => new DeliveryResult.Retry($"{what}: {r.Describe()}", TimeSpan.FromHours(1)),
        HubSpotResult<T>.RateLimited r => new DeliveryResult.Retry($"{what}: {r.Describe()}", r.Wait),
        HubSpotResult<T>.Transient t => new DeliveryResult.Retry($"{what}: {t.Describe()}"),
        _ => new DeliveryResult.Failed($"{what}: {result.Describe()}"),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Deal {DealId}: HubSpot changed {Properties} after Baton's edit; HubSpot's values are kept")]
    private static partial void LogNewerInHubSpot(ILogger logger, string dealId, string properties);
}
