namespace Baton.Domain.Fields;

/// <summary>The kind of value a handoff field holds; decides how CRM strings are parsed.</summary>
public enum FieldType { Text, LongText, Number, Currency, Date, Boolean, Choice, MultiChoice, Url, Contact, Scope }

/// <summary>Hard blocks the stage move, soft is only flagged, optional is never asked for.</summary>
public enum Requirement { Hard, Soft, Optional }

/// <summary>The four things a handoff must carry; each field scores toward one.</summary>
public enum Pillar { Facts, Context, Commitments, Risk }

/// <summary>A quality rule named in the manifest, with its argument (e.g. <c>after:contract_start</c>).</summary>
/// <param name="ArgumentOrdinal">Ordinal of the field the argument names, or -1.</param>
public sealed record QualityRule(string Name, string? Argument = null, int ArgumentOrdinal = -1)
{
    public override string ToString() => Argument is null ? Name : $"{Name}:{Argument}";
}

/// <summary>One row of the field manifest (<c>handoff-fields.csv</c>).</summary>
public sealed record FieldDefinition
{
    public required string Key { get; init; }
    public required string Label { get; init; }
    public required FieldType Type { get; init; }
    public required Requirement Requirement { get; init; }
    /// <summary>The pipeline stage from which the field is required (fractional capture).</summary>
    public required string RequiredFrom { get; init; }
    /// <summary>Segments the field applies to; empty means every segment.</summary>
    public IReadOnlyList<string> Segments { get; init; } = [];
    public Pillar Pillar { get; init; } = Pillar.Facts;
    public string? HubSpotProperty { get; init; }
    public string? SalesforceField { get; init; }
    /// <summary>Allowed values of a choice or multi-choice field.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];
    public IReadOnlyList<QualityRule> Rules { get; init; } = [];
    public string Help { get; init; } = "";
    public string Example { get; init; } = "";
    /// <summary>Position in the manifest; indexes <see cref="IFieldValues"/>.</summary>
    public int Ordinal { get; init; }

    public bool AppliesTo(string? segment) =>
        Segments.Count == 0 || segment is null || Segments.Contains(segment, StringComparer.OrdinalIgnoreCase);

    public bool HasRule(string name) => Rules.Any(r => r.Name == name);
}

/// <summary>A deal's raw handoff values, indexed by <see cref="FieldDefinition.Ordinal"/>; empty when absent.</summary>
/// <remarks>Spans, not strings, so an audit of a million rows allocates nothing for values that pass.</remarks>
public interface IFieldValues
{
    ReadOnlySpan<char> Get(int ordinal);
}

/// <summary>Field values held as strings, for the API, the UI and tests.</summary>
public sealed class FieldValues(IReadOnlyList<string?> values) : IFieldValues
{
    public ReadOnlySpan<char> Get(int ordinal) => ordinal < values.Count ? values[ordinal].AsSpan() : default;

    public static FieldValues From(FieldManifest manifest, IReadOnlyDictionary<string, string?> byKey)
    {
        var values = new string?[manifest.Fields.Count];
        foreach (var (key, value) in byKey)
            if (manifest.Find(key) is { } f) values[f.Ordinal] = value;
        return new FieldValues(values);
    }
}
