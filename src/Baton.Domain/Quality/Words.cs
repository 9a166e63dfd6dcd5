namespace Baton.Domain.Quality;

/// <summary>A value split into words without allocating: ranges into the original text, at most the buffer's length.</summary>
internal readonly ref struct Words
{
    private readonly ReadOnlySpan<char> _text;
    private readonly Span<Range> _ranges;

    public Words(ReadOnlySpan<char> text, Span<Range> buffer)
    {
        _text = text;
        var count = 0;
        var position = 0;
        while (count < buffer.Length && TryNext(text, ref position, out var word)) buffer[count++] = word;
        _ranges = buffer[..count];
    }

    /// <summary>The next word at or after <paramref name="position"/>, for callers that can stop early.</summary>
    public static bool TryNext(ReadOnlySpan<char> text, ref int position, out Range word)
    {
        var i = position;
        while (i < text.Length)
        {
            while (i < text.Length && !IsWordChar(text[i])) i++;
            var start = i;
            while (i < text.Length && IsWordChar(text[i])) i++;
            // Inner punctuation stays ("1,200", "go-live", "n/a"); the same at the ends is sentence punctuation.
            var end = i;
            while (start < end && IsEdgePunctuation(text[start])) start++;
            while (end > start && IsEdgePunctuation(text[end - 1])) end--;
            if (end > start)
            {
                position = i;
                word = new Range(start, end);
                return true;
            }
        }
        position = i;
        word = default;
        return false;
    }

    public int Count => _ranges.Length;

    /// <summary>The i-th word, or empty outside the value, so callers can look around without bounds checks.</summary>
    public ReadOnlySpan<char> this[int i]
    {
        get
        {
            if ((uint)i >= (uint)_ranges.Length) return default;
            var r = _ranges[i];
            return _text.Slice(r.Start.Value, r.End.Value - r.Start.Value);
        }
    }

    // ASCII decides most characters of most values; a table keeps the per-character test to one load.
    private static readonly bool[] AsciiWordChar = AsciiTable(c => char.IsAsciiLetterOrDigit(c) || "-/.,'%$+&:".Contains(c));
    private static readonly bool[] AsciiEdge = AsciiTable(c => "-/.,'+&:".Contains(c));

    private static bool[] AsciiTable(Func<char, bool> member)
    {
        var table = new bool[128];
        for (var c = 0; c < 128; c++) table[c] = member((char)c);
        return table;
    }

    private static bool IsWordChar(char c) => c < 128
        ? AsciiWordChar[c]
        : char.IsLetterOrDigit(c) || c is '’' or '€' or '£'
            || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark;

    private static bool IsEdgePunctuation(char c) => c < 128 ? AsciiEdge[c] : c == '’';

    public static bool HasDigit(ReadOnlySpan<char> w)
    {
        foreach (var c in w)
            if (char.IsAsciiDigit(c)) return true;
        return false;
    }

    /// <summary>Two to six capitals (digits allowed after the first), as written: SSO, SOC2, GDPR, IT.</summary>
    public static bool IsAcronym(ReadOnlySpan<char> w)
    {
        if (w.Length is < 2 or > 6 || !char.IsUpper(w[0])) return false;
        foreach (var c in w)
            if (!char.IsUpper(c) && !char.IsAsciiDigit(c)) return false;
        return true;
    }
}
