namespace Baton.Domain.Fields.Values;

/// <summary>The parts of a contact string, as slices of the input; any part may be empty.</summary>
public readonly ref struct ContactParts(ReadOnlySpan<char> name, ReadOnlySpan<char> title, ReadOnlySpan<char> email)
{
    public ReadOnlySpan<char> Name { get; } = name;
    public ReadOnlySpan<char> Title { get; } = title;
    public ReadOnlySpan<char> Email { get; } = email;
    public bool HasEmail => !Email.IsEmpty;
}

/// <summary>Why a contact string did not parse.</summary>
public enum ContactProblem { None, Empty, MalformedEmail, NoName }

public static partial class FieldValueParser
{
    /// <summary>Reads a person: <c>Name &lt;email&gt;</c>, <c>Name (email)</c>, <c>Name - email</c>, <c>Name, Title &lt;email&gt;</c>, a name alone or an e-mail alone.</summary>
    /// <remarks>A name alone parses (the quality rules call it vague); an e-mail that is there but malformed does not.</remarks>
    public static bool TryParseContact(ReadOnlySpan<char> s, out ContactParts parts) => ParseContact(s, out parts) == ContactProblem.None;

    public static ContactProblem ParseContact(ReadOnlySpan<char> s, out ContactParts parts)
    {
        parts = default;
        s = s.Trim();
        if (s.IsEmpty) return ContactProblem.Empty;

        var at = s.IndexOf('@');
        ReadOnlySpan<char> email = default, rest = s;
        if (at >= 0)
        {
            int open = s[..at].LastIndexOfAny('<', '('), close;
            if (open >= 0 && (close = s[at..].IndexOfAny('>', ')')) >= 0)
            {
                close += at;
                email = s[(open + 1)..close].Trim();
                // Whatever follows the brackets (", CFO", a second contact) is left to the reader.
                rest = s[..open];
            }
            else
            {
                // The e-mail is the run of non-space characters around '@'.
                var start = at;
                while (start > 0 && !IsContactDelimiter(s[start - 1])) start--;
                var end = at;
                while (end < s.Length && !IsContactDelimiter(s[end])) end++;
                email = s[start..end];
                var before = s[..start].Trim();
                var after = s[end..].Trim();
                if (!before.IsEmpty && !after.IsEmpty) return ContactProblem.MalformedEmail;
                rest = before.IsEmpty ? after : before;
            }
            if (email.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)) email = email[7..];
            if (!IsEmail(email)) return ContactProblem.MalformedEmail;
        }

        rest = rest.Trim().Trim("-–—,:;|/\"'".AsSpan()).Trim();
        ReadOnlySpan<char> name = rest, title = default;
        var comma = rest.IndexOf(',');
        if (comma > 0)
        {
            name = rest[..comma].Trim();
            title = rest[(comma + 1)..].Trim();
        }
        if (!name.IsEmpty && !ContainsLetter(name)) return ContactProblem.NoName;
        if (name.IsEmpty && email.IsEmpty) return ContactProblem.NoName;
        parts = new ContactParts(name, title, email);
        return ContactProblem.None;
    }

    private static bool IsContactDelimiter(char c) => char.IsWhiteSpace(c) || c is ',' or ';' or '<' or '>' or '(' or ')' or '"' or '[' or ']';

    /// <summary>A practical e-mail check: local@domain.tld, no spaces or brackets, letters of any script allowed.</summary>
    public static bool IsEmail(ReadOnlySpan<char> e)
    {
        var at = e.IndexOf('@');
        if (at < 1 || at > 64 || e.LastIndexOf('@') != at) return false;
        var local = e[..at];
        var domain = e[(at + 1)..];
        if (local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal)) return false;
        foreach (var c in local)
            if (c < 128 ? !AsciiLocalChar[c] : !IsLocalChar(c))
                return false;

        var labels = 0;
        var lastLabel = ReadOnlySpan<char>.Empty;
        foreach (var range in domain.Split('.'))
        {
            var label = domain[range];
            if (label.IsEmpty || label.Length > 63 || label[0] == '-' || label[^1] == '-') return false;
            foreach (var c in label)
                if (c < 128 ? !AsciiLabelChar[c] : !char.IsLetterOrDigit(c)) return false;
            labels++;
            lastLabel = label;
        }
        if (labels < 2 || lastLabel.Length < 2) return false;
        foreach (var c in lastLabel)
            if (!char.IsLetter(c) && c != '-') return lastLabel.StartsWith("xn--", StringComparison.OrdinalIgnoreCase);
        return true;
    }

    private static bool IsLocalChar(char c) =>
        !(char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or '(' or ')' or '[' or ']' or ',' or ';' or ':' or '"' or '\\');

    // Nearly every address is ASCII; a table makes the per-character test one load (the audit checks two per deal).
    private static readonly bool[] AsciiLocalChar = AsciiTable(IsLocalChar);
    private static readonly bool[] AsciiLabelChar = AsciiTable(c => char.IsLetterOrDigit(c) || c == '-');

    private static bool[] AsciiTable(Func<char, bool> member)
    {
        var table = new bool[128];
        for (var c = 0; c < 128; c++) table[c] = member((char)c);
        return table;
    }

    private static bool ContainsLetter(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
            if (char.IsLetter(c)) return true;
        return false;
    }
}
