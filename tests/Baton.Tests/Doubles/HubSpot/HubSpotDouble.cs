using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Baton.Tests.Doubles.HubSpot;

/// <summary>
/// HubSpot's CRM API (v3 objects, search, properties, pipelines, owners; v4 associations) and its app webhooks, on a real
/// local port, built from HubSpot's published protocol (<c>shared/specs/PROTOCOLS.md</c> sections 1, 2 and 5).
/// It refuses what HubSpot refuses (authentication, unknown or read-only properties, non-string values, values outside an
/// enumeration's options or a deal's pipeline, unknown owners, bad association types, limits on pages, batches and search,
/// rate limits), records every request, keeps state so reads see writes, queues webhook events for subscribed deal
/// properties, and delivers them signed (v3 and v1) in batches of at most 100, with duplicates, shuffling and retries on demand.
/// </summary>
/// <remarks>
/// Record ids come from one sequence shared by all object types (HubSpot's are per type), so an id names one record.
/// Time comes from the injected <see cref="TimeProvider"/> (timestamps, the rate-limit windows, webhook timestamps).
/// </remarks>
public sealed partial class HubSpotDouble : IAsyncDisposable
{
    public const string DefaultAccessToken = "pat-na1-00000000-0000-0000-0000-baton0double";
    public const string DefaultClientSecret = "baton-double-client-secret";
    public const long PortalId = 4242424;
    public const long AppId = 777001;

    /// <summary>The HubSpot user behind UI edits when no owner is named.</summary>
    public const long DefaultUiUserId = 882761034;

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
    private readonly List<HubSpotRecordedRequest> _requests = [];
    private readonly Dictionary<string, SortedDictionary<long, Rec>> _objects = [];
    private readonly List<Assoc> _associations = [];
    private readonly Dictionary<string, Dictionary<string, HubSpotPropertyDef>> _properties = [];
    private readonly Dictionary<string, List<PropertyGroup>> _groups = [];
    private readonly List<Pipe> _pipelines = [];
    private readonly List<OwnerRec> _owners = [];
    private readonly List<HubSpotWebhookEvent> _pending = [];
    private readonly List<HubSpotDelivery> _deliveries = [];
    private readonly Dictionary<string, long> _subscriptionIds = [];
    private readonly List<(string? PathContains, HubSpotFailure Failure)> _failures = [];
    private readonly Queue<long> _burstWindow = new();
    private readonly Queue<long> _searchWindow = new();
    private readonly DateTimeOffset _seededAt;
    private long _nextId = 18474000000;
    private long _nextOwnerId = 70000000;
    private long _nextUserId = 882761100;
    private long _nextEventId = 3816279000;
    private long _nextPipelineId = 900000000;
    private int _dailyUsed;
    private DateOnly _dailyDay;

    private HubSpotDouble(WebApplication app, TimeProvider time)
    {
        _app = app;
        Time = time;
        _seededAt = time.GetUtcNow();
        Seed();
    }

    /// <summary>API root, e.g. <c>http://127.0.0.1:51234/</c>: the value for Baton's <c>HubSpot:ApiBaseUrl</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public TimeProvider Time { get; }

    /// <summary>The private-app token every request must carry as <c>Authorization: Bearer …</c>.</summary>
    public string AccessToken { get; set; } = DefaultAccessToken;

    /// <summary>The app's client secret that signs webhooks.</summary>
    public string ClientSecret { get; set; } = DefaultClientSecret;

    /// <summary>Requests per rolling 10 seconds before 429 TEN_SECONDLY_ROLLING (190: Professional/Enterprise private apps).</summary>
    public int RateLimitMax { get; set; } = 190;

    /// <summary>Requests per day (UTC) before 429 DAILY.</summary>
    public int DailyLimit { get; set; } = 625_000;

    /// <summary>Search requests per second per account before 429; null switches the search limit off.</summary>
    public int? SearchRequestsPerSecond { get; set; } = 5;

    /// <summary>Records newer than this are not yet found by search (HubSpot indexes with a short delay); zero by default.</summary>
    public TimeSpan SearchIndexDelay { get; set; } = TimeSpan.Zero;

    /// <summary>False switches the 10-second and daily limits off (headers are still sent).</summary>
    public bool EnforceRateLimits { get; set; } = true;

    /// <summary>changeSource of events caused by API calls. PROTOCOLS.md lists "API"; some portals report "INTEGRATION" for app tokens.</summary>
    public string ApiChangeSource { get; set; } = "API";

    /// <summary>sourceId of events caused by API calls (not confirmed in HubSpot's docs; Baton must not depend on it).</summary>
    public string? ApiSourceId { get; set; } = $"app:{AppId}";

