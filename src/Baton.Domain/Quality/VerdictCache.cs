using Baton.Domain.Fields;

namespace Baton.Domain.Quality;

/// <summary>
/// Remembers the part of a free-text verdict that depends on the value alone, for a caller that judges many deals
/// of one manifest (the audit). Bounded: a fixed table of slots, each overwritten by the next value that hashes to it.
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
        hash = string.GetHashCode(value) ^ (field.Ordinal * -1640531535);
        var slot = hash & (Slots - 1);
        if (ReferenceEquals(_fields[slot], field) && _hashes[slot] == hash
            && value.SequenceEqual(_chars.AsSpan(slot * MaxLength, _lengths[slot])))
        {
            Hits++;
            head = _heads[slot];
            tail = _tails[slot];
            return true;
        }
        Misses++;
        head = tail = default;
        return false;
    }

    internal void Store(FieldDefinition field, ReadOnlySpan<char> value, int hash, Verdict head, Verdict tail)
    {
        if (value.Length > MaxLength) return;
        var slot = hash & (Slots - 1);
        _fields[slot] = field;
        _hashes[slot] = hash;
        _lengths[slot] = value.Length;
        value.CopyTo(_chars.AsSpan(slot * MaxLength, MaxLength));
        _heads[slot] = head;
        _tails[slot] = tail;
    }
}
