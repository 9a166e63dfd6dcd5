using System.Diagnostics.CodeAnalysis;

namespace Baton.Domain.Fields.Values;

/// <summary>
/// Turns the strings CRM exports, forms and imports carry into typed <see cref="FieldValue"/>s.
/// The <c>TryParseX</c> methods read spans and allocate nothing, for the gate and the audit;
/// <see cref="TryParse"/> builds the typed value and, when the string does not parse, says what was expected and what was found.
/// </summary>
public static partial class FieldValueParser
{
    // Arrays, not params: a params span that escapes into the split enumerator is heap-allocated on every call.
    private static readonly char[] ChoiceSeparators = [';', ','];
    private static readonly char[] HubSpotChoiceSeparator = [';'];

    public static bool TryParse(FieldDefinition field, ReadOnlySpan<char> raw, [NotNullWhen(true)] out FieldValue? value, out string? error)
    {
        value = null;
        error = null;
        var s = raw.Trim();
        if (s.IsEmpty)
        {
            error = $"expected {Expected(field)}, found nothing";
            return false;
        }
        switch (field.Type)
        {
            case FieldType.Text or FieldType.LongText:
                value = new TextValue(s.ToString());
                return true;
            case FieldType.Number when TryParseNumber(s, out var n):
                value = new NumberValue(n);
                return true;
            case FieldType.Currency when TryParseCurrency(s, out var amount, out var currency):
                value = new MoneyValue(amount, currency);
                return true;
            case FieldType.Date when TryParseDate(s, out var date):
                value = new DateValue(date);
                return true;
            case FieldType.Boolean when TryParseBoolean(s, out var b):
                value = new BooleanValue(b);
                return true;
            case FieldType.Choice:
                if (FindChoice(s, field.Choices) is { } choice)
                {
                    value = new ChoiceValue(choice);
                    return true;
                }
                error = $"expected one of {string.Join(", ", field.Choices)}, found \"{s}\"";
                return false;
            case FieldType.MultiChoice:
                if (!TryCheckChoices(s, field.Choices, allowComma: true, out error)) return false;
                value = new MultiChoiceValue(SplitChoices(s, field.Choices));
                return true;
            case FieldType.Url when TryParseUrl(s) && Uri.TryCreate(s.ToString(), UriKind.Absolute, out var uri):
                value = new UrlValue(uri);
                return true;
            case FieldType.Contact:
                var problem = ParseContact(s, out var parts);
                if (problem == ContactProblem.None)
                {
                    value = new ContactValue(parts.Name.ToString(), parts.Title.IsEmpty ? null : parts.Title.ToString(), parts.HasEmail ? parts.Email.ToString() : null);
                    return true;
                }
                error = problem == ContactProblem.MalformedEmail
                    ? $"expected an e-mail like priya.raman@northwind.io, found \"{s}\""
                    : $"expected {Expected(field)}, found \"{s}\"";
                return false;
            case FieldType.Scope:
                if (!TryParseScope(s, field.Choices, out var scope, out error)) return false;
                value = new ScopeValue(
                    scope.Seats,
                    scope.Products.IsEmpty ? [] : SplitChoices(scope.Products, field.Choices),
                    scope.Arr is { } arr ? new MoneyValue(arr, scope.ArrCurrency) : null,
                    scope.Start,
                    scope.Renewal);
                return true;
        }
        error = $"expected {Expected(field)}, found \"{s}\"";
        return false;
    }

    /// <summary>What a value of the field's type looks like, for error messages.</summary>
    public static string Expected(FieldDefinition field) => field.Type switch
    {
        FieldType.Text or FieldType.LongText => "some text",
        FieldType.Number => "a number like 45 or 1,200",
        FieldType.Currency => "an amount like $48,000, 48000 or EUR 48.000,00",
        FieldType.Date => "a date like 2026-11-03 or 11/3/2026",
        FieldType.Boolean => "yes or no",
        FieldType.Choice => $"one of {string.Join(", ", field.Choices)}",
        FieldType.MultiChoice => $"one or more of {string.Join(", ", field.Choices)}, separated by ';'",
        FieldType.Url => "a link starting with https://",
        FieldType.Contact => "a name and e-mail like Priya Raman <priya.raman@northwind.io>",
        FieldType.Scope => $"key=value pairs ({ScopeKeys}) separated by ';'",
        _ => field.Type.ToString(),
    };

