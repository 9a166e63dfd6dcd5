using System.Numerics;
using System.Runtime.InteropServices;
using Baton.Domain.Fields;

namespace Baton.Domain.Quality;

/// <summary>
/// Remembers the part of a verdict that depends on the field and value alone, for a caller that judges many deals
/// of one manifest (the audit). Bounded: a fixed table of two-way sets; a new value replaces the less recently used of its set.
/// </summary>
/// <remarks>
/// Exports repeat free text across deals ("Budget approved", "None", "TBD"), and the word-list heuristics are the
/// costliest checks; amounts, seat counts, product lists, yes/no and dates repeat in any export. Contacts (one
/// person per deal) and fields with <c>after:</c> are not cached; what depends on other fields (copied-field
/// detection) is still decided per deal. Values longer than <see cref="MaxLength"/> are not cached.
/// No allocation after construction, so unique values cost one hash and one copy on top of the check itself.
/// Not thread-safe: one cache per judging thread.
/// </remarks>
public sealed class VerdictCache
{
    /// <summary>About 5 MB with the characters: room for a few thousand frequent values of every field with few conflicts.</summary>
    public const int Slots = 16384;
    public const int MaxLength = 128;

    /// <summary>One slot, 64 bytes: a lookup touches one line of entries and the slot's characters.</summary>
    private struct Entry
    {
        public FieldDefinition? Field;
        public int Hash;
        public int Length;
        public Verdict Head;
        public Verdict Tail;
    }

    private readonly Entry[] _entries = new Entry[Slots];
    private readonly char[] _chars = new char[Slots * MaxLength];
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
            ref var e = ref _entries[slot];
            if (e.Hash == hash && ReferenceEquals(e.Field, field) && value.SequenceEqual(_chars.AsSpan(slot * MaxLength, e.Length)))
            {
                Hits++;
                _recent[set] = (byte)way;
                head = e.Head;
                tail = e.Tail;
                return true;
            }
        }
        Misses++;
        head = tail = default;
        return false;
    }

    /// <summary>What <see cref="FieldQuality"/> works out from a field's rules, kept per ordinal: two rule scans per value add up.</summary>
    internal bool TryGetRuleFlags(FieldDefinition field, out int flags)
    {
        var o = field.Ordinal;
        if ((uint)o < (uint)_flagFields.Length && ReferenceEquals(_flagFields[o], field))
        {
            flags = _flags[o];
            return true;
        }
        flags = 0;
        return false;
    }

    internal void SetRuleFlags(FieldDefinition field, int flags)
    {
        var o = field.Ordinal;
        if (o < 0) return;
        if (o >= _flagFields.Length)
        {
            Array.Resize(ref _flagFields, o + 1);
            Array.Resize(ref _flags, o + 1);
        }
        _flagFields[o] = field;
        _flags[o] = flags;
    }

    private FieldDefinition?[] _flagFields = [];
    private int[] _flags = [];

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
        _entries[slot] = new Entry { Field = field, Hash = hash, Length = value.Length, Head = head, Tail = tail };
        value.CopyTo(_chars.AsSpan(slot * MaxLength, MaxLength));
    }
}
