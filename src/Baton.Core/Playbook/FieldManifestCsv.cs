using Baton.Domain.Fields;
using Sylvan.Data.Csv;

namespace Baton.Core.Playbook;

/// <summary>Reads <c>handoff-fields.csv</c>; every cell keeps its position for the validator's messages.</summary>
internal sealed class FieldManifestCsv(string file, List<PlaybookError> errors)
{
    public static readonly string[] Columns =
        ["key", "label", "type", "requirement", "required_from", "segments", "pillar",
         "hubspot_property", "salesforce_field", "choices", "rules", "help", "example"];

    private static readonly string[] Required = ["key", "label", "type", "requirement", "required_from"];

    /// <summary>A manifest row with the position of each of its cells.</summary>
    internal sealed record Row(FieldDefinition Field, IReadOnlyDictionary<string, (int Line, int Column)> At, int Line);

    public List<Row> Read(string text)
    {
        var rows = new List<Row>();
        if (string.IsNullOrWhiteSpace(text))
        {
            Error((1, 1), $"the field manifest is empty; its first line is the header: {string.Join(",", Columns)}");
            return rows;
        }
        using var reader = CsvDataReader.Create(new StringReader(text), new CsvDataReaderOptions { HasHeaders = true });
        var header = CsvPositions.CellStarts(text.AsSpan(0, Math.Max(0, text.IndexOf('\n') + 1)), 1);
        var ordinals = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var name = reader.GetName(i).Trim();
            if (!Columns.Contains(name, StringComparer.OrdinalIgnoreCase))
                Error(At(header, i), $"unknown column '{name}'; expected: {string.Join(", ", Columns)}");
            else if (!ordinals.TryAdd(name, i))
                Error(At(header, i), $"column '{name}' appears twice");
        }
        var missing = Required.Where(c => !ordinals.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            Error((1, 1), $"missing column{(missing.Count > 1 ? "s" : "")}: {string.Join(", ", missing)}");
            return rows;
        }

        var line = 1 + CsvPositions.CountLines(text.AsSpan(0, Math.Max(0, text.IndexOf('\n') + 1)));
        while (reader.Read())
        {
            var raw = reader.GetRawRecordSpan();
            var cells = CsvPositions.CellStarts(raw, line);
            var recordLine = line;
            line += CsvPositions.CountLines(raw);
            if (raw.Trim().IsEmpty) continue;
            if (reader.RowFieldCount != reader.FieldCount)
            {
                Error((recordLine, 1), $"row has {reader.RowFieldCount} cells, the header has {reader.FieldCount}");
                continue;
            }

            var at = ordinals.ToDictionary(kv => kv.Key, kv => At(cells, kv.Value), StringComparer.OrdinalIgnoreCase);
            string Cell(string column) => ordinals.TryGetValue(column, out var o) ? reader.GetString(o).Trim() : "";

            var key = Cell("key");
            if (key.Length == 0) { Error(at["key"], "key is empty"); continue; }
            if (!IsKey(key)) Error(at["key"], $"key '{key}' must be lower_snake_case (letters, digits, underscores)");
            var label = Cell("label");
            if (label.Length == 0) Error(at["label"], $"field '{key}': label is empty");

            var type = ParseType(Cell("type"));
            if (type is null) Error(at["type"], $"field '{key}': unknown type '{Cell("type")}'; known: {string.Join(", ", TypeNames.Keys)}");
            var requirement = Cell("requirement").ToLowerInvariant() switch
            {
                "hard" => Requirement.Hard,
                "soft" => Requirement.Soft,
                "optional" => Requirement.Optional,
                _ => (Requirement?)null,
            };
            if (requirement is null) Error(at["requirement"], $"field '{key}': requirement '{Cell("requirement")}' must be hard, soft or optional");
            var pillarText = Cell("pillar");
            Pillar pillar = Pillar.Facts;
            if (pillarText.Length > 0 && !Enum.TryParse(pillarText, ignoreCase: true, out pillar))
                Error(at["pillar"], $"field '{key}': pillar '{pillarText}' must be facts, context, commitments or risk");

            var field = new FieldDefinition
            {
                Key = key,
                Label = label,
                Type = type ?? FieldType.Text,
                Requirement = requirement ?? Requirement.Optional,
                RequiredFrom = Cell("required_from"),
                Segments = Split(Cell("segments")),
                Pillar = pillar,
                HubSpotProperty = NullIfEmpty(Cell("hubspot_property")),
                SalesforceField = NullIfEmpty(Cell("salesforce_field")),
                Choices = Split(Cell("choices")),
                Rules = Split(Cell("rules"), ';').Select(ParseRule).ToArray(),
                Help = Cell("help"),
                Example = Cell("example"),
            };
            rows.Add(new Row(field, at, recordLine));
        }
        return rows;
    }

    internal static readonly Dictionary<string, FieldType> TypeNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["text"] = FieldType.Text, ["long_text"] = FieldType.LongText, ["number"] = FieldType.Number,
        ["currency"] = FieldType.Currency, ["date"] = FieldType.Date, ["boolean"] = FieldType.Boolean,
        ["choice"] = FieldType.Choice, ["multi_choice"] = FieldType.MultiChoice, ["url"] = FieldType.Url,
        ["contact"] = FieldType.Contact, ["scope"] = FieldType.Scope,
    };

    private static FieldType? ParseType(string text) => TypeNames.TryGetValue(text, out var t) ? t : null;

    private static QualityRule ParseRule(string text)
    {
        var colon = text.IndexOf(':');
        return colon < 0 ? new QualityRule(text.Trim()) : new QualityRule(text[..colon].Trim(), text[(colon + 1)..].Trim());
    }

    private static string[] Split(string text, char separator = '|') =>
        text.Split(separator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    private static bool IsKey(string key) =>
        char.IsAsciiLetterLower(key[0]) && key.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');

    private static (int, int) At((int Line, int Column)[] cells, int ordinal) =>
        ordinal < cells.Length ? cells[ordinal] : cells[^1];

    private void Error((int Line, int Column) at, string message) => errors.Add(new PlaybookError(file, at.Line, at.Column, message));
}
