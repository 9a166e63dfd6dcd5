using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Baton.Core.Integrations.HubSpot;

/// <summary>
/// A typed client for the CRM API calls Baton makes: deals and what hangs off them (contacts, companies, notes,
/// tasks, meetings, associations), search, deal properties and groups, pipelines and owners.
/// </summary>
/// <remarks>
/// Retries and pacing live in the HTTP pipeline (<see cref="HubSpotServiceCollectionExtensions.AddHubSpot"/>): 429s
/// wait for the window to roll, 5xx and timeouts back off, creates are repeated only when HubSpot cannot have
/// processed them. What is left when the pipeline gives up comes back as a <see cref="HubSpotResult{T}"/>.
/// </remarks>
public sealed class HubSpotApi
{
    private static readonly JsonSerializerOptions Wire = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly HttpClient _http;
    private readonly HubSpotOptions _options;
    private readonly HubSpotOwnerCache _owners;
    private readonly ILogger<HubSpotApi> _log;
    private readonly Uri _baseUrl;

    public HubSpotApi(HttpClient http, IOptions<HubSpotOptions> options, HubSpotOwnerCache owners, ILogger<HubSpotApi> log)
    {
        _http = http;
        _options = options.Value;
        _owners = owners;
        _log = log;
        var root = _options.ApiBaseUrl.ToString();
        _baseUrl = new Uri(root.EndsWith('/') ? root : root + "/");
    }

    // ---- deals and the records around them ----

    /// <summary><c>GET /crm/v3/objects/deals/{id}</c> with the named properties, the history of some, and the associated contacts and companies.</summary>
    public async Task<HubSpotResult<HubSpotDealRecord>> GetDealAsync(
        string dealId, IReadOnlyList<string> properties, IReadOnlyList<string>? propertiesWithHistory = null,
        CancellationToken cancellationToken = default)
    {
        var query = new List<KeyValuePair<string, string>> { new("associations", "contacts,companies"), new("archived", "false") };
        if (properties.Count > 0) query.Add(new("properties", string.Join(',', properties)));
        if (propertiesWithHistory is { Count: > 0 }) query.Add(new("propertiesWithHistory", string.Join(',', propertiesWithHistory)));
        var reply = await SendAsync(HttpMethod.Get, $"crm/v3/objects/deals/{Escape(dealId)}{Query(query)}", null, true, cancellationToken);
        return reply is HubSpotResult<JsonObject>.Ok ok ? Ok(Deal(ok.Value)) : reply.Cast<HubSpotDealRecord>();
    }

    /// <summary>Batch read of contacts (at most 100 ids a call; more are split).</summary>
    public Task<HubSpotResult<IReadOnlyList<HubSpotRecord>>> GetContactsAsync(
        IReadOnlyList<string> ids, IReadOnlyList<string> properties, CancellationToken cancellationToken = default) =>
        BatchReadAsync("contacts", ids, properties, cancellationToken);

    /// <summary>Batch read of companies (at most 100 ids a call; more are split).</summary>
    public Task<HubSpotResult<IReadOnlyList<HubSpotRecord>>> GetCompaniesAsync(
        IReadOnlyList<string> ids, IReadOnlyList<string> properties, CancellationToken cancellationToken = default) =>
        BatchReadAsync("companies", ids, properties, cancellationToken);

    /// <summary><c>PATCH /crm/v3/objects/deals/{id}</c>. A null value clears the property. Repeating it is harmless, so it is retried.</summary>
    public async Task<HubSpotResult<HubSpotRecord>> UpdateDealAsync(
        string dealId, IReadOnlyDictionary<string, string?> properties, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject { ["properties"] = PropertiesJson(properties) };
        var reply = await SendAsync(HttpMethod.Patch, $"crm/v3/objects/deals/{Escape(dealId)}", body, true, cancellationToken);
        return reply is HubSpotResult<JsonObject>.Ok ok ? Ok(Record(ok.Value)) : reply.Cast<HubSpotRecord>();
    }

