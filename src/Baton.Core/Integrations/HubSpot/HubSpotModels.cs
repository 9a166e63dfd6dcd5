using System.Globalization;

namespace Baton.Core.Integrations.HubSpot;

/// <summary>A CRM record as HubSpot returns it: every property value is a string (or null), whatever its type.</summary>
public sealed record HubSpotRecord(string Id, IReadOnlyDictionary<string, string?> Properties, bool Archived = false)
{
    public string? this[string property] => Properties.GetValueOrDefault(property);
}

/// <summary>One past value of a property (<c>propertiesWithHistory</c>), newest first as HubSpot lists them.</summary>
public sealed record HubSpotPropertyVersion(string? Value, DateTimeOffset? TimestampUtc, string? SourceType, string? SourceId);

/// <summary>A deal with the properties asked for, their history where asked, and its associated contacts and companies.</summary>
public sealed record HubSpotDealRecord(
    string Id,
    IReadOnlyDictionary<string, string?> Properties,
    IReadOnlyDictionary<string, IReadOnlyList<HubSpotPropertyVersion>> History,
    IReadOnlyList<string> ContactIds,
    IReadOnlyList<string> CompanyIds,
    DateTimeOffset? UpdatedAtUtc,
    bool Archived = false)
{
    public const string LastModifiedProperty = "hs_lastmodifieddate";

    public string? this[string property] => Properties.GetValueOrDefault(property);

    /// <summary><c>hs_lastmodifieddate</c>, which the search sorts by; <c>updatedAt</c> when the property was not returned.</summary>
    public DateTimeOffset? LastModifiedUtc => HubSpotValues.Instant(this[LastModifiedProperty]) ?? UpdatedAtUtc;
}

/// <summary>An association to create: the other record and HubSpot's association type id (see <see cref="HubSpotAssociationTypes"/>).</summary>
public sealed record HubSpotAssociation(string ToId, int TypeId, string Category = HubSpotAssociationTypes.HubSpotDefined);

/// <summary>HubSpot-defined association type ids Baton uses. They are directional: note → deal is not deal → note.</summary>
public static class HubSpotAssociationTypes
{
    public const string HubSpotDefined = "HUBSPOT_DEFINED";
    public const int DealToContact = 3;
    public const int DealToCompanyPrimary = 5;
    public const int DealToCompany = 341;
    public const int MeetingToDeal = 212;
    public const int NoteToDeal = 214;
    public const int TaskToDeal = 216;
    public const int NoteToContact = 202;
    public const int NoteToCompany = 190;
}

public sealed record HubSpotPropertyOption(string Label, string Value, int DisplayOrder = 0, bool Hidden = false);

/// <summary>A deal property as the portal has it.</summary>
public sealed record HubSpotProperty(
    string Name, string Label, string Type, string FieldType, string? GroupName, string? Description,
    IReadOnlyList<HubSpotPropertyOption> Options, bool Archived = false);

/// <summary>A deal property Baton wants: what provisioning creates and drift compares against.</summary>
public sealed record HubSpotPropertySpec(
    string Name, string Label, string Type, string FieldType, string GroupName, string Description,
    IReadOnlyList<HubSpotPropertyOption> Options);

/// <summary>What a PATCH of a property changes; null members stay as they are. Options replace the whole list.</summary>
public sealed record HubSpotPropertyUpdate(string? Label = null, string? Description = null, IReadOnlyList<HubSpotPropertyOption>? Options = null);

public sealed record HubSpotPropertyGroup(string Name, string Label, int DisplayOrder = -1, bool Archived = false);

public sealed record HubSpotStage(string Id, string Label, int DisplayOrder, bool Archived, IReadOnlyDictionary<string, string?> Metadata);

public sealed record HubSpotPipeline(string Id, string Label, int DisplayOrder, bool Archived, IReadOnlyList<HubSpotStage> Stages);

/// <param name="Probability">Deal stages need one, as a string from <c>0.0</c> to <c>1.0</c>; 0 and 1 make the stage closed.</param>
public sealed record HubSpotStageSpec(string Label, int DisplayOrder, string Probability);

public sealed record HubSpotOwner(string Id, string? Email, string? FirstName, string? LastName, string? UserId, bool Archived)
{
    public string Name => string.Join(' ', new[] { FirstName, LastName }.Where(s => !string.IsNullOrWhiteSpace(s)));
}

/// <summary>A task on a deal (<c>hs_task_*</c>).</summary>
/// <param name="Status"><c>NOT_STARTED</c>, <c>IN_PROGRESS</c>, <c>WAITING</c>, <c>COMPLETED</c>.</param>
/// <param name="Priority"><c>LOW</c>, <c>MEDIUM</c>, <c>HIGH</c>.</param>
/// <param name="Type"><c>TODO</c>, <c>CALL</c>, <c>EMAIL</c>.</param>
public sealed record HubSpotTask(
    string Subject, string? Body, DateTimeOffset DueUtc, string? OwnerId = null,
    string Status = "NOT_STARTED", string Priority = "MEDIUM", string Type = "TODO");

/// <summary>A meeting on a deal (<c>hs_meeting_*</c>), e.g. the kickoff.</summary>
public sealed record HubSpotMeeting(
    string Title, string? Body, DateTimeOffset StartUtc, DateTimeOffset EndUtc, string? OwnerId = null, string Outcome = "SCHEDULED");

/// <summary>One filter of a search: <c>EQ</c>, <c>NEQ</c>, <c>GT</c>, <c>GTE</c>, <c>LT</c>, <c>LTE</c>, <c>HAS_PROPERTY</c>, <c>IN</c>, …</summary>
public sealed record HubSpotFilter(string PropertyName, string Operator, string? Value = null, IReadOnlyList<string>? Values = null);

public sealed record HubSpotSort(string PropertyName, bool Descending = false);

/// <summary>A search request: filter groups are OR-ed, filters inside a group AND-ed (at most 5 × 6).</summary>
public sealed record HubSpotSearch(
    IReadOnlyList<IReadOnlyList<HubSpotFilter>> FilterGroups,
    IReadOnlyList<string> Properties,
    IReadOnlyList<HubSpotSort>? Sorts = null,
    int Limit = HubSpotRateLimits.SearchPageSize,
    string? After = null);

/// <param name="After">The cursor of the next page; null on the last.</param>
public sealed record HubSpotSearchPage(int Total, IReadOnlyList<HubSpotDealRecord> Results, string? After);

/// <summary>How far a windowed search has got.</summary>
/// <param name="Fetched">Distinct deals yielded so far.</param>
/// <param name="Queries">Search queries started (one more each time the 10,000 cap forced a restart).</param>
/// <param name="QueryTotal">HubSpot's <c>total</c> for the current query.</param>
public sealed record HubSpotSearchProgress(int Fetched, int Queries, int QueryTotal, DateTimeOffset? LastModifiedUtc);

internal static class HubSpotValues
{
    /// <summary>Date-times come as ISO strings or epoch milliseconds, depending on the property.</summary>
    public static DateTimeOffset? Instant(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)) return DateTimeOffset.FromUnixTimeMilliseconds(ms);
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at : null;
    }

    public static string Milliseconds(DateTimeOffset at) => at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
