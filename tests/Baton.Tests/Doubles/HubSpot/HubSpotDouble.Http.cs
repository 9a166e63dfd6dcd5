using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Baton.Tests.Doubles.HubSpot;

public sealed partial class HubSpotDouble
{
    private const int SearchResultCap = 10_000;

    private sealed record Reply(int Status, JsonNode? Body)
    {
        /// <summary>Search answers carry no rate-limit headers.</summary>
        public bool IsSearch { get; init; }

        public Dictionary<string, string> Headers { get; } = [];
    }

    private sealed record Call(string Method, string[] Segments, IQueryCollection Query, JsonNode? Json, string Body);

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var body = await new StreamReader(request.Body, Encoding.UTF8).ReadToEndAsync();
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var pathAndQuery = request.Path.Value + request.QueryString.Value;

        Reply reply;
        lock (_gate)
        {
            try { reply = Answer(request, body); }
            catch (Exception e) when (e is InvalidOperationException or FormatException)
            {
                // A JSON node of the wrong kind (e.g. "hidden":"yes", or a string where an object belongs).
                reply = Invalid($"Invalid input JSON: {e.Message}");
            }
        }

        var text = reply.Body?.ToJsonString() ?? "";
        lock (_gate) _requests.Add(new HubSpotRecordedRequest(request.Method, pathAndQuery, headers, body, reply.Status, text));