    /// <summary>Creates a deal (e.g. the customer's deal in the CS pipeline) with its associations in the same call.</summary>
    /// <remarks>To link it to the sales deal, follow with <see cref="AssociateDefaultAsync"/> (deal → deal).</remarks>
    public Task<HubSpotResult<HubSpotRecord>> CreateDealAsync(
        IReadOnlyDictionary<string, string?> properties, IReadOnlyList<HubSpotAssociation>? associations = null,
        CancellationToken cancellationToken = default) =>
        CreateAsync("deals", properties, associations ?? [], cancellationToken);

    /// <summary>A note on the deal's timeline. <paramref name="bodyHtml"/> is HTML: escape what people typed.</summary>
    public Task<HubSpotResult<HubSpotRecord>> CreateNoteAsync(
        string dealId, string bodyHtml, DateTimeOffset timestampUtc, string? ownerId = null, CancellationToken cancellationToken = default)
    {
        var properties = new Dictionary<string, string?>
        {
            ["hs_timestamp"] = HubSpotValues.Iso(timestampUtc),
            ["hs_note_body"] = bodyHtml,
        };
        if (ownerId is not null) properties["hubspot_owner_id"] = ownerId;
        return CreateAsync("notes", properties, [new(dealId, HubSpotAssociationTypes.NoteToDeal)], cancellationToken);
    }

    /// <summary>A task on the deal, due at <see cref="HubSpotTask.DueUtc"/>.</summary>
    public Task<HubSpotResult<HubSpotRecord>> CreateTaskAsync(string dealId, HubSpotTask task, CancellationToken cancellationToken = default)
    {
        var properties = new Dictionary<string, string?>
        {
            ["hs_timestamp"] = HubSpotValues.Iso(task.DueUtc),
            ["hs_task_subject"] = task.Subject,
            ["hs_task_body"] = task.Body,
            ["hs_task_status"] = task.Status,
            ["hs_task_priority"] = task.Priority,
            ["hs_task_type"] = task.Type,
        };
        if (task.OwnerId is not null) properties["hubspot_owner_id"] = task.OwnerId;
        return CreateAsync("tasks", properties, [new(dealId, HubSpotAssociationTypes.TaskToDeal)], cancellationToken);
    }

    /// <summary>A meeting on the deal, e.g. the kickoff.</summary>
    public Task<HubSpotResult<HubSpotRecord>> CreateMeetingAsync(string dealId, HubSpotMeeting meeting, CancellationToken cancellationToken = default)
    {
        var properties = new Dictionary<string, string?>
        {
            ["hs_timestamp"] = HubSpotValues.Iso(meeting.StartUtc),
            ["hs_meeting_title"] = meeting.Title,
            ["hs_meeting_body"] = meeting.Body,
            ["hs_meeting_start_time"] = HubSpotValues.Iso(meeting.StartUtc),
            ["hs_meeting_end_time"] = HubSpotValues.Iso(meeting.EndUtc),
            ["hs_meeting_outcome"] = meeting.Outcome,
        };
        if (meeting.OwnerId is not null) properties["hubspot_owner_id"] = meeting.OwnerId;
        return CreateAsync("meetings", properties, [new(dealId, HubSpotAssociationTypes.MeetingToDeal)], cancellationToken);
    }

    /// <summary><c>PUT /crm/v4/objects/{from}/{id}/associations/{to}/{toId}</c> with one labelled type. Associating twice changes nothing.</summary>
    public async Task<HubSpotResult<bool>> AssociateAsync(
        string fromType, string fromId, string toType, string toId, int associationTypeId,
        string category = HubSpotAssociationTypes.HubSpotDefined, CancellationToken cancellationToken = default)
    {
        var body = new JsonArray { new JsonObject { ["associationCategory"] = category, ["associationTypeId"] = associationTypeId } };
        var reply = await SendAsync(HttpMethod.Put,
            $"crm/v4/objects/{Escape(fromType)}/{Escape(fromId)}/associations/{Escape(toType)}/{Escape(toId)}", body, true, cancellationToken);
        return reply is HubSpotResult<JsonObject>.Ok ? Ok(true) : reply.Cast<bool>();
    }

