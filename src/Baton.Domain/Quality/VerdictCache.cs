using System.Numerics;
using System.Runtime.InteropServices;
using Baton.Domain.Fields;

namespace Baton.Domain.Quality;

/// <summary>
/// Remembers the part of a free-text verdict that depends on the value alone, for a caller that judges many deals
/// of one manifest (the audit). Bounded: a fixed table of two-way sets; a new value replaces the less recently used of its set.
/// </summary>
/// <remarks>
/// Exports repeat free text across deals ("Budget approved", "None", "TBD"), and the word-list heuristics are the
/// costliest checks. Only text and long-text fields without <c>after:</c> are cached; what depends on other fields
/// (copied-field detection) is still decided per deal. Values longer than <see cref="MaxLength"/> are not cached.
/// No allocation after construction, so unique values cost one hash and one copy on top of the check itself.
/// Not thread-safe: one cache per judging thread.
/// </remarks>
public sealed class VerdictCache
{
    public const int Slots = 4096;
    public const int MaxLength = 128;

    private readonly FieldDefinition?[] _fields = new FieldDefinition?[Slots];
    private readonly int[] _hashes = new int[Slots];
    private readonly int[] _lengths = new int[Slots];
    private readonly char[] _chars = new char[Slots * MaxLength];
    private readonly Verdict[] _heads = new Verdict[Slots];
    private readonly Verdict[] _tails = new Verdict[Slots];
    private readonly byte[] _recent = new byte[Slots / 2];

    public long Hits { get; private set; }
    public long Misses { get; private set; }

    /// <summary>The cached (filler or lone-link, rules) verdicts of <paramref name="value"/>; <paramref name="hash"/> is for <see cref="Store"/>.</summary>
    internal bool TryGet(FieldDefinition field, ReadOnlySpan<char> value, out int hash, out Verdict head, out Verdict tail)
    {
        if (value.Length > MaxLength)
        {
            hash = 0;
            head = tail = default;
            return false;
        }
        hash = Hash(value, field.Ordinal);
        var set = hash & (Slots / 2 - 1);
        for (var way = 0; way < 2; way++)
        {
            var slot = set * 2 + way;
            if (ReferenceEquals(_fields[slot], field) && _hashes[slot] == hash
                && value.SequenceEqual(_chars.AsSpan(slot * MaxLength, _lengths[slot])))
            {
                Hits++;
                _recent[set] = (byte)way;
                head = _heads[slot];
                tail = _tails[slot];
                return true;
            }
        }
        Misses++;
        head = tail = default;
        return false;
    }

    /// <summary>The manifest's free-text fields, the only ones copied-field detection compares against.</summary>
    internal FieldDefinition[] TextFields(FieldManifest manifest)
    {
        if (!ReferenceEquals(manifest, _manifest))
        {
            var text = new List<FieldDefinition>();
            foreach (var f in manifest.Fields)
                if (f.Type is FieldType.Text or FieldType.LongText) text.Add(f);
            _textFields = text.ToArray();
            _manifest = manifest;
        }
        return _textFields;
    }

    private FieldManifest? _manifest;
    private FieldDefinition[] _textFields = [];

    /// <summary>
    /// Eight bytes per step, mixed by multiply and rotate: several times cheaper than the randomized string hash,
    /// and good enough to spread a table index (a hit still compares every character).
    /// </summary>
    private static int Hash(ReadOnlySpan<char> value, int ordinal)
    {
        const ulong k = 0x9E3779B97F4A7C15;
        var bytes = MemoryMarshal.AsBytes(value);
        var h = ((ulong)value.Length << 32 | (uint)ordinal) * k;
        while (bytes.Length >= 8)
        {
            h = BitOperations.RotateLeft((h ^ MemoryMarshal.Read<ulong>(bytes)) * k, 29);
            bytes = bytes[8..];
        }
        ulong tail = 0;
        for (var i = 0; i < bytes.Length; i++) tail |= (ulong)bytes[i] << (8 * i);
        h = (h ^ tail) * k;
        h ^= h >> 29;
        return (int)h ^ (int)(h >> 32);
    }

    internal void Store(FieldDefinition field, ReadOnlySpan<char> value, int hash, Verdict head, Verdict tail)
    {
        if (value.Length > MaxLength) return;
        // Two ways per set, the one used least recently is replaced: two frequent values that share a set
        // would otherwise evict each other on every deal.
        var set = hash & (Slots / 2 - 1);
        var way = 1 - _recent[set];
        _recent[set] = (byte)way;
        var slot = set * 2 + way;
        _fields[slot] = field;
        _hashes[slot] = hash;
        _lengths[slot] = value.Length;
        value.CopyTo(_chars.AsSpan(slot * MaxLength, MaxLength));
        _heads[slot] = head;
        _tails[slot] = tail;
    }
}
