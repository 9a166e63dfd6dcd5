using System.Text;
using System.Text.RegularExpressions;
using Baton.Domain.Fields;
using Baton.Domain.Handoffs;
using Baton.Domain.Routing;
using Baton.Domain.Playbook;
using Baton.Domain.Quality;

namespace Baton.Core.Playbook;

/// <summary>Loads a playbook directory and reports every problem with file, line and column.</summary>
public static partial class PlaybookLoader
{
    public const string PlaybookFile = "playbook.yaml";
    public const string FieldsFile = "handoff-fields.csv";
    public const string TemplatesDir = "templates";

    /// <summary>The clocks the handoff engine starts and stops; a playbook may tune them, not invent new ones.</summary>
    public static readonly IReadOnlyList<string> KnownClocks =
        [.. HandoffClocks.Rules.Select(r => r.Name), Domain.Contracts.Contract.DraftedClock];

    /// <summary>What a template may name besides <c>fields.KEY</c>.</summary>
    public static readonly IReadOnlySet<string> TemplateVariables = new HashSet<string>(StringComparer.Ordinal)
    {
        "deal.name", "deal.company", "deal.arr", "deal.amount", "deal.segment", "deal.stage", "deal.close_date", "deal.owner",
        "deal.territory", "deal.crm_url", "handoff.url", "handoff.state", "csm.name", "csm.email", "csm.slack_mention",
        "ae.name", "ae.email", "playbook.name", "onboarding.url", "kickoff.when",
    };

    public static PlaybookLoadResult Load(string directory)
    {
        var errors = new List<PlaybookError>();
        if (!Directory.Exists(directory))
            return Fail(new PlaybookError(directory, 1, 1, "no such playbook directory"));
        var yamlPath = Path.Combine(directory, PlaybookFile);
        var csvPath = Path.Combine(directory, FieldsFile);
        if (!File.Exists(yamlPath)) errors.Add(new PlaybookError(yamlPath, 1, 1, $"missing {PlaybookFile}"));
        if (!File.Exists(csvPath)) errors.Add(new PlaybookError(csvPath, 1, 1, $"missing {FieldsFile}"));
        if (errors.Count > 0) return new PlaybookLoadResult(null, errors);

        var yamlText = ReadText(yamlPath, errors);
        var csvText = ReadText(csvPath, errors);
        var parsed = yamlText is null ? null : new PlaybookYaml(yamlPath, errors).Read(yamlText);
        var rows = csvText is null ? [] : new FieldManifestCsv(csvPath, errors).Read(csvText);
        if (parsed is null) return new PlaybookLoadResult(null, errors);

        CheckPipeline(yamlPath, parsed, errors);
        CheckDuplicates(yamlPath, parsed.Segments.Select(s => (s.Segment.Name, s.At)), "segment", errors);
        CheckClocks(yamlPath, parsed, errors);
        CheckDuplicates(yamlPath, parsed.Team.Select(t => (t.Member.Id, t.At)), "team member", errors);
        var routing = CheckRouting(yamlPath, parsed, errors);
        CheckNotifications(yamlPath, parsed, errors);
        CheckDuplicates(yamlPath, parsed.Webhooks.Select(w => (w.Endpoint.Name, w.At)), "webhook", errors);
        var manifest = CheckFields(csvPath, rows, parsed, errors);
        CheckTemplates(Path.Combine(directory, TemplatesDir), manifest, errors);

        if (errors.Count > 0 || parsed.Calendar is null) return new PlaybookLoadResult(null, errors);
        var playbook = new Domain.Playbook.Playbook
        {
            Name = parsed.Name,
            Stages = parsed.Stages.Select(s => s.Stage).ToArray(),
            Segments = parsed.Segments.Select(s => s.Segment).ToArray(),
            Calendar = parsed.Calendar,
            Clocks = parsed.Clocks.Select(c => c.Clock).ToArray(),
            Fields = manifest,
            Team = parsed.Team.Select(t => t.Member).ToArray(),
            Routing = routing,
            Notifications = WithDefaults(parsed),
            Cadence = parsed.Cadence?.Select(c => c.Step).ToArray() ?? Cadence.Default,
            Webhooks = parsed.Webhooks.Select(w => w.Endpoint).ToArray(),
            Dashboard = parsed.Dashboard ?? Domain.Metrics.DashboardSettings.Default,
        };
        return new PlaybookLoadResult(playbook, errors);
    }