    /// <summary>
    /// <c>PUT /crm/v4/objects/{from}/{id}/associations/default/{to}/{toId}</c>: HubSpot's unlabelled association, whatever
    /// its type id in this portal. Used for deal → deal, whose id is not one of the stable documented ones.
    /// </summary>
    public async Task<HubSpotResult<bool>> AssociateDefaultAsync(
        string fromType, string fromId, string toType, string toId, CancellationToken cancellationToken = default)
    {
        var reply = await SendAsync(HttpMethod.Put,
            $"crm/v4/objects/{Escape(fromType)}/{Escape(fromId)}/associations/default/{Escape(toType)}/{Escape(toId)}", null, true, cancellationToken);
        return reply is HubSpotResult<JsonObject>.Ok ? Ok(true) : reply.Cast<bool>();
    }

    // ---- search ----

    /// <summary>
    /// <c>POST /crm/v3/objects/deals/search</c>: one page (at most 200). Paced at <see cref="HubSpotOptions.SearchRequestsPerSecond"/>.
    /// A query reaches at most 10,000 results; see <see cref="SearchDealsModifiedSinceAsync"/> for more.
    /// </summary>
    public async Task<HubSpotResult<HubSpotSearchPage>> SearchDealsAsync(HubSpotSearch search, CancellationToken cancellationToken = default)
    {
        var groups = new JsonArray();
        foreach (var group in search.FilterGroups)
        {
            var filters = new JsonArray();
            foreach (var f in group)
            {
                var filter = new JsonObject { ["propertyName"] = f.PropertyName, ["operator"] = f.Operator };
                if (f.Value is not null) filter["value"] = f.Value;
                if (f.Values is not null) filter["values"] = new JsonArray([.. f.Values.Select(v => (JsonNode?)JsonValue.Create(v))]);
                filters.Add(filter);
            }
            groups.Add(new JsonObject { ["filters"] = filters });
        }
        var body = new JsonObject
        {
            ["filterGroups"] = groups,
            ["properties"] = new JsonArray([.. search.Properties.Select(p => (JsonNode?)JsonValue.Create(p))]),
            ["limit"] = Math.Clamp(search.Limit, 1, HubSpotRateLimits.SearchPageSize),
        };
        if (search.Sorts is { Count: > 0 } sorts)
            body["sorts"] = new JsonArray([.. sorts.Select(s => (JsonNode?)new JsonObject
            {
                ["propertyName"] = s.PropertyName,
                ["direction"] = s.Descending ? "DESCENDING" : "ASCENDING",
            })]);
        if (search.After is not null) body["after"] = search.After;

        // A search reads: repeating it after a timeout is safe.
        var reply = await SendAsync(HttpMethod.Post, "crm/v3/objects/deals/search", body, true, cancellationToken);
        if (reply is not HubSpotResult<JsonObject>.Ok ok) return reply.Cast<HubSpotSearchPage>();
        var results = (ok.Value["results"] as JsonArray ?? []).OfType<JsonObject>().Select(Deal).ToArray();
        var after = Text(ok.Value["paging"]?["next"] as JsonObject, "after");
        var total = ok.Value["total"] is JsonValue t && t.TryGetValue<int>(out var n) ? n : results.Length;
        return Ok(new HubSpotSearchPage(total, results, string.IsNullOrEmpty(after) ? null : after));
    }