        context.Response.StatusCode = reply.Status;
        foreach (var (k, v) in reply.Headers) context.Response.Headers[k] = v;
        if (reply.Body is not null)
        {
            context.Response.ContentType = "application/json;charset=utf-8";
            await context.Response.WriteAsync(text);
        }
    }

    private Reply Answer(HttpRequest request, string body)
    {
        var auth = request.Headers.Authorization.ToString();
        if (!auth.StartsWith("Bearer ", StringComparison.Ordinal) || auth["Bearer ".Length..].Trim() != AccessToken)
            return Error(401, "INVALID_AUTHENTICATION",
                "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview");

        var segments = (request.Path.Value ?? "").Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var isSearch = segments is ["crm", "v3", "objects", _, "search"];

        var reply = Limit(request.Path.Value ?? "", isSearch) ?? Dispatch(request, segments, body);
        AddRateHeaders(reply, send: !isSearch);
        return reply with { IsSearch = isSearch };
    }

    // ---------------------------------------------------------------- rate limits and scripted failures

    private Reply? Limit(string path, bool isSearch)
    {
        var index = _failures.FindIndex(f => f.PathContains is null || path.Contains(f.PathContains, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            var failure = _failures[index].Failure;
            _failures.RemoveAt(index);
            return failure switch
            {
                HubSpotFailure.RateLimited r => RateLimited(r.PolicyName),
                HubSpotFailure.ServerError s => Error(s.Status, "INTERNAL_ERROR", "internal error"),
                _ => throw new InvalidOperationException(),
            };
        }

        var now = Time.GetUtcNow();
        var ms = now.ToUnixTimeMilliseconds();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (today != _dailyDay) { _dailyDay = today; _dailyUsed = 0; }

        if (isSearch)
        {
            while (_searchWindow.Count > 0 && _searchWindow.Peek() <= ms - 1000) _searchWindow.Dequeue();
            if (SearchRequestsPerSecond is { } perSecond && _searchWindow.Count >= perSecond)
                // The search endpoints have their own per-second limit; HubSpot names it SECONDLY in this body.
                return new Reply(429, RateLimitBody("SECONDLY", "You have reached your secondly limit."));
            _searchWindow.Enqueue(ms);
        }
        else
        {
            while (_burstWindow.Count > 0 && _burstWindow.Peek() <= ms - 10_000) _burstWindow.Dequeue();
            if (EnforceRateLimits && _burstWindow.Count >= RateLimitMax) return RateLimited("TEN_SECONDLY_ROLLING");
            _burstWindow.Enqueue(ms);
        }
        if (EnforceRateLimits && _dailyUsed >= DailyLimit) return RateLimited("DAILY");
        _dailyUsed++;
        return null;
    }

    private Reply RateLimited(string policy) => new(429, RateLimitBody(policy, policy == "DAILY"
        ? "You have reached your daily limit."
        : "You have reached your ten_secondly_rolling limit."))
    {
        Headers = { ["X-HubSpot-RateLimit-Forced"] = policy },
    };

    private static JsonObject RateLimitBody(string policy, string message) => new()
    {
        ["status"] = "error", ["message"] = message, ["errorType"] = "RATE_LIMIT", ["correlationId"] = Guid.NewGuid().ToString(),
        ["policyName"] = policy, ["requestId"] = Guid.NewGuid().ToString("N"),
    };

    /// <summary>The five rate-limit headers; search answers (<paramref name="send"/> false) carry none.</summary>
    private void AddRateHeaders(Reply reply, bool send)
    {
        var ms = Time.GetUtcNow().ToUnixTimeMilliseconds();
        while (_burstWindow.Count > 0 && _burstWindow.Peek() <= ms - 10_000) _burstWindow.Dequeue();
        var forced = reply.Headers.Remove("X-HubSpot-RateLimit-Forced", out var policy);
        if (!send) return;
        reply.Headers["X-HubSpot-RateLimit-Max"] = Num(RateLimitMax);
        reply.Headers["X-HubSpot-RateLimit-Remaining"] = Num(forced && policy != "DAILY" ? 0 : Math.Max(0, RateLimitMax - _burstWindow.Count));
        reply.Headers["X-HubSpot-RateLimit-Interval-Milliseconds"] = "10000";
        reply.Headers["X-HubSpot-RateLimit-Daily"] = Num(DailyLimit);
        reply.Headers["X-HubSpot-RateLimit-Daily-Remaining"] = Num(forced && policy == "DAILY" ? 0 : Math.Max(0, DailyLimit - _dailyUsed));
    }

    private static string Num(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static Reply Error(int status, string category, string message, JsonObject? extra = null)
    {
        var body = new JsonObject { ["status"] = "error", ["message"] = message, ["correlationId"] = Guid.NewGuid().ToString(), ["category"] = category };
        foreach (var (k, v) in extra ?? []) body[k] = v?.DeepClone();
        return new Reply(status, body);
    }

    private static Reply Invalid(string message) => Error(400, "VALIDATION_ERROR", message);

    private static Reply NotFound(string message = "Object not found") => Error(404, "OBJECT_NOT_FOUND", message);

    // ---------------------------------------------------------------- routing

    private Reply Dispatch(HttpRequest request, string[] s, string body)
    {
        var method = request.Method.ToUpperInvariant();
        Func<Call, Reply>? handler = null;
        string[] allowed = [];

        void Route(string[] methods, Func<Call, Reply> h)
        {
            allowed = methods;
            if (methods.Contains(method)) handler = h;
        }

        switch (s)
        {
            case ["crm", "v3", "objects", var t]: Route(["GET", "POST"], c => method == "GET" ? ListObjects(t, c) : CreateObject(t, c)); break;
            case ["crm", "v3", "objects", var t, "search"]: Route(["POST"], c => Search(t, c)); break;
            case ["crm", "v3", "objects", var t, "batch", var op]: Route(["POST"], c => Batch(t, op, c)); break;
            case ["crm", "v3", "objects", var t, var id]:
                Route(["GET", "PATCH", "DELETE"], c => method switch { "GET" => GetObject(t, id, c), "PATCH" => UpdateObject(t, id, c), _ => ArchiveObject(t, id) });
                break;
            case ["crm", "v3", "properties", var t]: Route(["GET", "POST"], c => method == "GET" ? ListProperties(t, c) : CreateProperty(t, c)); break;
            case ["crm", "v3", "properties", var t, "groups"]: Route(["GET", "POST"], c => method == "GET" ? ListGroups(t) : CreateGroup(t, c)); break;
            case ["crm", "v3", "properties", var t, "groups", var g]: Route(["GET"], _ => GetGroup(t, g)); break;
            case ["crm", "v3", "properties", var t, var name]:
                Route(["GET", "PATCH", "DELETE"], c => method switch { "GET" => GetProperty(t, name, c), "PATCH" => UpdateProperty(t, name, c), _ => DeleteProperty(t, name) });
                break;
            case ["crm", "v3", "pipelines", var t]: Route(["GET", "POST"], c => method == "GET" ? ListPipelines(t) : CreatePipeline(t, c)); break;
            case ["crm", "v3", "pipelines", var t, var p]: Route(["GET"], _ => GetPipeline(t, p)); break;
            case ["crm", "v3", "pipelines", var t, var p, "stages"]: Route(["GET", "POST"], c => method == "GET" ? ListStages(t, p) : CreateStage(t, p, c)); break;
            case ["crm", "v3", "owners"]: Route(["GET"], ListOwners); break;
            case ["crm", "v3", "owners", var o]: Route(["GET"], c => GetOwner(o, c)); break;
            case ["crm", "v4", "objects", var f, var id, "associations", var to]: Route(["GET"], c => ListAssociations(f, id, to, c)); break;
            case ["crm", "v4", "objects", var f, var id, "associations", "default", var to, var toId]: Route(["PUT"], _ => AssociateDefault(f, id, to, toId)); break;
            case ["crm", "v4", "objects", var f, var id, "associations", var to, var toId]:
                Route(["PUT", "DELETE"], c => method == "PUT" ? AssociateLabelled(f, id, to, toId, c) : Dissociate(f, id, to, toId));
                break;
            case ["crm", "v4", "associations", var f, var to, "labels"]: Route(["GET"], _ => AssociationLabels(f, to)); break;
            case ["crm", "associations", "v4", var f, var to, "labels"]: Route(["GET"], _ => AssociationLabels(f, to)); break;
            default:
                return Error(404, "OBJECT_NOT_FOUND", $"Unable to route {method} /{string.Join('/', s)}: no such endpoint");
        }
        if (handler is null) return Error(405, "METHOD_NOT_ALLOWED", $"{method} is not allowed here; allowed: {string.Join(", ", allowed)}");

        JsonNode? json = null;
        if (method is "POST" or "PATCH" or "PUT")
        {
            if (body.Length == 0)
            {
                // A v4 default association and a property DELETE need no body; everything else does.
                if (!(s is [.., "default", _, _])) return Invalid("Invalid input JSON: the request body is empty");
            }
            else
            {
                var mediaType = (request.ContentType ?? "").Split(';')[0].Trim();
                if (!mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
                    return Error(415, "VALIDATION_ERROR", $"Unsupported Media Type: Content-Type '{request.ContentType}' is not supported; send application/json");
                try { json = JsonNode.Parse(body); }
                catch (JsonException e) { return Invalid($"Invalid input JSON on line {e.LineNumber + 1}, column {e.BytePositionInLine + 1}: {e.Message}"); }
            }
        }
        return handler(new Call(method, s, request.Query, json, body));
    }

    private static string? Q(Call c, string name) => c.Query.TryGetValue(name, out var v) ? v.ToString() : null;

    private static List<string> QList(Call c, string name) =>
        c.Query.TryGetValue(name, out var v) ? [.. v.SelectMany(x => (x ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))] : [];

    private static bool QBool(Call c, string name) => Q(c, name) is { } v && v.Equals("true", StringComparison.OrdinalIgnoreCase);

    private static string? Str(JsonNode? n) => n is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static bool TryInt(JsonNode? n, out long value)
    {
        value = 0;
        return n is JsonValue v && (v.GetValueKind() == JsonValueKind.Number ? v.TryGetValue(out value)
            : v.GetValueKind() == JsonValueKind.String && long.TryParse(v.GetValue<string>(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value));
    }

    private static List<string> StrList(JsonNode? n) => n is JsonArray a ? [.. a.Select(Str).OfType<string>()] : [];

    private static Reply UnknownType(string t) => Invalid($"Unable to infer object type from: {t}");

    // ---------------------------------------------------------------- record JSON

    private static readonly Dictionary<string, string[]> DefaultReturned = new()
    {
        ["deals"] = ["amount", "closedate", "createdate", "dealname", "dealstage", "hs_lastmodifieddate", "hs_object_id", "pipeline"],
        ["contacts"] = ["createdate", "email", "firstname", "hs_object_id", "lastmodifieddate", "lastname"],
        ["companies"] = ["createdate", "domain", "hs_lastmodifieddate", "hs_object_id", "name"],
        ["notes"] = ["hs_createdate", "hs_lastmodifieddate", "hs_object_id"],
        ["tasks"] = ["hs_createdate", "hs_lastmodifieddate", "hs_object_id"],
        ["meetings"] = ["hs_createdate", "hs_lastmodifieddate", "hs_object_id"],
    };

    /// <summary>
    /// The record as HubSpot returns it. Without <paramref name="properties"/> the type's defaults; with them, those that exist
    /// (unknown names are ignored, as HubSpot ignores them) plus hs_object_id and the create/modify dates.
    /// </summary>
    private JsonObject RecordJson(Rec rec, IReadOnlyCollection<string>? properties, IReadOnlyCollection<string>? withHistory = null, IReadOnlyCollection<string>? associations = null)
    {
        IEnumerable<string> names = properties is { Count: > 0 }
            ? properties.Where(p => Props(rec.Type).ContainsKey(p)).Concat(["hs_object_id", CreatedProperty(rec.Type), ModifiedProperty(rec.Type)])
            : DefaultReturned[rec.Type];
        var props = new JsonObject();
        foreach (var name in names.Distinct().Order(StringComparer.Ordinal)) props[name] = rec.Props.GetValueOrDefault(name);
        var json = new JsonObject
        {
            ["id"] = rec.Id, ["properties"] = props, ["createdAt"] = Iso(rec.CreatedAt), ["updatedAt"] = Iso(rec.UpdatedAt), ["archived"] = rec.Archived,
        };
        if (rec.ArchivedAt is { } archivedAt) json["archivedAt"] = Iso(archivedAt);
        if (withHistory is { Count: > 0 })
        {
            var history = new JsonObject();
            foreach (var name in withHistory.Where(p => Props(rec.Type).ContainsKey(p)).Distinct())
                history[name] = new JsonArray([.. rec.History.GetValueOrDefault(name, []).Select(v => (JsonNode)HistoryJson(v))]);
            json["propertiesWithHistory"] = history;
        }
        if (associations is { Count: > 0 })
        {
            var assoc = new JsonObject();
            foreach (var toType in associations.Select(CanonicalType).OfType<string>().Distinct())
            {
                var results = _associations.Where(a => a.FromType == rec.Type && a.FromId == rec.Id && a.ToType == toType)
                    .Select(a => (JsonNode)new JsonObject
                    {
                        ["id"] = a.ToId,
                        ["type"] = HubSpotDefined(a.FromType, a.ToType, a.TypeId)?.V3Name ?? a.TypeId.ToString(CultureInfo.InvariantCulture),
                    })
                    .ToList();
                if (results.Count > 0) assoc[toType] = new JsonObject { ["results"] = new JsonArray([.. results]) };
            }
            if (assoc.Count > 0) json["associations"] = assoc;
        }
        return json;
    }

    /// <summary>What a create or update answers with: the type's default properties plus those written.</summary>
    private static List<string> Written(Rec rec, JsonObject input) =>
        [.. DefaultReturned[rec.Type], .. (input["properties"] as JsonObject ?? []).Select(p => p.Key)];

    private static JsonObject HistoryJson(HubSpotPropertyVersion v)
    {
        var json = new JsonObject { ["value"] = v.Value ?? "", ["timestamp"] = Iso(v.Timestamp), ["sourceType"] = v.SourceType };
        if (v.SourceId is not null) json["sourceId"] = v.SourceId;
        if (v.SourceId?.StartsWith("userId:", StringComparison.Ordinal) == true) json["updatedByUserId"] = long.Parse(v.SourceId["userId:".Length..], CultureInfo.InvariantCulture);
        return json;
    }

    private JsonObject Paging(Call c, string after)
    {
        var path = "/" + string.Join('/', c.Segments);
        var query = string.Join('&', c.Query.Where(q => q.Key != "after").SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}")).Append($"after={after}"));
        return new JsonObject { ["next"] = new JsonObject { ["after"] = after, ["link"] = $"{BaseUrl.GetLeftPart(UriPartial.Authority)}{path}?{query}" } };
    }

    // ---------------------------------------------------------------- objects

    private Reply ListObjects(string t, Call c)
    {
        if (CanonicalType(t) is not { } type) return UnknownType(t);
        if (!ReadLimit(Q(c, "limit"), 10, 100, out var limit, out var bad)) return bad!;
        var archived = QBool(c, "archived");
        var after = 0L;
        if (Q(c, "after") is { Length: > 0 } a && !long.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out after))
            return Invalid($"after must be a cursor returned in paging.next.after; was {a}");
        var records = Store(type).Values.Where(r => r.Archived == archived && r.Number >= after).Take(limit + 1).ToList();
        var page = records.Take(limit).ToList();
        var json = new JsonObject
        {
            ["results"] = new JsonArray([.. page.Select(r => (JsonNode)RecordJson(r, QList(c, "properties"), QList(c, "propertiesWithHistory"), QList(c, "associations")))]),
        };
        if (records.Count > limit) json["paging"] = Paging(c, records[limit].Id);
        return new Reply(200, json);
    }

    private static bool ReadLimit(string? text, int fallback, int max, out int limit, out Reply? error)
    {
        error = null;
        limit = fallback;
        if (string.IsNullOrEmpty(text)) return true;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1)
            error = Invalid($"limit must be a positive integer; was {text}");
        else if (limit > max)
            error = Invalid($"limit must be at most {max}; was {limit}");
        return error is null;
    }

    private Reply GetObject(string t, string id, Call c)
    {
        if (CanonicalType(t) is not { } type) return UnknownType(t);
        Rec? rec;
        if (Q(c, "idProperty") is { Length: > 0 } idProperty && idProperty != "hs_object_id")
        {
            if (LiveProperty(type, idProperty) is null) return Invalid($"Property \"{idProperty}\" does not exist");
            rec = Store(type).Values.FirstOrDefault(r => r.Archived == QBool(c, "archived") && string.Equals(r.Props.GetValueOrDefault(idProperty), id, StringComparison.OrdinalIgnoreCase));
        }
        else rec = Find(type, id, QBool(c, "archived"));
        if (rec is null) return NotFound($"Object not found.  objectId are usually numeric.");
        return new Reply(200, RecordJson(rec, QList(c, "properties"), QList(c, "propertiesWithHistory"), QList(c, "associations")));
    }

    private Reply CreateObject(string t, Call c)
    {
        if (CanonicalType(t) is not { } type) return UnknownType(t);
        if (c.Json is not JsonObject input) return Invalid("Invalid input JSON: expected an object with properties");
        var (rec, error) = CreateOne(type, input);
        return error ?? new Reply(201, RecordJson(rec!, Written(rec!, input)));
    }

    private static readonly Dictionary<string, string[]> RequiredOnCreate = new()
    {
        ["notes"] = ["hs_timestamp"], ["tasks"] = ["hs_timestamp"], ["meetings"] = ["hs_timestamp"],
    };

    /// <summary>Validates properties and associations, then creates; the error is what HubSpot would answer.</summary>
    private (Rec? Rec, Reply? Error) CreateOne(string type, JsonObject input)
    {
        if (input["properties"] is not JsonObject properties) return (null, Invalid("Invalid input JSON: properties is required and must be an object"));
        var errors = ValidateProperties(type, properties, null, out var values);
        foreach (var required in RequiredOnCreate.GetValueOrDefault(type, []))
            if (string.IsNullOrEmpty(values.GetValueOrDefault(required)) && errors.All(e => Str(e["name"]) != required))
                errors.Add(new JsonObject { ["isValid"] = false, ["message"] = $"{required} is required", ["error"] = "REQUIRED_PROPERTY", ["name"] = required });
        if (errors.Count > 0) return (null, Invalid(ValidationMessage(errors)));

        var links = new List<(string ToType, string ToId, int TypeId, string Category)>();
        if (input["associations"] is JsonArray associations)
        {
            foreach (var node in associations)
            {
                var toId = node?["to"] is JsonObject to ? Str(to["id"]) ?? (TryInt(to["id"], out var n) ? Num(n) : null) : null;
                if (toId is null || node?["types"] is not JsonArray { Count: > 0 } types) return (null, Invalid("Invalid association: each needs to.id and at least one of types"));
                foreach (var spec in types)
                {
                    var (link, error) = ResolveSpec(type, spec, toId, expectedToType: null);
                    if (error is not null) return (null, error);
                    links.Add(link);
                }
            }
        }
        else if (input["associations"] is not null) return (null, Invalid("associations must be an array"));

        // HubSpot keeps contact e-mail addresses unique.
        if (type == "contacts" && values.GetValueOrDefault("email") is { Length: > 0 } email
            && Store("contacts").Values.FirstOrDefault(r => !r.Archived && string.Equals(r.Props.GetValueOrDefault("email"), email, StringComparison.OrdinalIgnoreCase)) is { } existing)
            return (null, Error(409, "CONFLICT", $"Contact already exists. Existing ID: {existing.Id}"));
        if (type == "deals") values.TryAdd("pipeline", "default");
        var rec = Insert(type, values, Time.GetUtcNow(), ApiChangeSource, ApiSourceId, emit: true);
        foreach (var (toType, toId, typeId, category) in links) Associate(type, rec.Id, toType, toId, typeId, category);
        return (rec, null);
    }

    /// <summary>
    /// One <c>{associationCategory, associationTypeId}</c> from <paramref name="fromType"/> to <paramref name="toId"/>.
    /// HUBSPOT_DEFINED ids must fit the pair (the id alone names the target type in a create body). USER_DEFINED and
    /// INTEGRATOR_DEFINED labels are portal-specific, so any positive id is accepted between existing records (permissive).
    /// </summary>
    private ((string ToType, string ToId, int TypeId, string Category) Link, Reply? Error) ResolveSpec(string fromType, JsonNode? spec, string toId, string? expectedToType)
    {
        var category = Str(spec?["associationCategory"]);
        if (category is not ("HUBSPOT_DEFINED" or "USER_DEFINED" or "INTEGRATOR_DEFINED"))
            return (default, Invalid($"associationCategory must be HUBSPOT_DEFINED, USER_DEFINED or INTEGRATOR_DEFINED; was {spec?["associationCategory"]?.ToJsonString() ?? "missing"}"));
        if (!TryInt(spec?["associationTypeId"], out var typeId) || typeId < 1) return (default, Invalid("associationTypeId must be a positive integer"));

        string? toType;
        if (expectedToType is not null)
        {
            toType = expectedToType;
            if (Find(toType, toId, archived: false) is null) return (default, NotFound($"No {Singular(toType)} with id {toId} exists"));
        }
        else if (FindAnyType(toId, out toType) is null) return (default, Invalid($"Invalid association: no object with id {toId} exists"));

        if (category == "HUBSPOT_DEFINED" && HubSpotDefined(fromType, toType!, (int)typeId) is null)
        {
            var fits = AssocTypes.Where(a => a.From == fromType && a.To == toType).Select(a => a.Id).ToList();
            return (default, Invalid($"{typeId} is not a valid HUBSPOT_DEFINED association type from {Singular(fromType)} to {Singular(toType!)}"
                + (fits.Count > 0 ? $"; valid: [{string.Join(", ", fits)}]" : "; HubSpot defines none for this pair")));
        }
        return ((toType!, toId, (int)typeId, category), null);
    }

    private Reply UpdateObject(string t, string id, Call c)
    {
        if (CanonicalType(t) is not { } type) return UnknownType(t);
        if (c.Json is not JsonObject input) return Invalid("Invalid input JSON: expected an object with properties");
        var rec = Q(c, "idProperty") is { Length: > 0 } idProperty && idProperty != "hs_object_id"
            ? Store(type).Values.FirstOrDefault(r => !r.Archived && string.Equals(r.Props.GetValueOrDefault(idProperty), id, StringComparison.OrdinalIgnoreCase))
            : Find(type, id, archived: false);
        if (rec is null) return NotFound("resource not found");
        var error = UpdateOne(rec, input);
        return error ?? new Reply(200, RecordJson(rec, Written(rec, input)));
    }

    private Reply? UpdateOne(Rec rec, JsonObject input)
    {
        if (input["properties"] is not JsonObject properties) return Invalid("Invalid input JSON: properties is required and must be an object");
        var errors = ValidateProperties(rec.Type, properties, rec, out var values);
        if (errors.Count > 0) return Invalid(ValidationMessage(errors));
        Apply(rec, values, ApiChangeSource, ApiSourceId, emit: true);
        return null;
    }

    private Reply ArchiveObject(string t, string id)
    {
        if (CanonicalType(t) is not { } type) return UnknownType(t);
        // HubSpot answers 204 for an id that does not exist, too.
        if (Find(type, id, archived: false) is { } rec) Archive(rec);
        return new Reply(204, null);
    }

    private void Archive(Rec rec)
    {
        rec.Archived = true;
        rec.ArchivedAt = Time.GetUtcNow();
        if (rec.Type == "deals") Queue("deal.deletion", rec, null, null, ApiChangeSource, ApiSourceId);
    }

    // ---------------------------------------------------------------- batch

    private Reply Batch(string t, string op, Call c)
    {
        if (CanonicalType(t) is not { } type) return UnknownType(t);
        if (op is not ("read" or "create" or "update" or "archive")) return Error(404, "OBJECT_NOT_FOUND", $"Unknown batch operation {op} (the double serves read, create, update, archive)");
        if (c.Json is not JsonObject input || input["inputs"] is not JsonArray inputs) return Invalid("Invalid input JSON: inputs is required and must be an array");
        if (inputs.Count > 100) return Invalid($"Batch input limit exceeded: at most 100 inputs, got {inputs.Count}");
        var startedAt = Iso(Time.GetUtcNow());
        var results = new JsonArray();
        var errors = new JsonArray();
        var status = op == "create" ? 201 : 200;

        switch (op)
        {
            case "read":
            {
                var idProperty = Str(input["idProperty"]);
                var properties = StrList(input["properties"]);
                var history = StrList(input["propertiesWithHistory"]);
                var missing = new List<string>();
                foreach (var item in inputs)
                {
                    var id = Str(item?["id"]) ?? (TryInt(item?["id"], out var n) ? Num(n) : null);
                    if (id is null) return Invalid("each input needs an id");
                    var rec = idProperty is { Length: > 0 } && idProperty != "hs_object_id"
                        ? Store(type).Values.FirstOrDefault(r => !r.Archived && string.Equals(r.Props.GetValueOrDefault(idProperty), id, StringComparison.OrdinalIgnoreCase))
                        : Find(type, id, QBool(c, "archived"));
                    if (rec is null) missing.Add(id);
                    else results.Add(RecordJson(rec, properties, history));
                }
                if (missing.Count > 0)
                    errors.Add(new JsonObject
                    {
                        ["status"] = "error", ["category"] = "OBJECT_NOT_FOUND",
                        ["message"] = $"Could not get some {Singular(type).ToUpperInvariant()} objects, they may be deleted or not exist. Check that ids are valid.",
                        ["context"] = new JsonObject { ["ids"] = new JsonArray([.. missing.Select(m => (JsonNode)m)]) },
                    });
                break;
            }
            case "create":
                foreach (var item in inputs)
                {
                    if (item is not JsonObject one) return Invalid("each input must be an object");
                    var (rec, error) = CreateOne(type, one);
                    if (error is not null) errors.Add(BatchError(error, null));
                    else results.Add(RecordJson(rec!, Written(rec!, one)));
                }
                break;
            case "update":
            {
                var ids = inputs.Select(i => Str(i?["id"])).ToList();
                if (ids.Any(i => i is null)) return Invalid("each input needs an id");
                if (ids.GroupBy(i => i).FirstOrDefault(g => g.Count() > 1) is { } dup) return Invalid($"Duplicate IDs found in batch input: [{dup.Key}]. IDs must be unique");
                foreach (var item in inputs)
                {
                    var id = Str(item!["id"])!;
                    var rec = Find(type, id, archived: false);
                    if (rec is null) { errors.Add(BatchError(NotFound($"Object {id} not found"), id)); continue; }
                    var error = UpdateOne(rec, item.AsObject());
                    if (error is not null) errors.Add(BatchError(error, id));
                    else results.Add(RecordJson(rec, Written(rec, item.AsObject())));
                }
                break;
            }
            case "archive":
                foreach (var item in inputs)
                    if (Str(item?["id"]) is { } id && Find(type, id, archived: false) is { } rec) Archive(rec);
                return new Reply(204, null);
        }

        var json = new JsonObject { ["status"] = "COMPLETE", ["results"] = results, ["startedAt"] = startedAt, ["completedAt"] = Iso(Time.GetUtcNow()) };
        if (errors.Count == 0) return new Reply(status, json);
        // Partial (or total) failure: HubSpot's multi-status answer.
        json["numErrors"] = errors.Count;
        json["errors"] = errors;
        return new Reply(207, json);
    }

    private static JsonObject BatchError(Reply error, string? id)
    {
        var body = error.Body!.AsObject();
        var json = new JsonObject { ["status"] = "error", ["category"] = body["category"]?.DeepClone(), ["message"] = body["message"]?.DeepClone() };
        if (id is not null) json["context"] = new JsonObject { ["ids"] = new JsonArray(id) };
        return json;
    }

    // ---------------------------------------------------------------- search

    private static readonly HashSet<string> Operators =
        ["EQ", "NEQ", "LT", "LTE", "GT", "GTE", "BETWEEN", "IN", "NOT_IN", "HAS_PROPERTY", "NOT_HAS_PROPERTY", "CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN"];

    /// <summary>
    /// HubSpot's CRM search: at most 5 filterGroups of 6 filters (18 filters in all), one sort, pages of at most 200,
    /// no paging past 10,000 results, a request body of at most 3,000 characters. Groups are ORed, filters ANDed.
    /// </summary>
    private Reply Search(string t, Call c)
    {
        if (CanonicalType(t) is not { } type) return UnknownType(t);
        if (c.Json is not JsonObject input) return Invalid("Invalid input JSON: expected a search request object");
        if (c.Body.Length > 3000) return Invalid($"The search request is {c.Body.Length} characters long; the limit is 3000");

        var groups = input["filterGroups"] as JsonArray ?? [];
        if (groups.Count > 5) return Invalid($"Too many filter groups: {groups.Count}; the limit is 5");
        var parsed = new List<List<(string Property, string Op, JsonObject Filter)>>();
        foreach (var group in groups)
        {
            var filters = group?["filters"] as JsonArray ?? [];
            if (filters.Count > 6) return Invalid($"Too many filters in a filter group: {filters.Count}; the limit is 6");
            var list = new List<(string, string, JsonObject)>();
            foreach (var f in filters)
            {
                if (f is not JsonObject filter || Str(filter["propertyName"]) is not { Length: > 0 } property) return Invalid("each filter needs a propertyName");
                var op = Str(filter["operator"]) ?? "";
                if (!Operators.Contains(op)) return Invalid($"Unknown filter operator {op}; valid: {string.Join(", ", Operators)}");
                if (!property.StartsWith("associations.", StringComparison.Ordinal) && !Props(type).ContainsKey(property))
                    return Invalid($"There was a problem with the request: Property \"{property}\" does not exist on {Singular(type)}");
                if (op is "IN" or "NOT_IN" && filter["values"] is not JsonArray) return Invalid($"{op} needs values (an array)");
                if (op is "BETWEEN" && (filter["value"] is null || filter["highValue"] is null)) return Invalid("BETWEEN needs value and highValue");
                if (op is not ("IN" or "NOT_IN" or "HAS_PROPERTY" or "NOT_HAS_PROPERTY") && filter["value"] is null) return Invalid($"{op} needs a value");
                list.Add((property, op, filter));
            }
            parsed.Add(list);
        }
        if (parsed.Sum(g => g.Count) > 18) return Invalid($"Too many filters: {parsed.Sum(g => g.Count)}; the limit is 18 in all");

        var sorts = input["sorts"] as JsonArray ?? [];
        if (sorts.Count > 1) return Invalid("Only one sort is supported");
        string? sortProperty = null;
        var descending = false;
        if (sorts.Count == 1)
        {
            sortProperty = Str(sorts[0]) ?? Str(sorts[0]?["propertyName"]);
            descending = Str(sorts[0]?["direction"]) == "DESCENDING";
            if (sortProperty?.StartsWith('-') == true) { sortProperty = sortProperty[1..]; descending = true; }
            if (sortProperty is null || !Props(type).ContainsKey(sortProperty)) return Invalid($"Cannot sort by unknown property {sortProperty}");
        }

        var limit = 10L;
        if (input["limit"] is not null && (!TryInt(input["limit"], out limit) || limit < 0)) return Invalid("limit must be a non-negative integer");
        if (limit > 200) return Invalid($"limit must be at most 200; was {limit}");
        var after = 0L;
        if (input["after"] is { } afterNode && !(Str(afterNode) is "" ) && (!TryInt(afterNode, out after) || after < 0)) return Invalid($"after must be a paging cursor; was {afterNode.ToJsonString()}");
        if (after >= SearchResultCap)
            return Invalid($"There was a problem with the request. The search API returns at most {SearchResultCap} results per query; after={after} is beyond it. Narrow the query (e.g. by hs_object_id or a date range).");

        var query = Str(input["query"]);
        var indexedBefore = Time.GetUtcNow() - SearchIndexDelay;
        var matches = Store(type).Values.Where(r => !r.Archived && (SearchIndexDelay <= TimeSpan.Zero || r.CreatedAt <= indexedBefore))
            .Where(r => parsed.Count == 0 || parsed.Any(g => g.All(f => Matches(r, f.Property, f.Op, f.Filter))))
            .Where(r => string.IsNullOrEmpty(query) || DefaultReturned[type].Concat(["dealname", "email", "firstname", "lastname", "name", "domain"])
                .Any(p => r.Props.GetValueOrDefault(p)?.Contains(query, StringComparison.OrdinalIgnoreCase) == true));
        if (sortProperty is not null)
        {
            var def = Props(type)[sortProperty];
            var comparer = Comparer<string?>.Create((a, b) => a is null ? (b is null ? 0 : 1) : b is null ? -1 : Compare(def, a, b) ?? string.CompareOrdinal(a, b));
            matches = descending
                ? matches.OrderBy(r => r.Props.GetValueOrDefault(sortProperty), Comparer<string?>.Create((a, b) => a is null ? (b is null ? 0 : 1) : b is null ? -1 : -comparer.Compare(a, b))).ThenBy(r => r.Number)
                : matches.OrderBy(r => r.Props.GetValueOrDefault(sortProperty), comparer).ThenBy(r => r.Number);
        }
        var all = matches.ToList();
        var take = (int)Math.Min(limit, SearchResultCap - after);
        var page = all.Skip((int)after).Take(take).ToList();
        var properties = StrList(input["properties"]);
        var json = new JsonObject
        {
            ["total"] = all.Count,
            ["results"] = new JsonArray([.. page.Select(r => (JsonNode)RecordJson(r, properties))]),
        };
        var next = after + page.Count;
        if (page.Count > 0 && next < all.Count && next < SearchResultCap)
            json["paging"] = new JsonObject { ["next"] = new JsonObject { ["after"] = Num(next) } };
        return new Reply(200, json);
    }

    private bool Matches(Rec rec, string property, string op, JsonObject filter)
    {
        if (property.StartsWith("associations.", StringComparison.Ordinal))
        {
            var toType = CanonicalType(property["associations.".Length..]);
            var ids = _associations.Where(a => a.FromType == rec.Type && a.FromId == rec.Id && a.ToType == toType).Select(a => a.ToId).ToHashSet();
            var wanted = Str(filter["value"]) ?? filter["value"]?.ToJsonString();
            return op switch
            {
                "EQ" => wanted is not null && ids.Contains(wanted),
                "NEQ" => wanted is null || !ids.Contains(wanted),
                "IN" => filter["values"] is JsonArray vs && vs.Any(v => ids.Contains(Str(v) ?? v?.ToJsonString() ?? "")),
                "HAS_PROPERTY" => ids.Count > 0,
                "NOT_HAS_PROPERTY" => ids.Count == 0,
                _ => false,
            };
        }
        var def = Props(rec.Type)[property];
        var value = rec.Props.GetValueOrDefault(property);
        var has = !string.IsNullOrEmpty(value);
        string? Arg(JsonNode? n) => Str(n) ?? (n is JsonValue ? n.ToJsonString() : null);
        int? Cmp(JsonNode? n) => has && Arg(n) is { } arg ? Compare(def, value!, arg) : null;
        switch (op)
        {
            case "HAS_PROPERTY": return has;
            case "NOT_HAS_PROPERTY": return !has;
            case "EQ": return Cmp(filter["value"]) == 0;
            case "NEQ": return Cmp(filter["value"]) != 0;
            case "LT": return Cmp(filter["value"]) < 0;
            case "LTE": return Cmp(filter["value"]) <= 0;
            case "GT": return Cmp(filter["value"]) > 0;
            case "GTE": return Cmp(filter["value"]) >= 0;
            case "BETWEEN": return Cmp(filter["value"]) >= 0 && Cmp(filter["highValue"]) <= 0;
            case "IN": return ((JsonArray)filter["values"]!).Any(v => Cmp(v) == 0);
            case "NOT_IN": return !((JsonArray)filter["values"]!).Any(v => Cmp(v) == 0);
            case "CONTAINS_TOKEN":
            case "NOT_CONTAINS_TOKEN":
                var token = (Arg(filter["value"]) ?? "").Trim('*');
                var contains = has && value!.Contains(token, StringComparison.OrdinalIgnoreCase);
                return op == "CONTAINS_TOKEN" ? contains : !contains;
            default: return false;
        }
    }

    /// <summary>Compares by the property's type: numbers as numbers, dates as instants (epoch ms or ISO), the rest case-insensitively.</summary>
    private static int? Compare(HubSpotPropertyDef def, string a, string b)
    {
        switch (def.Type)
        {
            case "number":
                return decimal.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && decimal.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out var y)
                    ? x.CompareTo(y) : null;
            case "date" or "datetime":
                return TryInstant(a, out var p) && TryInstant(b, out var q) ? p.CompareTo(q) : null;
            default:
                return string.Compare(a, b, StringComparison.OrdinalIgnoreCase);
        }
    }
}