    private static PlaybookLoadResult Fail(PlaybookError e) => new(null, [e]);

    private static string? ReadText(string path, List<PlaybookError> errors)
    {
        var bytes = File.ReadAllBytes(path);
        try
        {
            // Strict UTF-8 so a file saved as Latin-1 is reported rather than read as mojibake.
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException e)
        {
            var offset = e.Index < 0 ? 0 : e.Index;
            var before = bytes.AsSpan(0, Math.Min(offset, bytes.Length));
            var line = before.Count((byte)'\n') + 1;
            var column = offset - (before.LastIndexOf((byte)'\n') + 1) + 1;
            errors.Add(new PlaybookError(path, line, column, "not UTF-8: save the file as UTF-8"));
            return null;
        }
    }

    private static void CheckPipeline(string file, PlaybookYaml.Parsed p, List<PlaybookError> errors)
    {
        CheckDuplicates(file, p.Stages.Select(s => (s.Stage.Name, s.At)), "stage", errors);
        var won = p.Stages.Where(s => s.Stage.Outcome == StageOutcome.Won).ToList();
        if (p.Stages.Count > 0 && won.Count != 1)
        {
            var at = won.Count > 1 ? won[1].At : p.Stages[^1].At;
            errors.Add(new PlaybookError(file, (int)at.Line, (int)at.Column,
                won.Count == 0 ? "no stage has 'outcome: won': mark the closed-won stage" : "more than one stage has 'outcome: won'"));
        }
    }

    private static void CheckClocks(string file, PlaybookYaml.Parsed p, List<PlaybookError> errors)
    {
        CheckDuplicates(file, p.Clocks.Select(c => (c.Clock.Name, c.At)), "clock", errors);
        foreach (var (clock, at) in p.Clocks)
            if (!KnownClocks.Contains(clock.Name))
                errors.Add(new PlaybookError(file, (int)at.Line, (int)at.Column,
                    $"unknown clock '{clock.Name}'; Baton runs: {string.Join(", ", KnownClocks)}"));
    }

    private static RoutingTable? CheckRouting(string file, PlaybookYaml.Parsed p, List<PlaybookError> errors)
    {
        if (p.Routing is not { } r) return null;
        void Error(YamlDotNet.Core.Mark at, string message) => errors.Add(new PlaybookError(file, (int)at.Line, (int)at.Column, message));
        var before = errors.Count;
        var team = p.Team.ToDictionary(t => t.Member.Id, t => t.Member, StringComparer.OrdinalIgnoreCase);
        var pools = new List<CsmPool>();
        CheckDuplicates(file, r.Pools.Select(pool => (pool.Name, pool.At)), "pool", errors);
        foreach (var pool in r.Pools)
        {
            var members = new List<PoolMember>();
            foreach (var (id, at) in pool.Members)
            {
                if (!team.TryGetValue(id, out var person)) Error(at, $"pool '{pool.Name}': '{id}' is not in the team");
                else if (person.Role != Roles.Csm) Error(at, $"pool '{pool.Name}': '{id}' is a {person.Role}, not a csm");
                else members.Add(new PoolMember(person.Id, person.Email, person.SlackUserId, person.Capacity));
            }
            if (pool.Members.Count == 0) Error(pool.At, $"pool '{pool.Name}' has no members");
            pools.Add(new CsmPool(pool.Name, pool.Strategy, members));
        }
        var poolNames = pools.Select(x => x.Name).ToList();
        if (r.Fallback is { } fallback && !poolNames.Contains(fallback, StringComparer.OrdinalIgnoreCase))
            Error(r.At, $"routing.fallback names pool '{fallback}', which is not defined; pools: {string.Join(", ", poolNames)}");
        var segments = p.Segments.Select(s => s.Segment.Name).ToList();
        foreach (var (rule, at) in r.Rules)
        {
            if (!poolNames.Contains(rule.Pool, StringComparer.OrdinalIgnoreCase))
                Error(at, $"routing rule sends deals to pool '{rule.Pool}', which is not defined; pools: {string.Join(", ", poolNames)}");
            if (rule.Segment is { } seg && !segments.Contains(seg, StringComparer.OrdinalIgnoreCase))
                Error(at, $"routing rule names segment '{seg}'; segments: {string.Join(", ", segments)}");
        }
        foreach (var (clock, at) in p.Clocks)
            if (clock.EscalateTo != Roles.AeManager && p.Team.Count > 0 && !p.Team.Any(t => t.Member.Role == clock.EscalateTo))
                Error(at, $"clock '{clock.Name}' escalates to '{clock.EscalateTo}', but nobody in the team has that role");
        return errors.Count > before || r.Fallback is null ? null : new RoutingTable(r.Rules.Select(x => x.Rule).ToArray(), pools, r.Fallback);
    }