    /// <summary>
    /// Every deal modified at or after <paramref name="since"/>, oldest modification first, each once — past HubSpot's
    /// 10,000-results-per-query cap: when a query nears the cap, a new one starts from the last modification instant seen.
    /// </summary>
    /// <exception cref="HubSpotRequestException">HubSpot refused a page after the pipeline's retries; what was yielded stays valid.</exception>
    /// <remarks>
    /// A restarted query begins at the instant of the last deal seen (<c>GTE</c>, not <c>GT</c>), because other deals
    /// may share it; those are fetched again and dropped by id. A deal modified again while the enumeration runs moves
    /// behind the cursor and is seen once, at its first position.
    /// </remarks>
    public async IAsyncEnumerable<HubSpotDealRecord> SearchDealsModifiedSinceAsync(
        DateTimeOffset since, IReadOnlyList<string> properties, IProgress<HubSpotSearchProgress>? progress = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        const string modified = HubSpotDealRecord.LastModifiedProperty;
        var wanted = properties.Append(modified).Distinct(StringComparer.Ordinal).ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var from = since;
        var queries = 0;
        while (true)
        {
            queries++;
            string? after = null;
            var inQuery = 0;
            DateTimeOffset? last = null;
            while (true)
            {
                var search = new HubSpotSearch(
                    [[new HubSpotFilter(modified, "GTE", HubSpotValues.Milliseconds(from))]], wanted, [new HubSpotSort(modified)],
                    HubSpotRateLimits.SearchPageSize, after);
                var page = await SearchDealsAsync(search, cancellationToken);
                if (page is not HubSpotResult<HubSpotSearchPage>.Ok ok)
                    throw HubSpotRequestException.From($"searching deals modified since {from:o}", page);
                foreach (var deal in ok.Value.Results)
                {
                    inQuery++;
                    if (deal.LastModifiedUtc is { } at && (last is null || at > last)) last = at;
                    if (seen.Add(deal.Id)) yield return deal;
                }
                progress?.Report(new HubSpotSearchProgress(seen.Count, queries, ok.Value.Total, last));
                after = ok.Value.After;
                // Near the cap the next page would cross it (HubSpot answers 400 past it, and may offer no next page at
                // all): when the query matched more than it could return, start a new one instead.
                var nearCap = inQuery + HubSpotRateLimits.SearchPageSize > HubSpotRateLimits.SearchResultCap;
                if (ok.Value.Results.Count == 0) yield break;
                if (nearCap && (after is not null || ok.Value.Total > inQuery)) break;
                if (after is null) yield break;
            }

            if (last is { } reached && reached > from)
            {
                from = reached;
            }
            else
            {
                // 10,000 deals with one and the same instant: restarting there would fetch the same page forever.
                HubSpotLog.SearchStuck(_log, HubSpotRateLimits.SearchResultCap, from);
                from = from.AddMilliseconds(1);
            }
            HubSpotLog.SearchRestarted(_log, HubSpotRateLimits.SearchResultCap, from);
        }
    }

    // ---- deal properties and groups ----

    public async Task<HubSpotResult<IReadOnlyList<HubSpotPropertyGroup>>> ListDealPropertyGroupsAsync(CancellationToken cancellationToken = default)
    {
        var reply = await SendAsync(HttpMethod.Get, "crm/v3/properties/deals/groups", null, true, cancellationToken);
        return reply is HubSpotResult<JsonObject>.Ok ok
            ? Ok<IReadOnlyList<HubSpotPropertyGroup>>([.. Results(ok.Value).Select(Group)])
            : reply.Cast<IReadOnlyList<HubSpotPropertyGroup>>();
    }

    public async Task<HubSpotResult<HubSpotPropertyGroup>> CreateDealPropertyGroupAsync(HubSpotPropertyGroup group, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject { ["name"] = group.Name, ["label"] = group.Label };
        if (group.DisplayOrder >= 0) body["displayOrder"] = group.DisplayOrder;
        // A group name is unique: a repeated create is refused with a conflict, never a second group.
        var reply = await SendAsync(HttpMethod.Post, "crm/v3/properties/deals/groups", body, true, cancellationToken);
        return reply is HubSpotResult<JsonObject>.Ok ok ? Ok(Group(ok.Value)) : reply.Cast<HubSpotPropertyGroup>();
    }

    public async Task<HubSpotResult<HubSpotPropertyGroup>> UpdateDealPropertyGroupAsync(string name, string label, CancellationToken cancellationToken = default)
    {
        var reply = await SendAsync(HttpMethod.Patch, $"crm/v3/properties/deals/groups/{Escape(name)}", new JsonObject { ["label"] = label }, true, cancellationToken);
        return reply is HubSpotResult<JsonObject>.Ok ok ? Ok(Group(ok.Value)) : reply.Cast<HubSpotPropertyGroup>();
    }

    /// <summary>The portal's deal properties; with <paramref name="archived"/>, only the archived ones (HubSpot lists them apart).</summary>
    public async Task<HubSpotResult<IReadOnlyList<HubSpotProperty>>> ListDealPropertiesAsync(bool archived = false, CancellationToken cancellationToken = default)
    {
        var reply = await SendAsync(HttpMethod.Get, $"crm/v3/properties/deals?archived={(archived ? "true" : "false")}", null, true, cancellationToken);
        return reply is HubSpotResult<JsonObject>.Ok ok
            ? Ok<IReadOnlyList<HubSpotProperty>>([.. Results(ok.Value).Select(p => Property(p, archived))])
            : reply.Cast<IReadOnlyList<HubSpotProperty>>();
    }

