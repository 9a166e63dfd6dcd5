using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using DotLiquid;
using DotLiquid.Exceptions;

namespace Baton.Core.Templates;

/// <summary>
/// The DotLiquid side of <see cref="TemplateRenderer"/>: parsing with errors located by file and line,
/// and rendering over a scope that records every name it is asked for and does not have.
/// </summary>
/// <remarks>
/// DotLiquid has no strict-variables mode: an unknown name renders as nothing and is not reported. Every
/// dictionary of the scope therefore becomes a <see cref="Hash"/> whose default-value function notes the
/// missing name (<c>deal.compnay</c>, <c>fields.champoin</c>), and a <see cref="TemplateObject"/> becomes a
/// <see cref="FieldDrop"/> that does the same for its members. The scope is built per render, so parsed
/// templates are shared between threads and never mutated.
/// </remarks>
internal static class LiquidEngine
{
    private const SyntaxCompatibility Syntax = SyntaxCompatibility.DotLiquid22a;

    static LiquidEngine() => Template.RegisterFilter(typeof(Filters));

    /// <exception cref="TemplateException">Not valid Liquid, or a filter that neither DotLiquid nor we define.</exception>
    public static Template Parse(string file, string source)
    {
        Template template;
        try
        {
            template = Template.Parse(source, Syntax);
        }
        catch (LiquidException e)
        {
            throw new TemplateException(file, LineOf(source, e.Message), e.Message);
        }
        // DotLiquid skips a filter it does not know and prints the value unfiltered; a typo should fail instead.
        var strainer = Strainer.Create(new Context(CultureInfo.InvariantCulture));
        foreach (var filter in Variables(template.Root.NodeList).SelectMany(v => v.Filters))
            if (!strainer.RespondTo(filter.Name))
                throw new TemplateException(file, LineOfFilter(source, filter.Name), $"unknown filter '{filter.Name}'");
        template.MakeThreadSafe();
        return template;
    }

    /// <summary>Renders over <paramref name="scope"/>; names it lacks print as nothing and are added to <paramref name="undefined"/>.</summary>
    /// <exception cref="TemplateException">DotLiquid failed while rendering, e.g. an <c>include</c> with no file system.</exception>
    public static string Render(string file, Template template, IReadOnlyDictionary<string, object?> scope, ICollection<string> undefined)
    {
        var parameters = new RenderParameters(CultureInfo.InvariantCulture)
        {
            LocalVariables = ToHash(scope, "", undefined),
            ErrorsOutputMode = ErrorsOutputMode.Rethrow,
            SyntaxCompatibilityLevel = Syntax,
        };
        try
        {
            return template.Render(parameters);
        }
        catch (LiquidException e)
        {
            throw new TemplateException(file, e.Message, e);
        }
    }

    private static Hash ToHash(IReadOnlyDictionary<string, object?> values, string prefix, ICollection<string> undefined)
    {
        var hash = new Hash((_, key) => Missing(prefix + key, undefined));
        foreach (var (key, value) in values) hash[key] = ToLiquid(value, $"{prefix}{key}.", undefined);
        return hash;
    }

    private static object? ToLiquid(object? value, string prefix, ICollection<string> undefined) => value switch
    {
        null or string => value,
        IReadOnlyDictionary<string, object?> d => ToHash(d, prefix, undefined),
        TemplateObject o => new FieldDrop(o, prefix, undefined),
        IEnumerable<object?> list => list.Select(x => ToLiquid(x, prefix, undefined)).ToList(),
        _ => value,
    };

    private static object? Missing(string name, ICollection<string> undefined)
    {
        if (!undefined.Contains(name)) undefined.Add(name);
        return null;
    }

    // DotLiquid keeps the branches of `if`/`unless` and the body of `for` in non-public members; `NodeList`
    // holds only the branch parsed last. Resolved once, so a DotLiquid upgrade that renames them fails loudly.
    private static readonly PropertyInfo IfBranches = Member(typeof(DotLiquid.Tags.If), "Blocks");
    private static readonly PropertyInfo ForBody = Member(typeof(DotLiquid.Tags.For), "ForBlock");
    private static readonly PropertyInfo ForElse = Member(typeof(DotLiquid.Tags.For), "ElseBlock");

