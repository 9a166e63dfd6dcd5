namespace Baton.Bench;

/// <summary>Plain <c>--name value</c> parsing; this is a developer tool, not the product CLI.</summary>
internal sealed class Args
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    public List<string> Positional { get; } = [];

    public Args(IEnumerable<string> args, params string[] flags)
    {
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var a = e.Current;
            if (a.StartsWith("--", StringComparison.Ordinal))
            {
                var name = a[2..];
                if (flags.Contains(name))
                {
                    _flags.Add(name);
                    continue;
                }
                if (!e.MoveNext())
                    throw new UsageException($"{a} needs a value");
                if (!_values.TryGetValue(name, out var list))
                    _values[name] = list = [];
                list.Add(e.Current);
            }
            else
            {
                Positional.Add(a);
            }
        }
    }

    public bool Flag(string name) => _flags.Contains(name);

    public string? Get(string name) => _values.TryGetValue(name, out var v) ? v[^1] : null;

    public IReadOnlyList<string> All(string name) => _values.TryGetValue(name, out var v) ? v : [];

    public string Required(string name) => Get(name) ?? throw new UsageException($"--{name} is required");

    public long Long(string name, long fallback) =>
        Get(name) is { } s ? long.TryParse(s.Replace("_", "", StringComparison.Ordinal), out var v) && v >= 0 ? v
            : throw new UsageException($"--{name} must be a non-negative integer, got '{s}'") : fallback;
}