    private static void CheckNotifications(string file, PlaybookYaml.Parsed p, List<PlaybookError> errors)
    {
        if (p.Notifications is not { } n) return;
        if (n.Value.PreCloseStage is { } stage && !p.Stages.Any(s => string.Equals(s.Stage.Name, stage, StringComparison.OrdinalIgnoreCase)))
            errors.Add(new PlaybookError(file, (int)n.At.Line, (int)n.At.Column,
                $"notifications.pre_close_stage names stage '{stage}'; stages: {string.Join(", ", p.Stages.Select(s => s.Stage.Name))}"));
        var segments = p.Segments.Select(s => s.Segment.Name).ToList();
        foreach (var (name, at) in n.CustomerSegments ?? [])
            if (!segments.Contains(name, StringComparer.OrdinalIgnoreCase))
                errors.Add(new PlaybookError(file, (int)at.Line, (int)at.Column,
                    $"notifications.customer_channels names segment '{name}'; segments: {string.Join(", ", segments)}"));
    }

    /// <summary>The notifications as written, with <c>customer_channels</c> naming the hot segments when it names none.</summary>
    private static Notifications WithDefaults(PlaybookYaml.Parsed p)
    {
        if (p.Notifications is not { } n) return new Notifications("#cs-handoffs", null);
        if (n.Value.CustomerChannels is not { } rule || n.CustomerSegments is not null) return n.Value;
        return n.Value with
        {
            CustomerChannels = rule with { Segments = [.. p.Segments.Where(s => s.Segment.Handoff == HandoffType.Hot).Select(s => s.Segment.Name)] },
        };
    }