    public async Task<HubSpotResult<HubSpotProperty>> CreateDealPropertyAsync(HubSpotPropertySpec spec, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject
        {
            ["name"] = spec.Name,
            ["label"] = spec.Label,
            ["type"] = spec.Type,
            ["fieldType"] = spec.FieldType,
            ["groupName"] = spec.GroupName,
            ["description"] = spec.Description,
        };
        if (spec.Options.Count > 0) body["options"] = OptionsJson(spec.Options);
        // A property name is unique: a repeated create is refused with a conflict, never a second property.
        var reply = await SendAsync(HttpMethod.Post, "crm/v3/properties/deals", body, true, cancellationToken);
        return reply is HubSpotResult<JsonObject>.Ok ok ? Ok(Property(ok.Value, false)) : reply.Cast<HubSpotProperty>();
    }

    public async Task<HubSpotResult<HubSpotProperty>> UpdateDealPropertyAsync(string name, HubSpotPropertyUpdate update, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject();
        if (update.Label is not null) body["label"] = update.Label;
        if (update.Description is not null) body["description"] = update.Description;
        if (update.Options is not null) body["options"] = OptionsJson(update.Options);
        var reply = await SendAsync(HttpMethod.Patch, $"crm/v3/properties/deals/{Escape(name)}", body, true, cancellationToken);
        return reply is HubSpotResult<JsonObject>.Ok ok ? Ok(Property(ok.Value, false)) : reply.Cast<HubSpotProperty>();
    }

    // ---- pipelines ----

    public async Task<HubSpotResult<IReadOnlyList<HubSpotPipeline>>> ListDealPipelinesAsync(CancellationToken cancellationToken = default)
    {
        var reply = await SendAsync(HttpMethod.Get, "crm/v3/pipelines/deals", null, true, cancellationToken);
        return reply is HubSpotResult<JsonObject>.Ok ok
            ? Ok<IReadOnlyList<HubSpotPipeline>>([.. Results(ok.Value).Select(Pipeline)])
            : reply.Cast<IReadOnlyList<HubSpotPipeline>>();
    }

    public async Task<HubSpotResult<HubSpotPipeline>> CreateDealPipelineAsync(
        string label, IReadOnlyList<HubSpotStageSpec> stages, int displayOrder = 0, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject
        {
            ["label"] = label,
            ["displayOrder"] = displayOrder,
            ["stages"] = new JsonArray([.. stages.Select(s => (JsonNode?)StageJson(s))]),
        };
        // Labels are not unique: a repeat after a timeout would make a second pipeline, so it is not retried blindly.
        var reply = await SendAsync(HttpMethod.Post, "crm/v3/pipelines/deals", body, false, cancellationToken);
        return reply is HubSpotResult<JsonObject>.Ok ok ? Ok(Pipeline(ok.Value)) : reply.Cast<HubSpotPipeline>();
    }

    public async Task<HubSpotResult<HubSpotStage>> CreateDealStageAsync(string pipelineId, HubSpotStageSpec stage, CancellationToken cancellationToken = default)
    {
        var reply = await SendAsync(HttpMethod.Post, $"crm/v3/pipelines/deals/{Escape(pipelineId)}/stages", StageJson(stage), false, cancellationToken);
        return reply is HubSpotResult<JsonObject>.Ok ok ? Ok(Stage(ok.Value)) : reply.Cast<HubSpotStage>();
    }

    // ---- owners ----

    /// <summary>The owner with this e-mail (<c>GET /crm/v3/owners?email=</c>), reused for <see cref="HubSpotOptions.OwnerCacheTtl"/>.</summary>
    public async Task<HubSpotResult<HubSpotOwner>> FindOwnerByEmailAsync(string email, CancellationToken cancellationToken = default)
    {
        if (_owners.ByEmail(email) is { } cached) return Ok(cached);
        var reply = await SendAsync(HttpMethod.Get, $"crm/v3/owners{Query([new("email", email), new("limit", "1")])}", null, true, cancellationToken);
        if (reply is not HubSpotResult<JsonObject>.Ok ok) return reply.Cast<HubSpotOwner>();
        if (Results(ok.Value).FirstOrDefault() is not { } first) return new HubSpotResult<HubSpotOwner>.NotFound($"no HubSpot owner has the e-mail {email}");
        return Ok(_owners.Remember(Owner(first)));
    }