    /// <summary>Yes/No, true/false, 1/0, Y/N, in any case.</summary>
    public static bool TryParseBoolean(ReadOnlySpan<char> s, out bool value)
    {
        s = s.Trim();
        if (s.Equals("yes", StringComparison.OrdinalIgnoreCase) || s.Equals("true", StringComparison.OrdinalIgnoreCase)
            || s.Equals("y", StringComparison.OrdinalIgnoreCase) || s is "1")
        {
            value = true;
            return true;
        }
        value = false;
        return s.Equals("no", StringComparison.OrdinalIgnoreCase) || s.Equals("false", StringComparison.OrdinalIgnoreCase)
            || s.Equals("n", StringComparison.OrdinalIgnoreCase) || s is "0";
    }

    /// <summary>An absolute http(s) link with a host and no spaces.</summary>
    public static bool TryParseUrl(ReadOnlySpan<char> s)
    {
        s = s.Trim();
        ReadOnlySpan<char> rest;
        if (s.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) rest = s[8..];
        else if (s.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) rest = s[7..];
        else return false;
        foreach (var c in s)
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or '"') return false;
        var hostEnd = rest.IndexOfAny("/?#");
        var host = hostEnd < 0 ? rest : rest[..hostEnd];
        var at = host.LastIndexOf('@');
        if (at >= 0) host = host[(at + 1)..];
        var colon = host.LastIndexOf(':');
        if (colon >= 0) host = host[..colon];
        if (host.IsEmpty || host[0] == '.' || host[^1] == '.') return false;
        return host.Contains('.') || host.Equals("localhost", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The manifest's spelling of the choice <paramref name="s"/> names, compared ignoring case; null when none does.</summary>
    public static string? FindChoice(ReadOnlySpan<char> s, IReadOnlyList<string> choices)
    {
        s = s.Trim();
        // Indexed, not foreach: enumerating an IReadOnlyList boxes its enumerator, and this runs per value.
        for (var i = 0; i < choices.Count; i++)
            if (s.Equals(choices[i], StringComparison.OrdinalIgnoreCase)) return choices[i];
        return null;
    }

    /// <summary>Checks a multi-choice list separated by ';' (HubSpot) or ','; every item must be a known choice.</summary>
    /// <remarks>With no choices configured any non-empty item is accepted.</remarks>
    internal static bool TryCheckChoices(ReadOnlySpan<char> s, IReadOnlyList<string> choices, bool allowComma, out string? error)
    {
        error = null;
        var count = 0;
        foreach (var range in s.SplitAny(allowComma ? ChoiceSeparators : HubSpotChoiceSeparator))
        {
            var item = s[range].Trim();
            if (item.IsEmpty) continue;
            count++;
            if (choices.Count > 0 && FindChoice(item, choices) is null)
            {
                error = $"expected one or more of {string.Join(", ", choices)}, found \"{item}\"";
                return false;
            }
        }
        if (count == 0)
        {
            error = $"expected one or more of {string.Join(", ", choices)}, found \"{s}\"";
            return false;
        }
        return true;
    }

    private static List<string> SplitChoices(ReadOnlySpan<char> s, IReadOnlyList<string> choices)
    {
        var list = new List<string>();
        foreach (var range in s.SplitAny(ChoiceSeparators))
        {
            var item = s[range].Trim();
            if (item.IsEmpty) continue;
            var name = FindChoice(item, choices) ?? item.ToString();
            if (!list.Contains(name)) list.Add(name);
        }
        return list;
    }
}
