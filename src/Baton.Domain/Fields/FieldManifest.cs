namespace Baton.Domain.Fields;

/// <summary>The ordered set of handoff fields; ordinals are positions in <see cref="Fields"/>.</summary>
public sealed class FieldManifest
{
    private readonly Dictionary<string, FieldDefinition> _byKey;

    public FieldManifest(IEnumerable<FieldDefinition> fields)
    {
        Fields = fields.Select((f, i) => f with { Ordinal = i }).ToArray();
        _byKey = new Dictionary<string, FieldDefinition>(StringComparer.OrdinalIgnoreCase);
        foreach (var f in Fields) _byKey.TryAdd(f.Key, f);
    }

    public IReadOnlyList<FieldDefinition> Fields { get; }

    public FieldDefinition? Find(string key) => _byKey.GetValueOrDefault(key);
}
