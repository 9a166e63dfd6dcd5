using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Baton.Core.Integrations.HubSpot;
using Baton.Domain.Fields;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Baton.Bench.Service;

/// <summary>
/// The HubSpot CRM API calls Baton makes, on loopback, answered from memory in HubSpot's shapes: deals (read with
/// properties, history and associations; patched; created), companies' batch read, owners by id and by e-mail,
/// notes, tasks and meetings, the deal pipelines, v4 associations and an empty search. Deals are pre-filled at
/// <c>closedwon</c> with every manifest field's example in HubSpot's spelling, owned by the playbook AE; each request
/// is counted by kind and the first read of each deal is timed, so a run can say where the time goes.
/// </summary>
/// <remarks>It sends no rate-limit headers, so Baton's rate gate never holds a request back: the bench measures Baton, not a quota.</remarks>
internal sealed class HubSpotStandIn : IAsyncDisposable
{
    public const string AccessToken = "pat-bench-0000";
    public const long PortalId = 62515;
    private const string AeOwnerId = "7001";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Record> _deals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _owners = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _ownerByEmail = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string?> _fieldValues;
    private readonly DateTimeOffset _createdAt = DateTimeOffset.UtcNow.AddDays(-30);
    private readonly JsonObject _pipelines;
    private long _nextId = 30_000_000_000;
    private long _lastRequestAt;
    private int _requests;

    private HubSpotStandIn(WebApplication app, IEnumerable<FieldDefinition> manifest, IEnumerable<(string Email, string Name)> team, IReadOnlyList<(string Id, string Label)> salesStages)
    {
        _app = app;
        // Good handoff values as HubSpot keeps them: true/false, ISO dates, plain numbers, ';'-joined choices.
        _fieldValues = manifest.Where(f => f.HubSpotProperty is { Length: > 0 } && f.Example.Length > 0)
            .ToDictionary(f => f.HubSpotProperty!, f => HubSpotFieldValues.ToHubSpot(f, f.Example), StringComparer.Ordinal);
        var n = 7001;
        foreach (var (email, name) in team.OrderBy(t => t.Email == "rachel.goldberg@baton.example" ? 0 : 1))
        {
            var id = (n++).ToString(CultureInfo.InvariantCulture);
            _owners[id] = new JsonObject
            {
                ["id"] = id, ["email"] = email, ["type"] = "PERSON", ["firstName"] = name.Split(' ')[0], ["lastName"] = name.Split(' ')[^1],
                ["userId"] = 882_760_000 + n, ["userIdIncludingInactive"] = 882_760_000 + n, ["createdAt"] = Iso(_createdAt), ["updatedAt"] = Iso(_createdAt),
                ["archived"] = false, ["teams"] = new JsonArray(),
            };
            _ownerByEmail[email] = id;
        }
        var cs = HubSpotSchema.CsStageLabels;
        _pipelines = new JsonObject
        {
            ["results"] = new JsonArray(
                Pipeline("default", "Sales Pipeline", 0, salesStages.Select((s, i) => (s.Id, s.Label, i)).ToList()),
                Pipeline("81234567", "Customer Success", 1, cs.Select((label, i) => ((81234600 + i).ToString(CultureInfo.InvariantCulture), label, i)).ToList())),
        };
    }

    public string BaseUrl { get; private set; } = "";

    /// <summary>Requests by kind ("GET deal", "POST notes", …); anything Baton asks that this stand-in does not serve counts as "unserved …".</summary>
    public ConcurrentDictionary<string, int> Kinds { get; } = new(StringComparer.Ordinal);

    /// <summary>When the first read of each pre-filled deal arrived (by HubSpot id): the inbox pump has the event in hand.</summary>
    public ConcurrentDictionary<string, long> FirstReadAt { get; } = new(StringComparer.Ordinal);

    public int Requests => Volatile.Read(ref _requests);

    /// <summary><see cref="Stopwatch.GetTimestamp"/> of the latest request to the CRM API.</summary>
    public long LastRequestAt => Volatile.Read(ref _lastRequestAt);

