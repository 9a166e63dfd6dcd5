using System.Text.Json.Nodes;

namespace Baton.Tests.Doubles.HubSpot;

/// <summary>A scripted failure for the next matching calls.</summary>
public abstract record HubSpotFailure
{
    private HubSpotFailure() { }

    /// <summary>HTTP 429 with HubSpot's RATE_LIMIT body and rate-limit headers; <paramref name="PolicyName"/> is "TEN_SECONDLY_ROLLING" or "DAILY".</summary>
    public sealed record RateLimited(string PolicyName = "TEN_SECONDLY_ROLLING") : HubSpotFailure;

    /// <summary>HTTP <paramref name="Status"/> (500, 502, 503, 423 …) with HubSpot's error body.</summary>
    public sealed record ServerError(int Status = 500) : HubSpotFailure;
}

/// <summary>One request as the double received it: method, path and query, headers, raw body, and the status and body it answered.</summary>
public sealed record HubSpotRecordedRequest(
    string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body, int Status, string ResponseBody)
{
    /// <summary>The path without the query string.</summary>
    public string Path => PathAndQuery.Split('?', 2)[0];
}

/// <summary>One option of an enumeration or bool property.</summary>
public sealed record HubSpotPropertyOption(string Label, string Value, int DisplayOrder = 0, bool Hidden = false);

/// <summary>A property definition as <c>/crm/v3/properties</c> describes it.</summary>
/// <param name="Type">string, number, date, datetime, enumeration or bool.</param>
/// <param name="FieldType">text, textarea, html, phonenumber, file, number, date, select, radio, checkbox, booleancheckbox, calculation_equation.</param>
/// <param name="HubSpotDefined">True for HubSpot's default properties: they cannot be archived.</param>
/// <param name="ReadOnlyValue">True when API writes are refused (hs_object_id, hs_lastmodifieddate …).</param>
public sealed record HubSpotPropertyDef(
    string Name, string Label, string Type = "string", string FieldType = "text", string GroupName = "dealinformation")
{
    public string Description { get; init; } = "";
    public IReadOnlyList<HubSpotPropertyOption> Options { get; init; } = [];
    public bool Archived { get; init; }
    public bool Hidden { get; init; }
    public bool Calculated { get; init; }
    public bool HasUniqueValue { get; init; }
    public bool FormField { get; init; }
    public int DisplayOrder { get; init; } = -1;
    public bool HubSpotDefined { get; init; }
    public bool ReadOnlyValue { get; init; }
}

/// <summary>One past value of a property, newest first in <see cref="HubSpotObject.History"/>.</summary>
/// <param name="SourceType">CRM_UI, API, IMPORT … as HubSpot's propertiesWithHistory reports it.</param>
public sealed record HubSpotPropertyVersion(string? Value, DateTimeOffset Timestamp, string SourceType, string? SourceId);

/// <summary>An association from the object that holds it to another object.</summary>
public sealed record HubSpotAssociationRef(string ToType, string ToId, int TypeId, string Category);

/// <summary>A CRM record as the double holds it (a snapshot): current properties, their history, associations.</summary>
public sealed record HubSpotObject(
    string ObjectType, string Id, IReadOnlyDictionary<string, string?> Properties,
    IReadOnlyDictionary<string, IReadOnlyList<HubSpotPropertyVersion>> History, IReadOnlyList<HubSpotAssociationRef> Associations,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, bool Archived)
{
    /// <summary>The current value, or null when unset.</summary>
    public string? this[string property] => Properties.GetValueOrDefault(property);
}

/// <summary>A classic per-object webhook event (deal.creation, deal.propertyChange, deal.deletion), serialised as HubSpot sends it.</summary>
public sealed record HubSpotWebhookEvent(
    long EventId, long SubscriptionId, long PortalId, long AppId, long OccurredAt, string SubscriptionType, int AttemptNumber,
    long ObjectId, string? PropertyName, string? PropertyValue, string ChangeSource, string? SourceId)
{
    /// <summary>The event's JSON object; optional fields are left out when null.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["eventId"] = EventId, ["subscriptionId"] = SubscriptionId, ["portalId"] = PortalId, ["appId"] = AppId,
            ["occurredAt"] = OccurredAt, ["subscriptionType"] = SubscriptionType, ["attemptNumber"] = AttemptNumber, ["objectId"] = ObjectId,
        };
        if (PropertyName is not null) json["propertyName"] = PropertyName;
        if (PropertyValue is not null) json["propertyValue"] = PropertyValue;
        json["changeSource"] = ChangeSource;
        if (SourceId is not null) json["sourceId"] = SourceId;
        return json;
    }
}

/// <summary>How <see cref="HubSpotDouble.DeliverWebhooksAsync"/> delivers: batch size, order, duplicates, retries.</summary>
public sealed record HubSpotDeliveryOptions
{
    /// <summary>Events per POST; HubSpot sends at most 100.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>Shuffle the events before batching (HubSpot does not guarantee order).</summary>
    public bool Shuffle { get; init; }

    /// <summary>Seed of the shuffle, for reproducible tests.</summary>
    public int ShuffleSeed { get; init; } = 42;

    /// <summary>When &gt; 0, every Nth event is sent again later (same eventId, attemptNumber + 1), as HubSpot may duplicate.</summary>
    public int DuplicateEvery { get; init; }

    /// <summary>Retry a batch answered non-2xx, not answered within <see cref="Timeout"/>, or whose connection failed.</summary>
    public bool RetryOnNon2xx { get; init; } = true;

    /// <summary>Retries per batch after the first attempt; HubSpot makes up to 10 (over 24 hours).</summary>
    public int MaxRetries { get; init; } = 10;

    /// <summary>HubSpot's answer deadline: slower answers count as failed.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);
}

/// <summary>One POST of a batch: which attempt, the events' ids, the raw body and the status (null when timed out or unreachable).</summary>
public sealed record HubSpotDelivery(int Batch, int AttemptNumber, IReadOnlyList<long> EventIds, string Body, int? Status, bool TimedOut, TimeSpan Elapsed)
{
    public bool Succeeded => Status is >= 200 and < 300;
}

/// <summary>A pipeline stage; metadata values are strings, as HubSpot returns them (isClosed, probability).</summary>
public sealed record HubSpotStage(string Id, string Label, int DisplayOrder, IReadOnlyDictionary<string, string> Metadata);

/// <summary>A deal pipeline with its stages.</summary>
public sealed record HubSpotPipeline(string Id, string Label, int DisplayOrder, IReadOnlyList<HubSpotStage> Stages);
