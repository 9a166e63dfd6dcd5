using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Baton.Core.Inbox;

namespace Baton.Core.Integrations.HubSpot;

/// <summary>One deal event from a HubSpot webhook, as Baton reads it back from the inbox.</summary>
/// <param name="Kind"><c>deal.creation</c>, <c>deal.propertyChange</c>, <c>deal.deletion</c>… (the <c>object.*</c> forms for deals are read as these).</param>
public sealed record HubSpotDealEvent(string Kind, string DealId, long PortalId, DateTimeOffset OccurredAtUtc, string? PropertyName, string? PropertyValue, string? ChangeSource);

/// <summary>A webhook body split into events for the inbox, and what was left out and why.</summary>
public sealed record HubSpotBatch(IReadOnlyList<ReceivedEvent> Events, IReadOnlyList<string> Skipped);

/// <summary>
/// HubSpot's webhook JSON into Baton's terms. A delivery is a JSON array of up to 100 events; each is stored alone,
/// keyed <c>{objectId}:{subscriptionType}:{eventId}:{occurredAt}:{portalId}</c>, because <c>eventId</c> alone is not
/// unique and <c>attemptNumber</c> changes on every retry of the same event.
/// </summary>
public static class HubSpotTranslator
{
    public const string Source = "hubspot";
    private const string DealObjectType = "0-3";

    /// <summary>Splits a delivery; null with a reason when the body is not HubSpot's shape at all.</summary>
    public static (HubSpotBatch? Batch, string? Error) Split(string body, string? portalId)
    {
        JsonArray? array;
        try
        {
            array = JsonNode.Parse(body) as JsonArray;
        }
        catch (JsonException e)
        {
            return (null, $"the body is not JSON (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1})");
        }
        if (array is null) return (null, "a HubSpot delivery is a JSON array of events");

        var events = new List<ReceivedEvent>();
        var skipped = new List<string>();
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject e)
            {
                skipped.Add($"event {i}: not an object");
                continue;
            }
            var type = Text(e, "subscriptionType") ?? Text(e, "eventType");
            var objectId = Text(e, "objectId");
            var eventId = Text(e, "eventId");
            var occurredAt = Text(e, "occurredAt");
            var portal = Text(e, "portalId");
            if (type is null || objectId is null || eventId is null || occurredAt is null || portal is null)
            {
                skipped.Add($"event {i}: subscriptionType, objectId, eventId, occurredAt and portalId are required");
                continue;
            }
            if (!string.IsNullOrEmpty(portalId) && portal != portalId)
            {
                skipped.Add($"event {i}: portal {portal} is not this Baton's portal {portalId}");
                continue;
            }
            var key = $"{objectId}:{type}:{eventId}:{occurredAt}:{portal}";
            if (key.Length > 200)
            {
                skipped.Add($"event {i}: its ids are too long to be HubSpot's");
                continue;
            }
            events.Add(new ReceivedEvent(key, type.Length > 60 ? type[..60] : type, e.ToJsonString()));
        }
        return (new HubSpotBatch(events, skipped), null);
    }

    /// <summary>The deal event a stored row holds, or null when it is not about a deal.</summary>
    public static HubSpotDealEvent? Read(string body)
    {
        if (JsonNode.Parse(body) is not JsonObject e) return null;
        var type = Text(e, "subscriptionType") ?? Text(e, "eventType") ?? "";
        if (type.StartsWith("object.", StringComparison.Ordinal))
        {
            if (Text(e, "objectTypeId") != DealObjectType) return null;
            type = "deal." + type["object.".Length..];
        }
        if (!type.StartsWith("deal.", StringComparison.Ordinal)) return null;
        var occurred = long.TryParse(Text(e, "occurredAt"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : DateTimeOffset.UnixEpoch;
        return new HubSpotDealEvent(type, Text(e, "objectId") ?? "", long.TryParse(Text(e, "portalId"), out var p) ? p : 0, occurred,
            Text(e, "propertyName"), Text(e, "propertyValue"), Text(e, "changeSource"));
    }

    /// <summary>The prefix every stored event about one object shares, to find a later one.</summary>
    public static string ObjectPrefix(string objectId) => objectId + ":";

    /// <summary>Numbers and strings alike: HubSpot sends ids as numbers and values as strings.</summary>
    private static string? Text(JsonObject e, string name) => e[name] switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString(),
        _ => null,
    };
}