    private static void CheckDuplicates(string file, IEnumerable<(string Name, YamlDotNet.Core.Mark At)> items, string what, List<PlaybookError> errors)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, at) in items)
            if (!seen.Add(name))
                errors.Add(new PlaybookError(file, (int)at.Line, (int)at.Column, $"duplicate {what} '{name}'"));
    }

    private static FieldManifest CheckFields(string file, List<FieldManifestCsv.Row> rows, PlaybookYaml.Parsed p, List<PlaybookError> errors)
    {
        void Error((int Line, int Column) at, string message) => errors.Add(new PlaybookError(file, at.Line, at.Column, message));
        var stageNames = p.Stages.Select(s => s.Stage.Name).ToList();
        var segmentNames = p.Segments.Select(s => s.Segment.Name).ToList();
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var byKey = rows.GroupBy(r => r.Field.Key, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Field, StringComparer.OrdinalIgnoreCase);
        var ordinalOf = rows.Select((r, i) => (r.Field.Key, i)).GroupBy(x => x.Key, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().i, StringComparer.OrdinalIgnoreCase);
        var fields = new List<FieldDefinition>();

        foreach (var row in rows)
        {
            var f = row.Field;
            if (!keys.Add(f.Key)) Error(row.At["key"], $"duplicate field key '{f.Key}'");
            if (!stageNames.Contains(f.RequiredFrom, StringComparer.OrdinalIgnoreCase))
                Error(row.At["required_from"], $"field '{f.Key}': required_from names stage '{f.RequiredFrom}', which the pipeline does not have; stages: {string.Join(", ", stageNames)}");
            foreach (var s in f.Segments.Where(s => !segmentNames.Contains(s, StringComparer.OrdinalIgnoreCase)))
                Error(row.At["segments"], $"field '{f.Key}': unknown segment '{s}'; segments: {string.Join(", ", segmentNames)}");
            if (f.Type is FieldType.Choice or FieldType.MultiChoice && f.Choices.Count == 0)
                Error(row.At.GetValueOrDefault("choices", row.At["type"]), $"field '{f.Key}': a {f.Type} field needs its choices, separated by '|'");

            var rules = new List<QualityRule>();
            foreach (var rule in f.Rules)
            {
                var at = row.At.GetValueOrDefault("rules", row.At["key"]);
                if (!QualityRules.Known.Contains(rule.Name))
                {
                    Error(at, $"field '{f.Key}': unknown quality rule '{rule.Name}'; known: {string.Join(", ", QualityRules.Known.Order())}");
                    continue;
                }
                switch (rule.Name)
                {
                    case "after" when rule.Argument is null || !byKey.TryGetValue(rule.Argument, out var other):
                        Error(at, $"field '{f.Key}': rule 'after' needs another field's key, e.g. after:contract_start; '{rule.Argument}' is not a field");
                        continue;
                    case "after" when byKey[rule.Argument!].Type != FieldType.Date || f.Type != FieldType.Date:
                        Error(at, $"field '{f.Key}': rule 'after:{rule.Argument}' compares dates; both fields must be of type date");
                        continue;
                    case "after":
                        rules.Add(rule with { ArgumentOrdinal = ordinalOf[rule.Argument!] });
                        continue;
                    case "min_words" when !int.TryParse(rule.Argument, out var n) || n < 1:
                        Error(at, $"field '{f.Key}': rule 'min_words' needs a positive number, e.g. min_words:5");
                        continue;
                }
                rules.Add(rule);
            }
            fields.Add(f with { Rules = rules });
        }
        if (rows.Count == 0 && errors.Count == 0) errors.Add(new PlaybookError(file, 1, 1, "the field manifest has no fields"));
        return new FieldManifest(fields);
    }

    [GeneratedRegex(@"\{[{%]-?\s*(?<body>.*?)\s*-?[}%]\}", RegexOptions.Singleline)]
    private static partial Regex TemplateTag();

    [GeneratedRegex(@"(?<![\w.""'])(?<name>[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)+)")]
    private static partial Regex DottedName();

    /// <summary>Every <c>fields.KEY</c> a template names must be a manifest field; other dotted names must be known variables.</summary>
    private static void CheckTemplates(string directory, FieldManifest manifest, List<PlaybookError> errors)
    {
        if (!Directory.Exists(directory)) return;
        // Only templates: a README beside them may show placeholders as examples.
        foreach (var path in Directory.EnumerateFiles(directory, "*.liquid", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (ReadText(path, errors) is not { } text) continue;
            foreach (Match tag in TemplateTag().Matches(text))
            {
                var body = tag.Groups["body"];
                foreach (Match m in DottedName().Matches(body.Value))
                {
                    var name = m.Groups["name"].Value;
                    var offset = body.Index + m.Index;
                    var line = text.AsSpan(0, offset).Count('\n') + 1;
                    var column = offset - text.LastIndexOf('\n', Math.Max(0, offset - 1)) ;
                    if (name.StartsWith("fields.", StringComparison.Ordinal))
                    {
                        var key = name["fields.".Length..].Split('.')[0];
                        if (manifest.Find(key) is null)
                            errors.Add(new PlaybookError(path, line, column, $"placeholder '{name}' names no field; fields: {string.Join(", ", manifest.Fields.Select(f => f.Key))}"));
                    }
                    else if (!TemplateVariables.Contains(name))
                        errors.Add(new PlaybookError(path, line, column, $"unknown placeholder '{name}'; known: fields.KEY, {string.Join(", ", TemplateVariables.Order())}"));
                }
            }
        }
    }
}
