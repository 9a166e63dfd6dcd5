using System.Globalization;
using Baton.Domain.Calendar;
using Baton.Domain.Handoffs;
using Baton.Domain.Playbook;
using Baton.Domain.Routing;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Baton.Core.Playbook;

/// <summary>Reads <c>playbook.yaml</c> node by node so every error carries the line and column of the node at fault.</summary>
/// <remarks>The representation model rather than a deserializer: a typo must be reported where it is, not swallowed.</remarks>
internal sealed class PlaybookYaml(string file, List<PlaybookError> errors)
{
    internal sealed record Parsed(
        string Name,
        List<(Stage Stage, Mark At)> Stages,
        List<(Segment Segment, Mark At)> Segments,
        CalendarSpec? Calendar,
        List<(ClockSpec Clock, Mark At)> Clocks,
        List<(TeamMember Member, Mark At)> Team,
        RoutingYaml? Routing,
        NotificationsYaml? Notifications,
        List<(CadenceStep Step, Mark At)>? Cadence,
        List<(Domain.Webhooks.WebhookEndpoint Endpoint, Mark At)> Webhooks,
        Domain.Metrics.DashboardSettings? Dashboard = null);

    /// <param name="CustomerSegments">The segments <c>customer_channels</c> names, each where it is written; null when it names none (hot segments then).</param>
    internal sealed record NotificationsYaml(Notifications Value, Mark At, List<(string Name, Mark At)>? CustomerSegments);

    internal sealed record PoolYaml(string Name, PoolStrategy Strategy, List<(string Id, Mark At)> Members, Mark At);
    internal sealed record RoutingYaml(string? Fallback, Mark At, List<PoolYaml> Pools, List<(RoutingRule Rule, Mark At)> Rules);

    public Parsed? Read(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            Error(e.Start, $"not valid YAML: {Inner(e).Message}");
            return null;
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            errors.Add(new PlaybookError(file, 1, 1, "the playbook must be a mapping with 'name', 'pipeline', 'segments', 'calendar' and 'clocks'"));
            return null;
        }