    public async Task<HubSpotResult<HubSpotOwner>> GetOwnerAsync(string ownerId, CancellationToken cancellationToken = default)
    {
        if (_owners.ById(ownerId) is { } cached) return Ok(cached);
        var reply = await SendAsync(HttpMethod.Get, $"crm/v3/owners/{Escape(ownerId)}", null, true, cancellationToken);
        return reply is HubSpotResult<JsonObject>.Ok ok ? Ok(_owners.Remember(Owner(ok.Value))) : reply.Cast<HubSpotOwner>();
    }

    // ---- the wire ----

    private async Task<HubSpotResult<IReadOnlyList<HubSpotRecord>>> BatchReadAsync(
        string objectType, IReadOnlyList<string> ids, IReadOnlyList<string> properties, CancellationToken cancellationToken)
    {
        var records = new List<HubSpotRecord>(ids.Count);
        foreach (var chunk in ids.Distinct(StringComparer.Ordinal).Chunk(100))
        {
            var body = new JsonObject
            {
                ["properties"] = new JsonArray([.. properties.Select(p => (JsonNode?)JsonValue.Create(p))]),
                ["inputs"] = new JsonArray([.. chunk.Select(id => (JsonNode?)new JsonObject { ["id"] = id })]),
            };
            // 207 (some ids missing) is a success with errors[]: the records that exist are returned.
            var reply = await SendAsync(HttpMethod.Post, $"crm/v3/objects/{objectType}/batch/read", body, true, cancellationToken);
            if (reply is not HubSpotResult<JsonObject>.Ok ok) return reply.Cast<IReadOnlyList<HubSpotRecord>>();
            records.AddRange(Results(ok.Value).Select(Record));
        }
        return Ok<IReadOnlyList<HubSpotRecord>>(records);
    }