    /// <summary>
    /// HubSpot also sends propertyChange events for the values a record is created with (alongside deal.creation);
    /// false sends deal.creation alone.
    /// </summary>
    public bool EmitPropertyChangesOnCreation { get; set; } = true;

    /// <summary>Baton's public URL of POST /webhooks/hubspot; the exact URI that is signed.</summary>
    public Uri? WebhookTarget { get; set; }

    /// <summary>Deal properties with a deal.propertyChange subscription (besides those whose name starts with "baton_", see <see cref="SubscribeBatonProperties"/>).</summary>
    public HashSet<string> SubscribedDealProperties { get; } = new(StringComparer.Ordinal) { "dealstage" };

    /// <summary>True: every deal property whose name starts with "baton_" is subscribed too.</summary>
    public bool SubscribeBatonProperties { get; set; } = true;

    /// <summary>Starts listening on <c>http://127.0.0.1:{random port}</c>.</summary>
    public static async Task<HubSpotDouble> StartAsync(TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var hubspot = new HubSpotDouble(app, time ?? TimeProvider.System);
        app.Run(hubspot.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        hubspot.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return hubspot;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    // ---------------------------------------------------------------- inspection

    public IReadOnlyList<HubSpotRecordedRequest> Requests
    {
        get { lock (_gate) return [.. _requests]; }
    }

    /// <summary>Requests whose path contains <paramref name="pathContains"/>.</summary>
    public IReadOnlyList<HubSpotRecordedRequest> RequestsTo(string pathContains) =>
        [.. Requests.Where(r => r.Path.Contains(pathContains, StringComparison.OrdinalIgnoreCase))];

    public HubSpotObject? Deal(string id) => Object("deals", id);

    /// <summary>Any record by type (deals, contacts, companies, notes, tasks, meetings, or 0-3 …) and id, archived ones included.</summary>
    public HubSpotObject? Object(string objectType, string id)
    {
        lock (_gate)
        {
            var type = CanonicalType(objectType) ?? throw new ArgumentException($"unknown object type {objectType}", nameof(objectType));
            return long.TryParse(id, CultureInfo.InvariantCulture, out var n) && Store(type).TryGetValue(n, out var rec) ? Snapshot(rec) : null;
        }
    }

    /// <summary>All records of a type, oldest first, archived ones included.</summary>
    public IReadOnlyList<HubSpotObject> Objects(string objectType)
    {
        lock (_gate)
        {
            var type = CanonicalType(objectType) ?? throw new ArgumentException($"unknown object type {objectType}", nameof(objectType));
            return [.. Store(type).Values.Select(Snapshot)];
        }
    }

    /// <summary>Every association in both directions, as HubSpot stores them (a primary deal→company also has its unlabeled 341).</summary>
    public IReadOnlyList<(string FromType, string FromId, string ToType, string ToId, int TypeId)> Associations
    {
        get { lock (_gate) return [.. _associations.Select(a => (a.FromType, a.FromId, a.ToType, a.ToId, a.TypeId))]; }
    }

    public IReadOnlyList<HubSpotWebhookEvent> PendingEvents
    {
        get { lock (_gate) return [.. _pending]; }
    }

    /// <summary>Every webhook POST made by <see cref="DeliverWebhooksAsync"/>, in order.</summary>
    public IReadOnlyList<HubSpotDelivery> Deliveries
    {
        get { lock (_gate) return [.. _deliveries]; }
    }

    public IReadOnlyList<HubSpotPipeline> Pipelines
    {
        get { lock (_gate) return [.. _pipelines.Select(p => new HubSpotPipeline(p.Id, p.Label, p.DisplayOrder, [.. p.Stages]))]; }
    }

    /// <summary>A property definition, archived ones included.</summary>
    public HubSpotPropertyDef? Property(string objectType, string name)
    {
        lock (_gate) return Props(CanonicalType(objectType) ?? objectType).GetValueOrDefault(name);
    }

    // ---------------------------------------------------------------- seeding

    /// <summary>An owner (a HubSpot user who can own records); returns the owner id (not the user id).</summary>
    public string AddOwner(string email, string firstName, string lastName)
    {
        lock (_gate)
        {
            var owner = new OwnerRec((++_nextOwnerId).ToString(CultureInfo.InvariantCulture), email, firstName, lastName, ++_nextUserId, Time.GetUtcNow());
            _owners.Add(owner);
            return owner.Id;
        }
    }

    /// <summary>The HubSpot user id of an owner (what UI edits carry as <c>sourceId: "userId:…"</c>).</summary>
    public long UserIdOf(string ownerId)
    {
        lock (_gate) return _owners.First(o => o.Id == ownerId).UserId;
    }

    public string CreateCompany(string name, string? domain = null)
    {
        lock (_gate) return Insert("companies", new() { ["name"] = name, ["domain"] = domain }, Time.GetUtcNow(), "CRM_UI", null, emit: false).Id;
    }

    public string CreateContact(string email, string firstName, string lastName)
    {
        lock (_gate)
            return Insert("contacts", new() { ["email"] = email, ["firstname"] = firstName, ["lastname"] = lastName }, Time.GetUtcNow(), "CRM_UI", null, emit: false).Id;
    }

    /// <summary>A deal as if made earlier in HubSpot (no webhook). pipeline defaults to "default"; properties must exist.</summary>
    public string CreateDeal(IDictionary<string, string?> properties, IEnumerable<string>? contactIds = null, string? companyId = null, DateTimeOffset? createdAt = null)
    {
        lock (_gate)
        {
            foreach (var name in properties.Keys)
                if (LiveProperty("deals", name) is null) throw new ArgumentException($"deal property \"{name}\" does not exist", nameof(properties));
            var values = new Dictionary<string, string?>(properties);
            values.TryAdd("pipeline", "default");
            var deal = Insert("deals", values, createdAt ?? Time.GetUtcNow(), "CRM_UI", $"userId:{DefaultUiUserId}", emit: false);
            foreach (var contact in contactIds ?? [])
            {
                Require("contacts", contact);
                Associate("deals", deal.Id, "contacts", contact, 3, "HUBSPOT_DEFINED");
            }
            if (companyId is not null)
            {
                Require("companies", companyId);
                Associate("deals", deal.Id, "companies", companyId, 5, "HUBSPOT_DEFINED");
            }
            return deal.Id;
        }
    }

    /// <summary>Adds or replaces a property definition as an admin would (to simulate drift: relabel, retype, change options, archive).</summary>
    public void DefineProperty(string objectType, HubSpotPropertyDef def)
    {
        lock (_gate)
        {
            var type = CanonicalType(objectType) ?? throw new ArgumentException($"unknown object type {objectType}", nameof(objectType));
            var groups = Groups(type);
            if (groups.All(g => g.Name != def.GroupName)) groups.Add(new PropertyGroup(def.GroupName, def.GroupName, groups.Count));
            Props(type)[def.Name] = def;
        }
    }

    public void ArchiveProperty(string objectType, string name)
    {
        lock (_gate)
        {
            var props = Props(CanonicalType(objectType) ?? objectType);
            if (!props.TryGetValue(name, out var def)) throw new ArgumentException($"property \"{name}\" does not exist", nameof(name));
            props[name] = def with { Archived = true };
        }
    }

    /// <summary>A deal pipeline; stage probabilities 0..1, closed stages flagged. Returns the pipeline id.</summary>
    public string AddPipeline(string label, params (string Id, string Label, double Probability, bool IsClosed)[] stages)
    {
        lock (_gate)
        {
            var id = (++_nextPipelineId).ToString(CultureInfo.InvariantCulture);
            _pipelines.Add(new Pipe(id, label, _pipelines.Count, [.. stages.Select((s, i) => Stage(s.Id, s.Label, i, s.Probability, s.IsClosed))]));
            return id;
        }
    }

    /// <summary>A user editing the deal in HubSpot's UI: properties change (history source CRM_UI) and webhook events are queued for subscribed ones.</summary>
    public void EditDealInUi(string dealId, IDictionary<string, string?> properties, string? byOwnerId = null)
    {
        lock (_gate)
        {
            var deal = Find("deals", dealId, archived: false) ?? throw new KeyNotFoundException($"deal {dealId} does not exist");
            var body = new JsonObject();
            foreach (var (k, v) in properties) body[k] = v;
            var errors = ValidateProperties("deals", body, deal, out var values);
            if (errors.Count > 0) throw new ArgumentException(ValidationMessage(errors), nameof(properties));
            var userId = byOwnerId is null ? DefaultUiUserId : _owners.First(o => o.Id == byOwnerId).UserId;
            Apply(deal, values, "CRM_UI", $"userId:{userId}", emit: true);
        }
    }

    /// <summary>The next <paramref name="count"/> requests (whose path contains <paramref name="pathContains"/>, or any) fail this way.</summary>
    public void FailNext(int count, HubSpotFailure failure, string? pathContains = null)
    {
        lock (_gate)
            for (var i = 0; i < count; i++) _failures.Add((pathContains, failure));
    }

    // ---------------------------------------------------------------- state

    private sealed class Rec(string type, long id, DateTimeOffset createdAt)
    {
        public string Type { get; } = type;
        public long Number { get; } = id;
        public string Id { get; } = id.ToString(CultureInfo.InvariantCulture);
        public Dictionary<string, string?> Props { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, List<HubSpotPropertyVersion>> History { get; } = new(StringComparer.Ordinal);
        public DateTimeOffset CreatedAt { get; } = createdAt;
        public DateTimeOffset UpdatedAt { get; set; } = createdAt;
        public bool Archived { get; set; }
        public DateTimeOffset? ArchivedAt { get; set; }
    }

    private sealed record Assoc(string FromType, string FromId, string ToType, string ToId, int TypeId, string Category);

    private sealed record OwnerRec(string Id, string Email, string FirstName, string LastName, long UserId, DateTimeOffset CreatedAt);

    private sealed record PropertyGroup(string Name, string Label, int DisplayOrder, bool Archived = false);

    private sealed record Pipe(string Id, string Label, int DisplayOrder, List<HubSpotStage> Stages)
    {
        public bool Archived { get; init; }
    }

    private SortedDictionary<long, Rec> Store(string type)
    {
        if (!_objects.TryGetValue(type, out var store)) _objects[type] = store = [];
        return store;
    }

    private Dictionary<string, HubSpotPropertyDef> Props(string type)
    {
        if (!_properties.TryGetValue(type, out var props)) _properties[type] = props = new(StringComparer.Ordinal);
        return props;
    }

    private List<PropertyGroup> Groups(string type)
    {
        if (!_groups.TryGetValue(type, out var groups)) _groups[type] = groups = [];
        return groups;
    }

    private HubSpotPropertyDef? LiveProperty(string type, string name) =>
        Props(type).TryGetValue(name, out var def) && !def.Archived ? def : null;

    private Rec? Find(string type, string id, bool archived) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && Store(type).TryGetValue(n, out var rec) && rec.Archived == archived ? rec : null;

    private Rec? FindAnyType(string id, out string? type)
    {
        type = null;
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return null;
        foreach (var (t, store) in _objects)
            if (store.TryGetValue(n, out var rec) && !rec.Archived) { type = t; return rec; }
        return null;
    }

    private void Require(string type, string id)
    {
        if (Find(type, id, archived: false) is null) throw new ArgumentException($"{type} {id} does not exist");
    }

    private HubSpotObject Snapshot(Rec rec) => new(
        rec.Type, rec.Id, new Dictionary<string, string?>(rec.Props),
        rec.History.ToDictionary(h => h.Key, h => (IReadOnlyList<HubSpotPropertyVersion>)[.. h.Value]),
        [.. _associations.Where(a => a.FromType == rec.Type && a.FromId == rec.Id).Select(a => new HubSpotAssociationRef(a.ToType, a.ToId, a.TypeId, a.Category))],
        rec.CreatedAt, rec.UpdatedAt, rec.Archived);

    private static string CreatedProperty(string type) => IsEngagement(type) ? "hs_createdate" : "createdate";

    private static string ModifiedProperty(string type) => type == "contacts" ? "lastmodifieddate" : "hs_lastmodifieddate";

    private static bool IsEngagement(string type) => type is "notes" or "tasks" or "meetings";

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A new record with system properties set; values are written as one change (history, events when <paramref name="emit"/>).</summary>
    private Rec Insert(string type, Dictionary<string, string?> values, DateTimeOffset createdAt, string source, string? sourceId, bool emit)
    {
        var rec = new Rec(type, ++_nextId, createdAt);
        Store(type)[rec.Number] = rec;
        rec.Props["hs_object_id"] = rec.Id;
        if (!values.ContainsKey(CreatedProperty(type))) rec.Props[CreatedProperty(type)] = Iso(createdAt);
        rec.Props[ModifiedProperty(type)] = Iso(createdAt);
        if (emit && type == "deals") Queue("deal.creation", rec, null, null, source, sourceId);
        Apply(rec, values, source, sourceId, emit && (EmitPropertyChangesOnCreation || type != "deals"), at: createdAt);
        return rec;
    }

    private void Apply(Rec rec, Dictionary<string, string?> values, string source, string? sourceId, bool emit, DateTimeOffset? at = null)
    {
        var now = at ?? Time.GetUtcNow();
        var changed = false;
        foreach (var (name, raw) in values)
        {
            var value = raw;
            var had = rec.Props.TryGetValue(name, out var old);
            if (had && old == value) continue;
            if (!had && value is null) continue;
            rec.Props[name] = value;
            changed = true;
            if (!rec.History.TryGetValue(name, out var history)) rec.History[name] = history = [];
            history.Insert(0, new HubSpotPropertyVersion(value, now, source, sourceId));
            if (emit && rec.Type == "deals" && IsSubscribed(name)) Queue("deal.propertyChange", rec, name, value ?? "", source, sourceId);
        }
        if (changed || at is null)
        {
            rec.UpdatedAt = now;
            rec.Props[ModifiedProperty(rec.Type)] = Iso(now);
        }
    }

    private bool IsSubscribed(string property) =>
        property is not ("hs_lastmodifieddate" or "num_unique_conversion_events")
        && (SubscribedDealProperties.Contains(property) || (SubscribeBatonProperties && property.StartsWith("baton_", StringComparison.Ordinal)));

    private void Queue(string subscriptionType, Rec rec, string? property, string? value, string source, string? sourceId)
    {
        var key = property is null ? subscriptionType : $"{subscriptionType}:{property}";
        if (!_subscriptionIds.TryGetValue(key, out var subscriptionId)) _subscriptionIds[key] = subscriptionId = 100 + _subscriptionIds.Count;
        _pending.Add(new HubSpotWebhookEvent(++_nextEventId, subscriptionId, PortalId, AppId, Time.GetUtcNow().ToUnixTimeMilliseconds(),
            subscriptionType, 0, rec.Number, property, value, source, sourceId));
    }

    // ---------------------------------------------------------------- associations

    /// <summary>An association type HubSpot defines: from → to with id, its inverse id, its label (Primary or none) and its v3 name.</summary>
    private sealed record AssocType(string From, string To, int Id, int Inverse, string? Label, string V3Name, bool IsDefault);

    private static readonly AssocType[] AssocTypes = BuildAssocTypes();

    private static AssocType[] BuildAssocTypes()
    {
        // PROTOCOLS.md section 2 table, plus HubSpot's documented engagement ids (meeting→deal 212 …). HubSpot has no
        // default deal→deal type in the v3 table; the v4 docs list 451 "deal to deal" (both directions), used here.
        List<AssocType> list =
        [
            new("deals", "contacts", 3, 4, null, "deal_to_contact", true),
            new("contacts", "deals", 4, 3, null, "contact_to_deal", true),
            new("deals", "companies", 5, 6, "Primary", "deal_to_company", false),
            new("deals", "companies", 341, 342, null, "deal_to_company_unlabeled", true),
            new("companies", "deals", 6, 5, "Primary", "company_to_deal", false),
            new("companies", "deals", 342, 341, null, "company_to_deal_unlabeled", true),
            new("contacts", "companies", 1, 2, "Primary", "contact_to_company", false),
            new("contacts", "companies", 279, 280, null, "contact_to_company_unlabeled", true),
            new("companies", "contacts", 2, 1, "Primary", "company_to_contact", false),
            new("companies", "contacts", 280, 279, null, "company_to_contact_unlabeled", true),
            new("deals", "deals", 451, 451, null, "deal_to_deal", true),
        ];
        (string Engagement, string Target, int Id)[] engagements =
        [
            ("notes", "deals", 214), ("notes", "contacts", 202), ("notes", "companies", 190),
            ("tasks", "deals", 216), ("tasks", "contacts", 204), ("tasks", "companies", 192),
            ("meetings", "deals", 212), ("meetings", "contacts", 200), ("meetings", "companies", 188),
        ];
        foreach (var (engagement, target, id) in engagements)
        {
            var e = engagement.TrimEnd('s');
            var t = target == "companies" ? "company" : target.TrimEnd('s');
            list.Add(new(engagement, target, id, id - 1, null, $"{e}_to_{t}", true));
            list.Add(new(target, engagement, id - 1, id, null, $"{t}_to_{e}", true));
        }
        return [.. list];
    }

    private static AssocType? HubSpotDefined(string from, string to, int id) => AssocTypes.FirstOrDefault(a => a.From == from && a.To == to && a.Id == id);

    /// <summary>Stores the association and its inverse; a primary one brings its unlabeled one along, as in HubSpot.</summary>
    private void Associate(string from, string fromId, string to, string toId, int typeId, string category)
    {
        void Add(Assoc a)
        {
            if (!_associations.Contains(a)) _associations.Add(a);
        }

        var defined = category == "HUBSPOT_DEFINED" ? HubSpotDefined(from, to, typeId) : null;
        Add(new Assoc(from, fromId, to, toId, typeId, category));
        Add(new Assoc(to, toId, from, fromId, defined?.Inverse ?? typeId, category));
        if (defined?.Label == "Primary" && AssocTypes.FirstOrDefault(a => a.From == from && a.To == to && a.IsDefault) is { } unlabeled)
        {
            Add(new Assoc(from, fromId, to, toId, unlabeled.Id, "HUBSPOT_DEFINED"));
            Add(new Assoc(to, toId, from, fromId, unlabeled.Inverse, "HUBSPOT_DEFINED"));
        }
    }

    private static string LabelOf(Assoc a) => a.Category == "HUBSPOT_DEFINED" ? HubSpotDefined(a.FromType, a.ToType, a.TypeId)?.Label ?? "" : "";

    // ---------------------------------------------------------------- object types

    private static readonly Dictionary<string, string> TypeAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["deals"] = "deals", ["deal"] = "deals", ["0-3"] = "deals",
        ["contacts"] = "contacts", ["contact"] = "contacts", ["0-1"] = "contacts",
        ["companies"] = "companies", ["company"] = "companies", ["0-2"] = "companies",
        ["notes"] = "notes", ["note"] = "notes", ["0-46"] = "notes",
        ["tasks"] = "tasks", ["task"] = "tasks", ["0-27"] = "tasks",
        ["meetings"] = "meetings", ["meeting"] = "meetings", ["0-47"] = "meetings",
    };

    private static readonly Dictionary<string, string> TypeIds = new()
    {
        ["deals"] = "0-3", ["contacts"] = "0-1", ["companies"] = "0-2", ["notes"] = "0-46", ["tasks"] = "0-27", ["meetings"] = "0-47",
    };

    private static string? CanonicalType(string name) => TypeAliases.GetValueOrDefault(name);

    private static string Singular(string type) => type == "companies" ? "company" : type.TrimEnd('s');

    // ---------------------------------------------------------------- property validation

    /// <summary>
    /// Checks a create/update <c>properties</c> object the way HubSpot does and returns its per-property errors
    /// (<c>{isValid:false, message, error, name}</c>); <paramref name="values"/> holds what may be written.
    /// </summary>
    private List<JsonObject> ValidateProperties(string type, JsonObject properties, Rec? existing, out Dictionary<string, string?> values)
    {
        values = new(StringComparer.Ordinal);
        var errors = new List<JsonObject>();
        void Fail(string name, string error, string message) =>
            errors.Add(new JsonObject { ["isValid"] = false, ["message"] = message, ["error"] = error, ["name"] = name });

        foreach (var (name, node) in properties)
        {
            var def = LiveProperty(type, name);
            if (def is null) { Fail(name, "PROPERTY_DOESNT_EXIST", $"Property \"{name}\" does not exist"); continue; }
            string? value;
            if (node is null) value = null;
            else if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String) value = v.GetValue<string>();
            else
            {
                // The brief (and HubSpot's published shapes) make every value a string; a JSON number or bool is refused here.
                Fail(name, "INVALID_PROPERTY_VALUE", $"Property \"{name}\" must be a string or null, was {node.GetValueKind().ToString().ToLowerInvariant()} {node.ToJsonString()}");
                continue;
            }
            if (def.ReadOnlyValue) { Fail(name, "READ_ONLY_VALUE", $"\"{name}\" is a read only property; its value cannot be set."); continue; }
            values[name] = value;
        }
        if (errors.Count > 0) return errors;

        // Deal stages belong to the deal's pipeline; the owner must be an owner.
        foreach (var (name, value) in values)
        {
            if (string.IsNullOrEmpty(value)) continue;
            var def = LiveProperty(type, name)!;
            if (name == "hubspot_owner_id")
            {
                if (_owners.All(o => o.Id != value)) Fail(name, "INVALID_OWNER_ID", $"{value} is not a valid owner id");
                continue;
            }
            if (type == "deals" && name == "pipeline")
            {
                if (_pipelines.All(p => p.Id != value || p.Archived)) Fail(name, "INVALID_OPTION", $"{value} was not one of the allowed options: [{string.Join(", ", _pipelines.Select(p => p.Id))}]");
                continue;
            }
            if (type == "deals" && name == "dealstage")
            {
                var pipelineId = values.GetValueOrDefault("pipeline") ?? existing?.Props.GetValueOrDefault("pipeline") ?? "default";
                var pipeline = _pipelines.FirstOrDefault(p => p.Id == pipelineId);
                if (pipeline is null || pipeline.Stages.All(s => s.Id != value))
                    Fail(name, "INVALID_OPTION", $"{value} is not a valid stage of pipeline {pipelineId}; allowed: [{string.Join(", ", pipeline?.Stages.Select(s => s.Id) ?? [])}]");
                continue;
            }
            if (CheckValue(def, value) is { } problem) Fail(name, problem.Error, problem.Message);
        }
        if (type == "deals" && values.TryGetValue("pipeline", out var cleared) && string.IsNullOrEmpty(cleared))
            Fail("pipeline", "INVALID_OPTION", "A deal must be in a pipeline; pipeline cannot be cleared");
        // A pipeline change must keep the stage valid.
        if (type == "deals" && errors.Count == 0 && values.TryGetValue("pipeline", out var newPipeline) && !values.ContainsKey("dealstage")
            && existing?.Props.GetValueOrDefault("dealstage") is { Length: > 0 } stage
            && _pipelines.First(p => p.Id == newPipeline).Stages.All(s => s.Id != stage))
            Fail("dealstage", "INVALID_OPTION", $"{stage} is not a valid stage of pipeline {newPipeline}");
        return errors;
    }

    private static (string Error, string Message)? CheckValue(HubSpotPropertyDef def, string value)
    {
        switch (def.Type)
        {
            case "number":
                return decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                    ? null : ("INVALID_DOUBLE", $"{value} was not a valid number.");
            case "bool":
                return value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("false", StringComparison.OrdinalIgnoreCase)
                    ? null : ("INVALID_BOOLEAN", $"{value} was not a valid boolean (true or false).");
            case "enumeration":
                // checkbox (multi-select) values are separated by semicolons
                var parts = def.FieldType == "checkbox" ? value.Split(';') : [value];
                var allowed = def.Options.Select(o => o.Value).ToHashSet(StringComparer.Ordinal);
                return parts.All(allowed.Contains) ? null
                    : ("INVALID_OPTION", $"{value} was not one of the allowed options: [{string.Join(", ", def.Options.Select(o => $"label: \"{o.Label}\" value: \"{o.Value}\""))}]");
            case "date":
                // HubSpot date properties hold midnight UTC: epoch ms at midnight, or YYYY-MM-DD.
                if (TryInstant(value, out var day) && day.TimeOfDay == TimeSpan.Zero) return null;
                return ("INVALID_DATE", $"{value} is not a valid date: use midnight UTC in epoch milliseconds or YYYY-MM-DD.");
            case "datetime":
                return TryInstant(value, out _) ? null : ("INVALID_DATETIME", $"{value} is not a valid datetime: use epoch milliseconds or ISO 8601.");
            default:
                return value.Length > 65536 ? ("INVALID_STRING", "values are limited to 65536 characters") : null;
        }
    }

    /// <summary>Epoch milliseconds or an ISO 8601 date/datetime.</summary>
    private static bool TryInstant(string value, out DateTimeOffset instant)
    {
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms))
        {
            instant = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            return true;
        }
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant)
            && value.Length >= 10 && char.IsDigit(value[0]);
    }

    private static string ValidationMessage(List<JsonObject> errors) =>
        "Property values were not valid: " + new JsonArray([.. errors.Select(e => (JsonNode)e.DeepClone())]).ToJsonString(Relaxed);

    // ---------------------------------------------------------------- seed data

    private void Seed()
    {
        Groups("deals").AddRange([new("dealinformation", "Deal information", 0), new("deal_activity", "Deal activity", 1)]);
        Groups("contacts").Add(new("contactinformation", "Contact information", 0));
        Groups("companies").Add(new("companyinformation", "Company information", 0));
        foreach (var t in new[] { "notes", "tasks", "meetings" }) Groups(t).Add(new($"{Singular(t)}information", $"{Singular(t)} information", 0));

        HubSpotPropertyDef P(string name, string label, string type, string fieldType, string group, bool readOnly = false, IReadOnlyList<HubSpotPropertyOption>? options = null) =>
            new(name, label, type, fieldType, group) { HubSpotDefined = true, ReadOnlyValue = readOnly, Options = options ?? [], FormField = false };

        static IReadOnlyList<HubSpotPropertyOption> Options(params string[] values) => [.. values.Select((v, i) => new HubSpotPropertyOption(v[..1] + v[1..].ToLowerInvariant().Replace('_', ' '), v, i))];

        void Common(string type, string group)
        {
            var created = CreatedProperty(type);
            Props(type)[created] = P(created, "Create Date", "datetime", "date", group);
            Props(type)[ModifiedProperty(type)] = P(ModifiedProperty(type), "Last Modified Date", "datetime", "date", group, readOnly: true);
            Props(type)["hs_object_id"] = P("hs_object_id", "Record ID", "number", "number", group, readOnly: true);
            Props(type)["hubspot_owner_id"] = P("hubspot_owner_id", type == "deals" ? "Deal owner" : "Owner", "enumeration", "select", group);
        }

        const string d = "dealinformation";
        Common("deals", d);
        foreach (var p in new[]
                 {
                     P("dealname", "Deal Name", "string", "text", d),
                     P("dealstage", "Deal Stage", "enumeration", "radio", d),
                     P("pipeline", "Pipeline", "enumeration", "select", d),
                     P("amount", "Amount", "number", "number", d),
                     P("closedate", "Close Date", "datetime", "date", d),
                     P("description", "Deal Description", "string", "textarea", d),
                     P("dealtype", "Deal Type", "enumeration", "radio", d,
                         options: [new("New Business", "newbusiness", 0), new("Existing Business", "existingbusiness", 1)]),
                     P("closed_won_reason", "Closed Won Reason", "string", "textarea", d),
                     P("closed_lost_reason", "Closed Lost Reason", "string", "textarea", d),
                 })
            Props("deals")[p.Name] = p;

        const string c = "contactinformation";
        Common("contacts", c);
        foreach (var p in new[]
                 {
                     P("email", "Email", "string", "text", c), P("firstname", "First Name", "string", "text", c),
                     P("lastname", "Last Name", "string", "text", c), P("phone", "Phone Number", "string", "phonenumber", c),
                     P("jobtitle", "Job Title", "string", "text", c), P("company", "Company Name", "string", "text", c),
                 })
            Props("contacts")[p.Name] = p;

        const string co = "companyinformation";
        Common("companies", co);
        foreach (var p in new[] { P("name", "Company name", "string", "text", co), P("domain", "Company Domain Name", "string", "text", co), P("phone", "Phone Number", "string", "phonenumber", co) })
            Props("companies")[p.Name] = p;

        foreach (var t in new[] { "notes", "tasks", "meetings" })
        {
            var g = $"{Singular(t)}information";
            Common(t, g);
            Props(t)["hs_timestamp"] = P("hs_timestamp", "Activity date", "datetime", "date", g);
        }
        Props("notes")["hs_note_body"] = P("hs_note_body", "Note body", "string", "html", "noteinformation");
        Props("notes")["hs_attachment_ids"] = P("hs_attachment_ids", "Attached file IDs", "string", "text", "noteinformation");
        const string tk = "taskinformation";
        foreach (var p in new[]
                 {
                     P("hs_task_subject", "Task Title", "string", "text", tk), P("hs_task_body", "Notes", "string", "html", tk),
                     P("hs_task_status", "Task Status", "enumeration", "select", tk, options: Options("NOT_STARTED", "IN_PROGRESS", "WAITING", "COMPLETED", "DEFERRED")),
                     P("hs_task_priority", "Priority", "enumeration", "select", tk, options: Options("NONE", "LOW", "MEDIUM", "HIGH")),
                     P("hs_task_type", "Task Type", "enumeration", "select", tk, options: Options("TODO", "CALL", "EMAIL", "LINKED_IN", "MEETING")),
                 })
            Props("tasks")[p.Name] = p;
        const string m = "meetinginformation";
        foreach (var p in new[]
                 {
                     P("hs_meeting_title", "Meeting name", "string", "text", m), P("hs_meeting_body", "Meeting description", "string", "html", m),
                     P("hs_internal_meeting_notes", "Internal meeting notes", "string", "html", m),
                     P("hs_meeting_external_url", "External URL", "string", "text", m), P("hs_meeting_location", "Location", "string", "text", m),
                     P("hs_meeting_start_time", "Start Time", "datetime", "date", m), P("hs_meeting_end_time", "End Time", "datetime", "date", m),
                     P("hs_meeting_outcome", "Meeting outcome", "enumeration", "select", m, options: Options("SCHEDULED", "COMPLETED", "RESCHEDULED", "NO_SHOW", "CANCELED")),
                     P("hs_activity_type", "Call and meeting type", "string", "text", m),
                 })
            Props("meetings")[p.Name] = p;

        _pipelines.Add(new Pipe("default", "Sales Pipeline", 0,
        [
            Stage("appointmentscheduled", "Appointment Scheduled", 0, 0.2, false),
            Stage("qualifiedtobuy", "Qualified To Buy", 1, 0.4, false),
            Stage("presentationscheduled", "Presentation Scheduled", 2, 0.6, false),
            Stage("decisionmakerboughtin", "Decision Maker Bought-In", 3, 0.8, false),
            Stage("contractsent", "Contract Sent", 4, 0.9, false),
            Stage("closedwon", "Closed Won", 5, 1.0, true),
            Stage("closedlost", "Closed Lost", 6, 0.0, true),
        ]));
    }

    private static HubSpotStage Stage(string id, string label, int order, double probability, bool closed) =>
        new(id, label, order, new Dictionary<string, string>
        {
            ["isClosed"] = closed ? "true" : "false",
            ["probability"] = probability.ToString("0.0###", CultureInfo.InvariantCulture),
        });
}
