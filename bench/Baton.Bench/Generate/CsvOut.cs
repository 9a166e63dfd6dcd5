using System.Buffers;
using System.Globalization;

namespace Baton.Bench.Generate;

/// <summary>
/// Writes one RFC 4180 row at a time: fields separated by commas, quoted only when they hold a
/// comma, a quote or a line break, quotes doubled, records ended by CRLF.
/// </summary>
internal sealed class CsvOut(TextWriter writer)
{
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");
    private bool _rowStarted;

    public void Field(ReadOnlySpan<char> value)
    {
        Separator();
        if (value.IsEmpty)
            return;
        if (value.IndexOfAny(NeedsQuotes) < 0)
        {
            writer.Write(value);
            return;
        }
        writer.Write('"');
        while (true)
        {
            var q = value.IndexOf('"');
            if (q < 0)
                break;
            writer.Write(value[..(q + 1)]);
            writer.Write('"');
            value = value[(q + 1)..];
        }
        writer.Write(value);
        writer.Write('"');
    }

    public void Field(string? value) => Field(value.AsSpan());

    public void Empty() => Separator();

    public void Number(long value)
    {
        Separator();
        Span<char> buf = stackalloc char[24];
        value.TryFormat(buf, out var n, default, CultureInfo.InvariantCulture);
        writer.Write(buf[..n]);
    }

    public void EndRow()
    {
        writer.Write("\r\n");
        _rowStarted = false;
    }

    private void Separator()
    {
        if (_rowStarted)
            writer.Write(',');
        _rowStarted = true;
    }
}

/// <summary>A reusable character buffer for values composed per row (contacts, dates, URLs).</summary>
internal sealed class Scratch
{
    private char[] _buf = new char[1024];
    private int _len;

    public ReadOnlySpan<char> Span => _buf.AsSpan(0, _len);

    public Scratch Clear()
    {
        _len = 0;
        return this;
    }

    public Scratch Add(ReadOnlySpan<char> s)
    {
        Ensure(s.Length);
        s.CopyTo(_buf.AsSpan(_len));
        _len += s.Length;
        return this;
    }

    public Scratch Add(string s) => Add(s.AsSpan());

    public Scratch Add(char c)
    {
        Ensure(1);
        _buf[_len++] = c;
        return this;
    }

    public Scratch Add(long value, string? format = null)
    {
        Ensure(32);
        value.TryFormat(_buf.AsSpan(_len), out var n, format, CultureInfo.InvariantCulture);
        _len += n;
        return this;
    }

    public Scratch Add(DateTime value, string format)
    {
        Ensure(32);
        value.TryFormat(_buf.AsSpan(_len), out var n, format, CultureInfo.InvariantCulture);
        _len += n;
        return this;
    }

    /// <summary>Lower-cases ASCII as it copies (for e-mail local parts).</summary>
    public Scratch AddLower(string s)
    {
        Ensure(s.Length);
        foreach (var c in s)
            _buf[_len++] = c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
        return this;
    }

    private void Ensure(int more)
    {
        if (_len + more > _buf.Length)
            Array.Resize(ref _buf, Math.Max(_buf.Length * 2, _len + more));
    }
}
