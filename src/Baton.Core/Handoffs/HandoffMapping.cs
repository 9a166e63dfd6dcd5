using System.Text.Json;
using Baton.Core.Data;
using Baton.Domain.Contracts;
using Baton.Domain.Handoffs;
using Baton.Domain.Playbook;

namespace Baton.Core.Handoffs;

/// <summary>Flattens the domain's <see cref="Handoff"/> into a row and back.</summary>
internal static class HandoffMapping
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Handoff ToDomain(HandoffRow row, HandoffClocks clocks) => new()
    {
        DealId = row.DealId,
        AccountName = row.AccountName,
        AeId = row.AeId,
        Segment = row.Segment,
        Type = Enum.Parse<HandoffType>(row.Type),
        ClosedWonAtUtc = Utc(row.ClosedWonAtUtc),
        State = Enum.Parse<HandoffState>(row.State),
        Clocks = clocks,
        CsmId = row.CsmId,
        Pool = row.Pool,
        Channel = row.Channel,
        PostId = row.PostId,
        AcknowledgedAtUtc = Utc(row.AcknowledgedAtUtc),
        WarmCallHeldAtUtc = Utc(row.WarmCallHeldAtUtc),
        AcceptedAtUtc = Utc(row.AcceptedAtUtc),
        KickoffAtUtc = Utc(row.KickoffAtUtc),
        KickoffHeldAtUtc = Utc(row.KickoffHeldAtUtc),
        Round = row.Round,
        LastRejectionReasons = Read<List<string>>(row.RejectionReasons),
        LastJunkFieldKeys = Read<List<string>>(row.JunkFields),
        Stars = row.Stars,
        RediscoveredFieldKeys = Read<List<string>>(row.RediscoveredFields),
        RunningClocks = Read<List<RunningClock>>(row.RunningClocks),
        MissedClocks = Read<List<MissedClock>>(row.MissedClocks),
    };

    public static void Write(Handoff h, HandoffRow row)
    {
        row.State = h.State.ToString();
        row.CsmId = h.CsmId;
        row.Pool = h.Pool;
        row.Channel = h.Channel;
        row.PostId = h.PostId;
        row.AcknowledgedAtUtc = h.AcknowledgedAtUtc?.UtcDateTime;
        row.WarmCallHeldAtUtc = h.WarmCallHeldAtUtc?.UtcDateTime;
        row.AcceptedAtUtc = h.AcceptedAtUtc?.UtcDateTime;
        row.KickoffAtUtc = h.KickoffAtUtc?.UtcDateTime;
        row.KickoffHeldAtUtc = h.KickoffHeldAtUtc?.UtcDateTime;
        row.Round = h.Round;
        row.RejectionReasons = JsonSerializer.Serialize(h.LastRejectionReasons, Json);
        row.JunkFields = JsonSerializer.Serialize(h.LastJunkFieldKeys, Json);
        row.Stars = h.Stars;
        row.RediscoveredFields = JsonSerializer.Serialize(h.RediscoveredFieldKeys, Json);
        row.RunningClocks = JsonSerializer.Serialize(h.RunningClocks, Json);
        row.MissedClocks = JsonSerializer.Serialize(h.MissedClocks, Json);
        row.Version++;
    }

    public static HandoffRow NewRow(Handoff h) => new()
    {
        DealId = h.DealId,
        State = h.State.ToString(),
        AccountName = h.AccountName,
        AeId = h.AeId,
        Segment = h.Segment,
        Type = h.Type.ToString(),
        ClosedWonAtUtc = h.ClosedWonAtUtc.UtcDateTime,
        CsStage = CsStage.HandoffReceived.ToString(),
    };

    public static string EventJson(object e) => JsonSerializer.Serialize(e, e.GetType(), Json);

    private static T Read<T>(string json) where T : new() => JsonSerializer.Deserialize<T>(json, Json) ?? new T();

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static DateTimeOffset? Utc(DateTime? value) => value is { } v ? Utc(v) : null;
}