    private async Task<HubSpotResult<HubSpotRecord>> CreateAsync(
        string objectType, IReadOnlyDictionary<string, string?> properties, IReadOnlyList<HubSpotAssociation> associations,
        CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["properties"] = PropertiesJson(properties) };
        if (associations.Count > 0)
            body["associations"] = new JsonArray([.. associations.Select(a => (JsonNode?)new JsonObject
            {
                ["to"] = new JsonObject { ["id"] = a.ToId },
                ["types"] = new JsonArray { new JsonObject { ["associationCategory"] = a.Category, ["associationTypeId"] = a.TypeId } },
            })]);
        // Not idempotent: HubSpot has no idempotency key, so a create that timed out may exist already. The pipeline
        // repeats it only when HubSpot cannot have processed it (a 429, or no connection was made); the caller decides the rest.
        var reply = await SendAsync(HttpMethod.Post, $"crm/v3/objects/{objectType}", body, false, cancellationToken);
        return reply is HubSpotResult<JsonObject>.Ok ok ? Ok(Record(ok.Value)) : reply.Cast<HubSpotRecord>();
    }

    private async Task<HubSpotResult<JsonObject>> SendAsync(
        HttpMethod method, string relative, JsonNode? body, bool idempotent, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(_baseUrl, relative));
        var path = request.RequestUri!.AbsolutePath;
        if (string.IsNullOrWhiteSpace(_options.AccessToken))
            return new HubSpotResult<JsonObject>.Failed(401, new HubSpotError("INVALID_AUTHENTICATION", "HubSpot:AccessToken is not set"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.AccessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Options.Set(HubSpotRequestOptions.Idempotent, idempotent);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(Wire), Encoding.UTF8, "application/json");

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (Exception e) when (e is OperationCanceledException && !cancellationToken.IsCancellationRequested || e is Polly.Timeout.TimeoutRejectedException)
        {
            HubSpotLog.Unreachable(_log, method.Method, path, "timeout");
            return new HubSpotResult<JsonObject>.Transient(idempotent ? "timeout" : "timeout: HubSpot may have created the record", null);
        }
        catch (HttpRequestException e)
        {
            HubSpotLog.Unreachable(_log, method.Method, path, $"connection: {e.HttpRequestError}");
            return new HubSpotResult<JsonObject>.Transient($"connection: {e.HttpRequestError}", null);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            JsonNode? node;
            try
            {
                node = text.Length == 0 ? null : JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                node = null;
            }

            if (response.IsSuccessStatusCode)
            {
                // 204 (associations, archive) has no body; arrays (v4 batch answers) are wrapped so every caller reads an object.
                return node switch
                {
                    JsonObject o => new HubSpotResult<JsonObject>.Ok(o),
                    JsonArray a => new HubSpotResult<JsonObject>.Ok(new JsonObject { ["results"] = a }),
                    null when text.Length == 0 => new HubSpotResult<JsonObject>.Ok(new JsonObject()),
                    _ => new HubSpotResult<JsonObject>.Transient($"HTTP {status} without a JSON body", status),
                };
            }

            var error = Error(node as JsonObject);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var policy = HubSpotRequestOptions.PolicyOf(request) ?? Text(node as JsonObject, "policyName");
                HubSpotLog.Refused(_log, method.Method, path, status, policy, error.Message);
                return new HubSpotResult<JsonObject>.RateLimited(policy, HubSpotRateLimits.WaitAfter429(request, response));
            }
            HubSpotLog.Refused(_log, method.Method, path, status, error.Category, error.Message);
            if (status >= 500) return new HubSpotResult<JsonObject>.Transient($"HTTP {status}{(error.Message is null ? "" : $": {error.Message}")}", status);
            if (response.StatusCode == HttpStatusCode.NotFound) return new HubSpotResult<JsonObject>.NotFound(error.Message);
            return new HubSpotResult<JsonObject>.Failed(status, error);
        }
    }

    private static HubSpotError Error(JsonObject? body)
    {
        if (body is null) return new HubSpotError(null, null);
        var details = (body["errors"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(e => Text(e, "message")).OfType<string>().ToArray();
        return new HubSpotError(Text(body, "category") ?? Text(body, "errorType"), Text(body, "message"), Text(body, "correlationId"), details);
    }

    // ---- JSON in and out ----

    private static HubSpotResult<T> Ok<T>(T value) => new HubSpotResult<T>.Ok(value);

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private static string Query(IEnumerable<KeyValuePair<string, string>> query) =>
        "?" + string.Join('&', query.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));

    private static JsonObject PropertiesJson(IReadOnlyDictionary<string, string?> properties)
    {
        // Every value travels as a string, whatever the property's type: that is how HubSpot reads and writes them.
        var json = new JsonObject();
        foreach (var (name, value) in properties) json[name] = value is null ? null : JsonValue.Create(value);
        return json;
    }

    private static JsonArray OptionsJson(IReadOnlyList<HubSpotPropertyOption> options) =>
        new([.. options.Select(o => (JsonNode?)new JsonObject
        {
            ["label"] = o.Label, ["value"] = o.Value, ["displayOrder"] = o.DisplayOrder, ["hidden"] = o.Hidden,
        })]);

    private static JsonObject StageJson(HubSpotStageSpec stage) => new()
    {
        ["label"] = stage.Label,
        ["displayOrder"] = stage.DisplayOrder,
        ["metadata"] = new JsonObject { ["probability"] = stage.Probability },
    };

    private static IEnumerable<JsonObject> Results(JsonObject body) => (body["results"] as JsonArray ?? []).OfType<JsonObject>();

    private static IReadOnlyDictionary<string, string?> Strings(JsonObject? node)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (node is null) return values;
        foreach (var (name, value) in node) values[name] = Scalar(value);
        return values;
    }

    /// <summary>A value as the string HubSpot means, even when a double or a portal sends a JSON number or boolean.</summary>
    private static string? Scalar(JsonNode? value) => value switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Null => null,
        JsonValue v => v.ToJsonString(),
        _ => value.ToJsonString(),
    };

    private static HubSpotRecord Record(JsonObject o) =>
        new(Text(o, "id") ?? "", Strings(o["properties"] as JsonObject), Bool(o, "archived"));

    private static HubSpotDealRecord Deal(JsonObject o)
    {
        var history = new Dictionary<string, IReadOnlyList<HubSpotPropertyVersion>>(StringComparer.Ordinal);
        if (o["propertiesWithHistory"] is JsonObject withHistory)
            foreach (var (name, versions) in withHistory)
                history[name] = (versions as JsonArray ?? []).OfType<JsonObject>()
                    .Select(v => new HubSpotPropertyVersion(Scalar(v["value"]), HubSpotValues.Instant(Text(v, "timestamp")), Text(v, "sourceType"), Text(v, "sourceId")))
                    .ToArray();
        return new HubSpotDealRecord(
            Text(o, "id") ?? "", Strings(o["properties"] as JsonObject), history,
            AssociatedIds(o, "contacts"), AssociatedIds(o, "companies"),
            HubSpotValues.Instant(Text(o, "updatedAt")), Bool(o, "archived"));
    }

    private static string[] AssociatedIds(JsonObject deal, string type) =>
        [.. ((deal["associations"] as JsonObject)?[type]?["results"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(a => Scalar(a["id"]) ?? Scalar(a["toObjectId"])).OfType<string>().Distinct(StringComparer.Ordinal)];

    private static HubSpotPropertyGroup Group(JsonObject o) =>
        new(Text(o, "name") ?? "", Text(o, "label") ?? "", Int(o, "displayOrder") ?? -1, Bool(o, "archived"));

    private static HubSpotProperty Property(JsonObject o, bool listedAsArchived) => new(
        Text(o, "name") ?? "", Text(o, "label") ?? "", Text(o, "type") ?? "", Text(o, "fieldType") ?? "",
        Text(o, "groupName"), Text(o, "description"),
        [.. (o["options"] as JsonArray ?? []).OfType<JsonObject>().Select(x => new HubSpotPropertyOption(
            Text(x, "label") ?? "", Scalar(x["value"]) ?? "", Int(x, "displayOrder") ?? 0, Bool(x, "hidden")))],
        listedAsArchived || Bool(o, "archived"));

    private static HubSpotPipeline Pipeline(JsonObject o) => new(
        Text(o, "id") ?? "", Text(o, "label") ?? "", Int(o, "displayOrder") ?? 0, Bool(o, "archived"),
        [.. (o["stages"] as JsonArray ?? []).OfType<JsonObject>().Select(Stage).OrderBy(s => s.DisplayOrder)]);

    private static HubSpotStage Stage(JsonObject o) =>
        new(Text(o, "id") ?? "", Text(o, "label") ?? "", Int(o, "displayOrder") ?? 0, Bool(o, "archived"), Strings(o["metadata"] as JsonObject));

    private static HubSpotOwner Owner(JsonObject o) => new(
        Scalar(o["id"]) ?? "", Text(o, "email"), Text(o, "firstName"), Text(o, "lastName"), Scalar(o["userId"]), Bool(o, "archived"));

    private static string? Text(JsonObject? node, string name) => Scalar(node?[name]);

    private static int? Int(JsonObject o, string name) =>
        int.TryParse(Scalar(o[name]), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static bool Bool(JsonObject o, string name) => string.Equals(Scalar(o[name]), "true", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Owners by id and by e-mail, for <see cref="HubSpotOptions.OwnerCacheTtl"/>: every handoff names two or three, and they rarely change.</summary>
public sealed class HubSpotOwnerCache(IOptions<HubSpotOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (HubSpotOwner Owner, DateTimeOffset At)> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (HubSpotOwner Owner, DateTimeOffset At)> _byEmail = new(StringComparer.OrdinalIgnoreCase);

    public HubSpotOwner? ById(string id) => Fresh(_byId, id);

    public HubSpotOwner? ByEmail(string email) => Fresh(_byEmail, email);

    public HubSpotOwner Remember(HubSpotOwner owner)
    {
        var entry = (owner, time.GetUtcNow());
        _byId[owner.Id] = entry;
        if (!string.IsNullOrEmpty(owner.Email)) _byEmail[owner.Email] = entry;
        return owner;
    }

    private HubSpotOwner? Fresh(ConcurrentDictionary<string, (HubSpotOwner Owner, DateTimeOffset At)> map, string key) =>
        map.TryGetValue(key, out var entry) && time.GetUtcNow() - entry.At < options.Value.OwnerCacheTtl ? entry.Owner : null;
}