    private static PropertyInfo Member(Type type, string name) =>
        type.GetProperty(name, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
        ?? throw new MissingMemberException(type.FullName, name);

    /// <summary>Every output tag, including those in every branch of <c>if</c>, <c>unless</c>, <c>for</c> and other blocks.</summary>
    private static IEnumerable<Variable> Variables(IEnumerable<object>? nodes)
    {
        foreach (var node in nodes ?? [])
        {
            var children = node switch
            {
                Variable v => [v],
                DotLiquid.Tags.If i => ((IEnumerable<Condition>)IfBranches.GetValue(i)!).SelectMany(b => Variables(b.Attachment)),
                DotLiquid.Tags.For f => Variables((IEnumerable<object>?)ForBody.GetValue(f)).Concat(Variables(((Condition?)ForElse.GetValue(f))?.Attachment)),
                Tag t => Variables(t.NodeList),
                _ => [],
            };
            foreach (var v in children) yield return v;
        }
    }

    /// <summary>
    /// DotLiquid's syntax errors do not say where; find the line by parsing the template's leading lines.
    /// A block that is never closed is blamed on the line after the longest leading part that parses;
    /// any other error on the first line whose leading part fails with the same message.
    /// </summary>
    private static int LineOf(string source, string message)
    {
        var lines = source.Split('\n');
        string Head(int count) => string.Join('\n', lines[..count]);
        if (message.Contains("never closed", StringComparison.Ordinal))
        {
            for (var count = lines.Length - 1; count > 0; count--)
                if (ParseError(Head(count)) is null) return count + 1;
            return 1;
        }
        for (var count = 1; count < lines.Length; count++)
            if (ParseError(Head(count)) == message) return count;
        return lines.Length;
    }

    private static string? ParseError(string source)
    {
        try
        {
            Template.Parse(source, Syntax);
            return null;
        }
        catch (LiquidException e)
        {
            return e.Message;
        }
    }

    private static int LineOfFilter(string source, string filter)
    {
        var match = Regex.Match(source, $@"\|\s*{Regex.Escape(filter)}\b");
        return match.Success ? 1 + source.AsSpan(0, match.Index).Count('\n') : 1;
    }

    /// <summary>
    /// A <see cref="TemplateObject"/> for DotLiquid: prints as its text, compares equal to it, is <c>blank</c> when
    /// the text is empty and converts to it for string filters; members come from <see cref="TemplateObject.Members"/>.
    /// </summary>
    private sealed class FieldDrop(TemplateObject value, string prefix, ICollection<string> undefined) : Drop, IValueTypeConvertible, IEnumerable, IConvertible
    {
        private string Text => value.Text;

        public override object? BeforeMethod(string method) =>
            value.Members.TryGetValue(method, out var member) ? member : Missing(prefix + method, undefined);

        public override string ToString() => Text;

        // DotLiquid prints a drop as nothing unless it converts to a value.
        object IValueTypeConvertible.ConvertToValueType() => Text;

        public override bool Equals(object? obj) => obj switch
        {
            string s => s == Text,
            FieldDrop d => d.Text == Text,
            _ => false,
        };

        public override int GetHashCode() => Text.GetHashCode(StringComparison.Ordinal);

        // DotLiquid's `blank` and `empty` test for an enumerable with no items.
        IEnumerator IEnumerable.GetEnumerator() => (Text.Length == 0 ? Array.Empty<string>() : [Text]).GetEnumerator();

        TypeCode IConvertible.GetTypeCode() => TypeCode.Object;
        string IConvertible.ToString(IFormatProvider? provider) => Text;
        object IConvertible.ToType(Type conversionType, IFormatProvider? provider) => Convert.ChangeType(Text, conversionType, provider);
        bool IConvertible.ToBoolean(IFormatProvider? provider) => Convert.ToBoolean(Text, provider);
        byte IConvertible.ToByte(IFormatProvider? provider) => Convert.ToByte(Text, provider);
        char IConvertible.ToChar(IFormatProvider? provider) => Convert.ToChar(Text, provider);
        DateTime IConvertible.ToDateTime(IFormatProvider? provider) => Convert.ToDateTime(Text, provider);
        decimal IConvertible.ToDecimal(IFormatProvider? provider) => Convert.ToDecimal(Text, provider);
        double IConvertible.ToDouble(IFormatProvider? provider) => Convert.ToDouble(Text, provider);
        short IConvertible.ToInt16(IFormatProvider? provider) => Convert.ToInt16(Text, provider);
        int IConvertible.ToInt32(IFormatProvider? provider) => Convert.ToInt32(Text, provider);
        long IConvertible.ToInt64(IFormatProvider? provider) => Convert.ToInt64(Text, provider);
        sbyte IConvertible.ToSByte(IFormatProvider? provider) => Convert.ToSByte(Text, provider);
        float IConvertible.ToSingle(IFormatProvider? provider) => Convert.ToSingle(Text, provider);
        ushort IConvertible.ToUInt16(IFormatProvider? provider) => Convert.ToUInt16(Text, provider);
        uint IConvertible.ToUInt32(IFormatProvider? provider) => Convert.ToUInt32(Text, provider);
        ulong IConvertible.ToUInt64(IFormatProvider? provider) => Convert.ToUInt64(Text, provider);
    }
}