    public static async Task<HubSpotStandIn> StartAsync(IEnumerable<FieldDefinition> manifest, IEnumerable<(string Email, string Name)> team, IReadOnlyList<(string Id, string Label)> salesStages)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var hub = new HubSpotStandIn(app, manifest, team, salesStages);
        app.MapPost("/bench/echo", async (HttpRequest request) =>
        {
            // The loopback baseline: read the body, answer 200, nothing else.
            await request.Body.CopyToAsync(Stream.Null);
            return Results.Ok();
        });
        app.MapFallback(hub.HandleAsync);
        await app.StartAsync();
        hub.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/";
        return hub;
    }

    /// <summary>Pre-fills a closed-won deal with good handoff values and its company; returns nothing, the id is the caller's.</summary>
    public void AddDeal(string id, string companyId)
    {
        var props = new Dictionary<string, string?>(_fieldValues, StringComparer.Ordinal)
        {
            ["dealname"] = $"Bench deal {id}",
            ["dealstage"] = "closedwon",
            ["pipeline"] = "default",
            ["amount"] = "48000",
            ["hubspot_owner_id"] = AeOwnerId,
            ["closedate"] = Iso(DateTimeOffset.UtcNow),
            ["createdate"] = Iso(_createdAt),
            ["hs_lastmodifieddate"] = Iso(DateTimeOffset.UtcNow),
            ["hs_object_id"] = id,
        };
        _deals[id] = new Record(id, props, companyId);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _requests);
        Volatile.Write(ref _lastRequestAt, now);
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8)) body = await reader.ReadToEndAsync();

        if (request.Headers.Authorization.ToString() != $"Bearer {AccessToken}")
        {
            Count("refused: no or wrong token");
            await Reply(context, 401, Error("INVALID_AUTHENTICATION", "Authentication credentials not found."));
            return;
        }
        var s = (request.Path.Value ?? "").Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var method = request.Method;
        JsonNode? json = null;
        try { json = body.Length > 0 ? JsonNode.Parse(body) : null; }
        catch (System.Text.Json.JsonException) { }

        var (status, answer, kind) = (method, s) switch
        {
            ("GET", ["crm", "v3", "objects", "deals", var id]) => ReadDeal(id, request.Query, now),
            ("PATCH", ["crm", "v3", "objects", "deals", var id]) => PatchDeal(id, json),
            ("POST", ["crm", "v3", "objects", "deals", "search"]) => (200, new JsonObject { ["total"] = 0, ["results"] = new JsonArray() }, "POST deals/search"),
            ("POST", ["crm", "v3", "objects", "companies", "batch", "read"]) => ReadCompanies(json),
            ("POST", ["crm", "v3", "objects", var type and ("notes" or "tasks" or "meetings" or "deals")]) => Create(type, json),
            ("GET", ["crm", "v3", "owners", var id]) => _owners.TryGetValue(id, out var owner)
                ? (200, owner.DeepClone(), "GET owner")
                : (404, Error("OBJECT_NOT_FOUND", $"Owner {id} not found"), "GET owner (unknown)"),
            ("GET", ["crm", "v3", "owners"]) => (200, new JsonObject
            {
                ["results"] = _ownerByEmail.TryGetValue(request.Query["email"].ToString(), out var oid) ? new JsonArray(_owners[oid].DeepClone()) : new JsonArray(),
            }, "GET owners?email"),
            ("GET", ["crm", "v3", "pipelines", "deals"]) => (200, _pipelines.DeepClone(), "GET pipelines"),
            ("PUT", ["crm", "v4", "objects", _, var from, "associations", "default", _, var to]) => (200, new JsonObject
            {
                ["status"] = "COMPLETE",
                ["results"] = new JsonArray(Link(from, to), Link(to, from)),
                ["startedAt"] = Iso(DateTimeOffset.UtcNow), ["completedAt"] = Iso(DateTimeOffset.UtcNow),
            }, "PUT v4 association (default)"),
            ("PUT", ["crm", "v4", "objects", var ft, var from, "associations", var tt, var to]) => (200, new JsonObject
            {
                ["fromObjectTypeId"] = TypeId(ft), ["fromObjectId"] = long.TryParse(from, out var f) ? f : 0,
                ["toObjectTypeId"] = TypeId(tt), ["toObjectId"] = long.TryParse(to, out var t) ? t : 0, ["labels"] = new JsonArray(),
            }, "PUT v4 association"),
            _ => (404, Error("OBJECT_NOT_FOUND", $"Unable to route {method} {request.Path}: the bench's stand-in does not serve it"), $"unserved {method} {string.Join('/', s.Take(5))}"),
        };
        Count(kind);
        await Reply(context, status, answer);
    }

    private (int, JsonNode?, string) ReadDeal(string id, IQueryCollection query, long now)
    {
        if (!_deals.TryGetValue(id, out var deal)) return (404, Error("OBJECT_NOT_FOUND", "Object not found.  objectId are usually numeric."), "GET deal (unknown)");
        FirstReadAt.TryAdd(id, now);
        var wanted = List(query["properties"]);
        var history = List(query["propertiesWithHistory"]);
        var json = new JsonObject();
        lock (deal)
        {
            var names = wanted.Count > 0 ? wanted.Concat(["hs_object_id", "createdate", "hs_lastmodifieddate"]) : ["amount", "closedate", "createdate", "dealname", "dealstage", "hs_lastmodifieddate", "hs_object_id", "pipeline"];
            var props = new JsonObject();
            foreach (var name in names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
                if (deal.Props.TryGetValue(name, out var value) || IsKnownProperty(name)) props[name] = value;
            json["id"] = deal.Id;
            json["properties"] = props;
            json["createdAt"] = Iso(_createdAt);
            json["updatedAt"] = deal.Props.GetValueOrDefault("hs_lastmodifieddate");
            json["archived"] = false;
            if (history.Count > 0)
            {
                var h = new JsonObject();
                foreach (var name in history.Distinct(StringComparer.Ordinal))
                    h[name] = deal.Props.TryGetValue(name, out var value) && value is not null
                        ? new JsonArray(new JsonObject { ["value"] = value, ["timestamp"] = Iso(_createdAt), ["sourceType"] = "CRM_UI", ["sourceId"] = "userId:882761034", ["updatedByUserId"] = 882761034 })
                        : new JsonArray();
                json["propertiesWithHistory"] = h;
            }
        }
        // HubSpot lists the primary and the unlabelled association of the same company, and leaves out types with none.
        if (List(query["associations"]).Contains("companies") && deal.CompanyId is { } company)
            json["associations"] = new JsonObject
            {
                ["companies"] = new JsonObject
                {
                    ["results"] = new JsonArray(
                        new JsonObject { ["id"] = company, ["type"] = "deal_to_company" },
                        new JsonObject { ["id"] = company, ["type"] = "deal_to_company_unlabeled" }),
                },
            };
        return (200, json, "GET deal");
    }

    private bool IsKnownProperty(string name) => _fieldValues.ContainsKey(name) || name is "baton_csm" or "dealname" or "dealstage" or "pipeline" or "amount" or "hubspot_owner_id";

    private (int, JsonNode?, string) PatchDeal(string id, JsonNode? json)
    {
        if (!_deals.TryGetValue(id, out var deal)) return (404, Error("OBJECT_NOT_FOUND", "resource not found"), "PATCH deal (unknown)");
        if (json?["properties"] is not JsonObject properties) return (400, Error("VALIDATION_ERROR", "Invalid input JSON: properties is required"), "PATCH deal (invalid)");
        var written = new JsonObject();
        lock (deal)
        {
            foreach (var (name, value) in properties)
            {
                var text = value?.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : value?.ToJsonString();
                deal.Props[name] = text;
                written[name] = text;
            }
            deal.Props["hs_lastmodifieddate"] = Iso(DateTimeOffset.UtcNow);
            written["hs_lastmodifieddate"] = deal.Props["hs_lastmodifieddate"];
            written["hs_object_id"] = id;
        }
        return (200, new JsonObject { ["id"] = id, ["properties"] = written, ["createdAt"] = Iso(_createdAt), ["updatedAt"] = Iso(DateTimeOffset.UtcNow), ["archived"] = false },
            properties.ContainsKey("dealstage") ? "PATCH deal (stage)" : "PATCH deal");
    }

    private (int, JsonNode?, string) ReadCompanies(JsonNode? json)
    {
        if (json?["inputs"] is not JsonArray inputs) return (400, Error("VALIDATION_ERROR", "Invalid input JSON: inputs is required"), "POST companies/batch/read (invalid)");
        if (inputs.Count > 100) return (400, Error("VALIDATION_ERROR", $"Batch input limit exceeded: at most 100 inputs, got {inputs.Count}"), "POST companies/batch/read (invalid)");
        var results = new JsonArray();
        foreach (var input in inputs)
        {
            var id = input?["id"]?.ToString() ?? "";
            results.Add(new JsonObject
            {
                ["id"] = id,
                ["properties"] = new JsonObject
                {
                    ["createdate"] = Iso(_createdAt), ["domain"] = $"company-{id}.example", ["hs_lastmodifieddate"] = Iso(_createdAt),
                    ["hs_object_id"] = id, ["name"] = $"Company {id}",
                },
                ["createdAt"] = Iso(_createdAt), ["updatedAt"] = Iso(_createdAt), ["archived"] = false,
            });
        }
        var now = Iso(DateTimeOffset.UtcNow);
        return (200, new JsonObject { ["status"] = "COMPLETE", ["results"] = results, ["startedAt"] = now, ["completedAt"] = now }, "POST companies/batch/read");
    }

    private (int, JsonNode?, string) Create(string type, JsonNode? json)
    {
        if (json?["properties"] is not JsonObject properties) return (400, Error("VALIDATION_ERROR", "Invalid input JSON: properties is required"), $"POST {type} (invalid)");
        if (type is "notes" or "tasks" or "meetings" && properties["hs_timestamp"] is null)
            return (400, Error("VALIDATION_ERROR", "hs_timestamp is required"), $"POST {type} (invalid)");
        var id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        var props = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in properties) props[name] = value?.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : value?.ToJsonString();
        props["hs_object_id"] = id;
        props["hs_createdate"] = Iso(DateTimeOffset.UtcNow);
        props["hs_lastmodifieddate"] = Iso(DateTimeOffset.UtcNow);
        // A created deal (the customer's deal in the CS pipeline) can be patched later; notes and tasks are only counted.
        if (type == "deals") _deals[id] = new Record(id, props, null);
        var echoed = new JsonObject();
        foreach (var (name, value) in props) echoed[name] = value;
        return (201, new JsonObject { ["id"] = id, ["properties"] = echoed, ["createdAt"] = Iso(DateTimeOffset.UtcNow), ["updatedAt"] = Iso(DateTimeOffset.UtcNow), ["archived"] = false }, $"POST {type}");
    }

    private static JsonObject Pipeline(string id, string label, int order, IReadOnlyList<(string Id, string Label, int Order)> stages) => new()
    {
        ["id"] = id, ["label"] = label, ["displayOrder"] = order, ["archived"] = false,
        ["createdAt"] = "2026-01-05T10:00:00.000Z", ["updatedAt"] = "2026-01-05T10:00:00.000Z",
        ["stages"] = new JsonArray([.. stages.Select(s => (JsonNode)new JsonObject
        {
            ["id"] = s.Id, ["label"] = s.Label, ["displayOrder"] = s.Order, ["archived"] = false, ["writePermissions"] = "CRM_PERMISSIONS_ENFORCEMENT",
            ["metadata"] = new JsonObject { ["probability"] = s.Id == "closedlost" ? "0.0" : s.Id == "closedwon" || s.Order == stages.Count - 1 ? "1.0" : "0.5", ["isClosed"] = s.Id is "closedwon" or "closedlost" ? "true" : "false" },
            ["createdAt"] = "2026-01-05T10:00:00.000Z", ["updatedAt"] = "2026-01-05T10:00:00.000Z",
        })]),
    };

    private static JsonObject Link(string from, string to) => new()
    {
        ["from"] = new JsonObject { ["id"] = from }, ["to"] = new JsonObject { ["id"] = to },
        ["associationSpec"] = new JsonObject { ["associationCategory"] = "HUBSPOT_DEFINED", ["associationTypeId"] = 451 },
    };

    private static string TypeId(string type) => type switch
    {
        "contacts" => "0-1", "companies" => "0-2", "deals" => "0-3", "notes" => "0-46", "tasks" => "0-27", "meetings" => "0-47", _ => type,
    };

    private static JsonObject Error(string category, string message) => new()
    {
        ["status"] = "error", ["message"] = message, ["correlationId"] = Guid.NewGuid().ToString(), ["category"] = category,
    };

    private static List<string> List(Microsoft.Extensions.Primitives.StringValues values) =>
        [.. values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    private void Count(string kind) => Kinds.AddOrUpdate(kind, 1, (_, n) => n + 1);

    private static async Task Reply(HttpContext context, int status, JsonNode? body)
    {
        context.Response.StatusCode = status;
        if (body is null) return;
        context.Response.ContentType = "application/json;charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private sealed record Record(string Id, Dictionary<string, string?> Props, string? CompanyId);
}