        var map = Map(root, "the playbook", ["name", "pipeline", "segments", "calendar", "clocks", "team", "routing", "notifications", "cadence", "webhooks", "dashboard"]);
        var name = Scalar(map, root, "name") ?? "";
        var stages = ReadStages(Get(map, root, "pipeline"));
        var segments = ReadSegments(Get(map, root, "segments"));
        var calendar = ReadCalendar(Get(map, root, "calendar"));
        var clocks = ReadClocks(Get(map, root, "clocks"));
        map.TryGetValue(Key("team"), out var teamNode);
        map.TryGetValue(Key("routing"), out var routingNode);
        map.TryGetValue(Key("notifications"), out var notificationsNode);
        map.TryGetValue(Key("cadence"), out var cadenceNode);
        map.TryGetValue(Key("webhooks"), out var webhooksNode);
        map.TryGetValue(Key("dashboard"), out var dashboardNode);
        return new Parsed(name, stages, segments, calendar, clocks,
            ReadTeam(teamNode), routingNode is null ? null : ReadRouting(routingNode),
            notificationsNode is null ? null : ReadNotifications(notificationsNode),
            cadenceNode is null ? null : ReadCadence(cadenceNode),
            webhooksNode is null ? [] : ReadWebhooks(webhooksNode),
            dashboardNode is null ? null : ReadDashboard(dashboardNode));
    }

    /// <summary><c>completeness_target</c>, <c>commission_holdback</c> and <c>commission_rate</c>, each a percentage; missing keys keep their defaults.</summary>
    private Domain.Metrics.DashboardSettings ReadDashboard(YamlNode node)
    {
        var m = Map(node, "dashboard", ["completeness_target", "commission_holdback", "commission_rate"]);
        var defaults = Domain.Metrics.DashboardSettings.Default;
        return new Domain.Metrics.DashboardSettings(
            Percent(m, "completeness_target") ?? defaults.CompletenessTarget,
            Percent(m, "commission_holdback") ?? defaults.HoldbackShare,
            Percent(m, "commission_rate") ?? defaults.CommissionRate);
    }

    /// <summary>"20%", "20 %" or "0.2" as a share between 0 and 1.</summary>
    private double? Percent(Dictionary<YamlNode, YamlNode> m, string key)
    {
        if (!m.TryGetValue(Key(key), out var n)) return null;
        var text = (n as YamlScalarNode)?.Value?.Trim() ?? "";
        var percent = text.EndsWith('%');
        if (double.TryParse(percent ? text[..^1] : text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
        {
            var share = percent ? v / 100 : v;
            if (share is >= 0 and <= 1) return share;
        }
        Error(n.Start, $"{key} must be a percentage between 0 % and 100 % (such as 20%), found '{text}'");
        return null;
    }

    private List<(TeamMember, Mark)> ReadTeam(YamlNode? node)
    {
        var result = new List<(TeamMember, Mark)>();
        if (node is null) return result;
        if (node is not YamlSequenceNode seq)
        {
            Error(node.Start, "team must be a list of people");
            return result;
        }
        foreach (var item in seq)
        {
            var m = Map(item, "a team member", ["id", "name", "email", "role", "slack_user_id", "manager", "capacity", "salesforce_user_id"]);
            var id = Scalar(m, item, "id");
            var name = Scalar(m, item, "name");
            var email = Scalar(m, item, "email");
            var role = Scalar(m, item, "role");
            if (id is null || name is null || email is null || role is null) continue;
            if (!Roles.All.Contains(role)) Error(m[Key("role")].Start, $"role '{role}' is not one of: {string.Join(", ", Roles.All)}");
            if (!email.Contains('@')) Error(m[Key("email")].Start, $"'{email}' is not an e-mail address");
            var capacity = 20;
            if (Scalar(m, item, "capacity", required: false) is { } c && (!int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out capacity) || capacity < 1))
                Error(m[Key("capacity")].Start, $"capacity '{c}' must be a positive whole number of open handoffs");
            var salesforce = Scalar(m, item, "salesforce_user_id", required: false);
            if (salesforce is not null && !(salesforce.Length is 15 or 18 && salesforce.StartsWith("005", StringComparison.Ordinal) && salesforce.All(char.IsAsciiLetterOrDigit)))
                Error(m[Key("salesforce_user_id")].Start, $"salesforce_user_id '{salesforce}' is not a Salesforce user id (15 or 18 letters and digits starting 005)");
            result.Add((new TeamMember(id, name, email, role, Scalar(m, item, "slack_user_id", required: false), Scalar(m, item, "manager", required: false), capacity, salesforce), item.Start));
        }
        return result;
    }

    private RoutingYaml ReadRouting(YamlNode node)
    {
        var m = Map(node, "routing", ["fallback", "pools", "rules"]);
        var fallback = Scalar(m, node, "fallback");
        var pools = new List<PoolYaml>();
        if (Get(m, node, "pools") is YamlSequenceNode poolSeq)
            foreach (var item in poolSeq)
            {
                var pm = Map(item, "a pool", ["name", "strategy", "members"]);
                var name = Scalar(pm, item, "name");
                var strategyText = Scalar(pm, item, "strategy") ?? "round_robin";
                var strategy = strategyText switch
                {
                    "round_robin" => PoolStrategy.RoundRobin,
                    "least_loaded" => PoolStrategy.LeastLoaded,
                    _ => (PoolStrategy?)null,
                };
                if (strategy is null) Error(pm[Key("strategy")].Start, $"strategy '{strategyText}' is not one of: round_robin, least_loaded");
                var members = new List<(string, Mark)>();
                if (Get(pm, item, "members") is YamlSequenceNode memberSeq)
                    foreach (var member in memberSeq)
                        if (member is YamlScalarNode { Value: { Length: > 0 } v }) members.Add((v, member.Start));
                        else Error(member.Start, "a pool member is a team id");
                if (name is not null) pools.Add(new PoolYaml(name, strategy ?? PoolStrategy.RoundRobin, members, item.Start));
            }
        var rules = new List<(RoutingRule, Mark)>();
        if (m.TryGetValue(Key("rules"), out var rulesNode))
        {
            if (rulesNode is YamlSequenceNode ruleSeq)
                foreach (var item in ruleSeq)
                {
                    var rm = Map(item, "a routing rule", ["pool", "segment", "arr_from", "arr_below", "territory", "ae"]);
                    var pool = Scalar(rm, item, "pool");
                    if (pool is null) continue;
                    rules.Add((new RoutingRule(pool, Scalar(rm, item, "segment", required: false), Money(rm, "arr_from"), Money(rm, "arr_below"),
                        Scalar(rm, item, "territory", required: false), Scalar(rm, item, "ae", required: false)), item.Start));
                }
            else Error(rulesNode.Start, "routing.rules must be a list");
        }
        return new RoutingYaml(fallback, node.Start, pools, rules);
    }

    private NotificationsYaml ReadNotifications(YamlNode node)
    {
        var m = Map(node, "notifications", ["channel", "pre_close_stage", "customer_channels", "revops_channel"]);
        CustomerChannelRule? customer = null;
        List<(string, Mark)>? segments = null;
        if (m.TryGetValue(Key("customer_channels"), out var customerNode))
            (customer, segments) = ReadCustomerChannels(customerNode);
        var notifications = new Notifications(
            Scalar(m, node, "channel") ?? "#cs-handoffs", Scalar(m, node, "pre_close_stage", required: false),
            customer, Scalar(m, node, "revops_channel", required: false));
        return new NotificationsYaml(notifications, node.Start, segments);
    }

    /// <summary><c>segments</c> (default: the hot segments, filled in by the loader), <c>archive_after_days</c> (default 30), <c>prefix</c> (default <c>cust-</c>).</summary>
    private (CustomerChannelRule, List<(string, Mark)>?) ReadCustomerChannels(YamlNode node)
    {
        var m = Map(node, "notifications.customer_channels", ["segments", "archive_after_days", "prefix"]);
        List<(string, Mark)>? segments = null;
        if (m.TryGetValue(Key("segments"), out var segmentsNode))
        {
            segments = [];
            if (segmentsNode is YamlSequenceNode seq)
                foreach (var item in seq)
                    if (item is YamlScalarNode { Value: { Length: > 0 } v }) segments.Add((v.Trim(), item.Start));
                    else Error(item.Start, "a customer_channels segment is a segment name");
            else Error(segmentsNode.Start, "customer_channels.segments must be a list of segment names, e.g. [Mid-Market, Enterprise]");
        }
        var days = CustomerChannelRule.DefaultArchiveAfterDays;
        if (Scalar(m, node, "archive_after_days", required: false) is { } d
            && (!int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out days) || days < 1))
        {
            Error(m[Key("archive_after_days")].Start, $"archive_after_days '{d}' must be a positive whole number of days after the close");
            days = CustomerChannelRule.DefaultArchiveAfterDays;
        }
        // An explicit empty prefix ("") is allowed: the name is then the company's alone.
        var prefix = CustomerChannelRule.DefaultPrefix;
        if (m.TryGetValue(Key("prefix"), out var prefixNode))
        {
            if (prefixNode is YamlScalarNode p) prefix = (p.Value ?? "").Trim();
            else Error(prefixNode.Start, "'prefix' must be a single value");
            if (prefix.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_')))
                Error(prefixNode.Start, $"prefix '{prefix}' may hold only lowercase letters, digits, '-' and '_', as Slack channel names do");
        }
        return (new CustomerChannelRule(segments?.Select(s => s.Item1).ToArray() ?? [], days, prefix), segments);
    }

    /// <summary>Each receiver: <c>name</c>, <c>url</c> (https, or http on loopback) and the <c>events</c> it wants.</summary>
    private List<(Domain.Webhooks.WebhookEndpoint, Mark)> ReadWebhooks(YamlNode node)
    {
        var result = new List<(Domain.Webhooks.WebhookEndpoint, Mark)>();
        if (node is not YamlSequenceNode seq)
        {
            Error(node.Start, "webhooks must be a list of receivers, each with name, url and events");
            return result;
        }
        foreach (var item in seq)
        {
            var m = Map(item, "a webhook", ["name", "url", "events"]);
            var name = Scalar(m, item, "name");
            var urlText = Scalar(m, item, "url");
            if (name is null || urlText is null) continue;
            var ok = true;
            if (name.Length is 0 or > 40 || name.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_')))
            {
                Error(m[Key("name")].Start, $"webhook name '{name}' may hold only lowercase letters, digits, '-' and '_' (at most 40): it names the secret's setting Webhooks:{{name}}:Secret");
                ok = false;
            }
            if (!Uri.TryCreate(urlText, UriKind.Absolute, out var url) || !(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)))
            {
                Error(m[Key("url")].Start, $"webhook url '{urlText}' must be an absolute https:// address (http:// only on loopback)");
                ok = false;
            }
            var events = new List<string>();
            if (Get(m, item, "events") is { } eventsNode)
            {
                if (eventsNode is YamlSequenceNode eventSeq)
                    foreach (var e in eventSeq)
                        if (e is YamlScalarNode { Value: { Length: > 0 } v } && Domain.Webhooks.WebhookEvents.IsKnown(v.Trim())) events.Add(v.Trim());
                        else
                        {
                            Error(e.Start, $"'{(e as YamlScalarNode)?.Value}' is not an event; events: *, {string.Join(", ", Domain.Webhooks.WebhookEvents.Names)}");
                            ok = false;
                        }
                else
                {
                    Error(eventsNode.Start, "webhook events must be a list, e.g. [handoff.accepted, clock.missed] or [\"*\"]");
                    ok = false;
                }
            }
            if (ok) result.Add((new Domain.Webhooks.WebhookEndpoint(name, url!, events), item.Start));
        }
        return result;
    }

    private List<(CadenceStep, Mark)> ReadCadence(YamlNode node)
    {
        var result = new List<(CadenceStep, Mark)>();
        if (node is not YamlSequenceNode seq)
        {
            Error(node.Start, "cadence must be a list of steps");
            return result;
        }
        foreach (var item in seq)
        {
            var m = Map(item, "a cadence step", ["step", "business_day", "owner"]);
            var step = Scalar(m, item, "step");
            var dayText = Scalar(m, item, "business_day");
            var ownerText = Scalar(m, item, "owner");
            if (step is null || dayText is null || ownerText is null) continue;
            if (!int.TryParse(dayText, NumberStyles.None, CultureInfo.InvariantCulture, out var day))
            {
                Error(m[Key("business_day")].Start, $"business_day '{dayText}' must be a whole number of business days after the close (0 = the day of the close)");
                continue;
            }
            CadenceOwner? owner = ownerText switch { "ae" => CadenceOwner.Ae, "csm" => CadenceOwner.Csm, "cs_lead" => CadenceOwner.CsLead, _ => null };
            if (owner is null)
            {
                Error(m[Key("owner")].Start, $"owner '{ownerText}' is not one of: ae, csm, cs_lead");
                continue;
            }
            result.Add((new CadenceStep(step, day, owner.Value), item.Start));
        }
        return result;
    }

    private static Exception Inner(Exception e) => e.InnerException is YamlException i ? Inner(i) : e;

    private List<(Stage, Mark)> ReadStages(YamlNode? node)
    {
        var result = new List<(Stage, Mark)>();
        if (node is null) return result;
        var pipeline = Map(node, "pipeline", ["stages"]);
        if (Get(pipeline, node, "stages") is not { } stagesNode) return result;
        if (stagesNode is not YamlSequenceNode seq)
        {
            Error(stagesNode.Start, "pipeline.stages must be a list of stages");
            return result;
        }
        foreach (var item in seq)
        {
            var m = Map(item, "a stage", ["name", "hubspot", "salesforce", "outcome"]);
            var stageName = Scalar(m, item, "name");
            if (stageName is null) continue;
            var outcomeText = Scalar(m, item, "outcome", required: false) ?? "open";
            StageOutcome outcome;
            switch (outcomeText.ToLowerInvariant())
            {
                case "open": outcome = StageOutcome.Open; break;
                case "won": outcome = StageOutcome.Won; break;
                case "lost": outcome = StageOutcome.Lost; break;
                default:
                    Error(m[Key("outcome")].Start, $"outcome '{outcomeText}' is not one of: open, won, lost");
                    outcome = StageOutcome.Open;
                    break;
            }
            result.Add((new Stage(stageName, result.Count, outcome,
                Scalar(m, item, "hubspot", required: false), Scalar(m, item, "salesforce", required: false)), item.Start));
        }
        return result;
    }

    private List<(Segment, Mark)> ReadSegments(YamlNode? node)
    {
        var result = new List<(Segment, Mark)>();
        if (node is null) return result;
        if (node is not YamlSequenceNode seq)
        {
            Error(node.Start, "segments must be a list");
            return result;
        }
        foreach (var item in seq)
        {
            var m = Map(item, "a segment", ["name", "arr_from", "arr_below", "handoff"]);
            var segName = Scalar(m, item, "name");
            var handoffText = Scalar(m, item, "handoff") ?? "cold";
            HandoffType handoff = HandoffType.Cold;
            if (handoffText.Equals("hot", StringComparison.OrdinalIgnoreCase)) handoff = HandoffType.Hot;
            else if (!handoffText.Equals("cold", StringComparison.OrdinalIgnoreCase))
                Error(m[Key("handoff")].Start, $"handoff '{handoffText}' is not one of: cold (document only), hot (live call)");
            var from = Money(m, "arr_from");
            var below = Money(m, "arr_below");
            if (from is not null && below is not null && below <= from)
                Error(m[Key("arr_below")].Start, $"arr_below ({below}) must be greater than arr_from ({from})");
            if (segName is not null) result.Add((new Segment(segName, from, below, handoff), item.Start));
        }
        return result;
    }

    private decimal? Money(Dictionary<YamlNode, YamlNode> m, string key)
    {
        if (!m.TryGetValue(Key(key), out var n)) return null;
        if (n is YamlScalarNode s && decimal.TryParse(s.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) && d >= 0) return d;
        Error(n.Start, $"{key} must be a non-negative amount, found '{(n as YamlScalarNode)?.Value}'");
        return null;
    }

    private CalendarSpec? ReadCalendar(YamlNode? node)
    {
        if (node is null) return null;
        var m = Map(node, "calendar", ["time_zone", "working_days", "working_hours", "holidays"]);
        var ok = true;

        var zone = Scalar(m, node, "time_zone");
        if (zone is not null && !BusinessCalendar.IsKnownTimeZone(zone))
        {
            var near = BusinessCalendar.SuggestTimeZones(zone);
            Error(m[Key("time_zone")].Start, $"time_zone '{zone}' is not an IANA time zone" +
                (near.Count == 0 ? " (e.g. America/New_York, Europe/Berlin)" : $"; did you mean {string.Join(" or ", near.Select(n => $"'{n}'"))}?"));
            ok = false;
        }

        var days = new HashSet<DayOfWeek>();
        if (Get(m, node, "working_days") is { } daysNode)
        {
            if (daysNode is YamlSequenceNode daySeq)
            {
                foreach (var d in daySeq)
                {
                    if (d is YamlScalarNode ds && ParseDay(ds.Value) is { } day) days.Add(day);
                    else { Error(d.Start, $"'{(d as YamlScalarNode)?.Value}' is not a day of the week (Mon, Tue, Wed, Thu, Fri, Sat, Sun)"); ok = false; }
                }
                if (daySeq.Children.Count == 0) { Error(daysNode.Start, "working_days must name at least one day"); ok = false; }
            }
            else { Error(daysNode.Start, "working_days must be a list such as [Mon, Tue, Wed, Thu, Fri]"); ok = false; }
        }

        TimeOnly start = default, end = default;
        if (Scalar(m, node, "working_hours") is { } hours)
        {
            var parts = hours.Split('-', StringSplitOptions.TrimEntries);
            if (parts.Length != 2
                || !TimeOnly.TryParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out start)
                || !TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out end))
            {
                Error(m[Key("working_hours")].Start, $"working_hours '{hours}' must look like \"09:00-17:00\"");
                ok = false;
            }
            else if (end <= start)
            {
                Error(m[Key("working_hours")].Start, $"working_hours '{hours}' ends before it starts");
                ok = false;
            }
        }
        else ok = false;

        var holidays = new HashSet<DateOnly>();
        if (m.TryGetValue(Key("holidays"), out var holNode))
        {
            if (holNode is YamlSequenceNode holSeq)
                foreach (var h in holSeq)
                {
                    if (h is YamlScalarNode hs && DateOnly.TryParseExact(hs.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) holidays.Add(date);
                    else { Error(h.Start, $"holiday '{(h as YamlScalarNode)?.Value}' must be a date like 2026-12-25"); ok = false; }
                }
            else { Error(holNode.Start, "holidays must be a list of dates"); ok = false; }
        }

        return ok && zone is not null ? new CalendarSpec(zone, days, start, end, holidays) : null;
    }

    private static DayOfWeek? ParseDay(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "mon" or "monday" => DayOfWeek.Monday,
        "tue" or "tues" or "tuesday" => DayOfWeek.Tuesday,
        "wed" or "wednesday" => DayOfWeek.Wednesday,
        "thu" or "thurs" or "thursday" => DayOfWeek.Thursday,
        "fri" or "friday" => DayOfWeek.Friday,
        "sat" or "saturday" => DayOfWeek.Saturday,
        "sun" or "sunday" => DayOfWeek.Sunday,
        _ => null,
    };

    private List<(ClockSpec, Mark)> ReadClocks(YamlNode? node)
    {
        var result = new List<(ClockSpec, Mark)>();
        if (node is null) return result;
        if (node is not YamlSequenceNode seq)
        {
            Error(node.Start, "clocks must be a list");
            return result;
        }
        foreach (var item in seq)
        {
            var m = Map(item, "a clock", ["name", "duration", "escalate_to"]);
            var clockName = Scalar(m, item, "name");
            var durationText = Scalar(m, item, "duration");
            var role = Scalar(m, item, "escalate_to");
            if (durationText is null || clockName is null || role is null) continue;
            if (BusinessDuration.TryParse(durationText, out var error) is { } duration)
                result.Add((new ClockSpec(clockName, duration, role), item.Start));
            else
                Error(m[Key("duration")].Start, $"clock '{clockName}': {error}");
        }
        return result;
    }

    // ---- node access with located errors ----

    private static YamlScalarNode Key(string name) => new(name);

    private Dictionary<YamlNode, YamlNode> Map(YamlNode node, string what, string[] allowed)
    {
        if (node is not YamlMappingNode mapping)
        {
            Error(node.Start, $"{what} must be a mapping of keys to values");
            return [];
        }
        var result = new Dictionary<YamlNode, YamlNode>();
        foreach (var (k, v) in mapping.Children)
        {
            var key = (k as YamlScalarNode)?.Value ?? "";
            if (!allowed.Contains(key))
                Error(k.Start, $"unknown key '{key}' in {what}; expected one of: {string.Join(", ", allowed)}");
            result[k] = v;
        }
        return result;
    }

    private YamlNode? Get(Dictionary<YamlNode, YamlNode> map, YamlNode owner, string key)
    {
        if (map.TryGetValue(Key(key), out var node)) return node;
        if (owner is YamlMappingNode) Error(owner.Start, $"missing '{key}'");
        return null;
    }

    private string? Scalar(Dictionary<YamlNode, YamlNode> map, YamlNode owner, string key, bool required = true)
    {
        if (!map.TryGetValue(Key(key), out var node))
        {
            if (required && owner is YamlMappingNode) Error(owner.Start, $"missing '{key}'");
            return null;
        }
        if (node is YamlScalarNode { Value: { Length: > 0 } v }) return v.Trim();
        Error(node.Start, $"'{key}' must be a single value");
        return null;
    }

    private void Error(Mark at, string message) => errors.Add(new PlaybookError(file, (int)at.Line, (int)at.Column, message));
}
