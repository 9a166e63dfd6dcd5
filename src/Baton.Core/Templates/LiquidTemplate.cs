using System.Globalization;
using System.Text;

namespace Baton.Core.Templates;

/// <summary>A template file that could not be parsed or rendered, located by file and line.</summary>
public sealed class TemplateException(string file, int line, string message)
    : Exception($"{file}:{line}: {message}")
{
    public string File { get; } = file;
    public int Line { get; } = line;
}

/// <summary>An object that prints as <see cref="Text"/> and exposes members, e.g. a contact field's name and e-mail.</summary>
public sealed record TemplateObject(string Text, IReadOnlyDictionary<string, object?> Members)
{
    public override string ToString() => Text;
}

/// <summary>
/// A parsed Liquid template: output tags with filters, <c>if/elsif/else</c>, <c>unless</c>, <c>for</c>,
/// <c>assign</c>, <c>comment</c>, <c>raw</c> and whitespace control.
/// </summary>
/// <remarks>
/// Why our own: Fluid 2.41.1 binds to Parlot 1.5, and the only Parlot the package feed serves here is 2.2.1,
/// whose API Fluid cannot load (MissingMethodException in <c>FluidParser</c>'s constructor). The playbook's
/// templates need this subset only, and owning it makes "undefined variable" reporting exact.
/// Values are null, string, decimal, bool, lists, string-keyed dictionaries and <see cref="TemplateObject"/>.
/// Output is never escaped; the <c>mrkdwn</c> filter escapes for Slack.
/// </remarks>
internal sealed class LiquidTemplate
{
    private readonly IReadOnlyList<Node> _nodes;
    private readonly string _file;

    private LiquidTemplate(string file, IReadOnlyList<Node> nodes) => (_file, _nodes) = (file, nodes);

    public static LiquidTemplate Parse(string file, string source) => new(file, new Parser(file, Lex(file, source)).ParseBlock([]).Nodes);

    /// <summary>Renders with <paramref name="scope"/> as the root; names it lacks are added to <paramref name="undefined"/> and print as nothing.</summary>
    public string Render(IReadOnlyDictionary<string, object?> scope, ICollection<string> undefined)
    {
        var sb = new StringBuilder();
        var ctx = new Context(_file, scope, undefined);
        foreach (var n in _nodes) n.Render(ctx, sb);
        return sb.ToString();
    }

    // ---- lexing: text, {{ output }} and {% tag %} with '-' trimming ----

    private sealed record Token(TokenKind Kind, string Text, int Line);
    private enum TokenKind { Text, Output, Tag }

    private static List<Token> Lex(string file, string s)
    {
        var tokens = new List<Token>();
        int pos = 0, line = 1;
        var trimNext = false;
        while (pos < s.Length)
        {
            var open = IndexOfOpen(s, pos);
            var text = s[pos..(open < 0 ? s.Length : open)];
            if (trimNext) text = text.TrimStart();
            if (open < 0)
            {
                Add(TokenKind.Text, text);
                break;
            }
            var isOutput = s[open + 1] == '{';
            var trimBefore = open + 2 < s.Length && s[open + 2] == '-';
            if (trimBefore) text = text.TrimEnd();
            Add(TokenKind.Text, text);
            line += s.AsSpan(pos, open - pos).Count('\n');
            var close = s.IndexOf(isOutput ? "}}" : "%}", open + 2, StringComparison.Ordinal);
            if (close < 0) throw new TemplateException(file, line, $"'{s.Substring(open, 2)}' is never closed");
            var bodyStart = open + (trimBefore ? 3 : 2);
            trimNext = close > bodyStart && s[close - 1] == '-';
            var body = s[bodyStart..(trimNext ? close - 1 : close)].Trim();
            tokens.Add(new Token(isOutput ? TokenKind.Output : TokenKind.Tag, body, line));
            line += s.AsSpan(open, close - open).Count('\n');
            pos = close + 2;
        }
        return tokens;

        void Add(TokenKind kind, string text)
        {
            if (text.Length > 0) tokens.Add(new Token(kind, text, line));
        }
    }

    private static int IndexOfOpen(string s, int from)
    {
        for (var i = s.IndexOf('{', from); i >= 0 && i + 1 < s.Length; i = s.IndexOf('{', i + 1))
            if (s[i + 1] is '{' or '%') return i;
        return -1;
    }

    // ---- parsing ----

    private sealed class Parser(string file, List<Token> tokens)
    {
        private int _i;

        public (List<Node> Nodes, Token? End) ParseBlock(string[] endTags)
        {
            var nodes = new List<Node>();
            while (_i < tokens.Count)
            {
                var t = tokens[_i++];
                switch (t.Kind)
                {
                    case TokenKind.Text:
                        nodes.Add(new TextNode(t.Text));
                        break;
                    case TokenKind.Output:
                        nodes.Add(new OutputNode(ParseFiltered(t.Text, t.Line), t.Line));
                        break;
                    default:
                        var name = TagName(t.Text);
                        if (endTags.Contains(name)) return (nodes, t);
                        nodes.Add(ParseTag(name, t));
                        break;
                }
            }
            if (endTags.Length > 0) throw Error(tokens.Count > 0 ? tokens[^1].Line : 1, $"missing {{% {endTags[^1]} %}}");
            return (nodes, null);
        }

        private static string TagName(string body) => body.Split(' ', 2)[0];

        private static string TagArgs(string body) => body.Split(' ', 2) is [_, var rest] ? rest.Trim() : "";

        private Node ParseTag(string name, Token t)
        {
            var args = TagArgs(t.Text);
            switch (name)
            {
                case "if":
                case "unless":
                {
                    var branches = new List<(Condition?, IReadOnlyList<Node>)>();
                    var condition = ParseCondition(args, t.Line);
                    if (name == "unless") condition = new Not(condition);
                    var end = "end" + name;
                    while (true)
                    {
                        var (body, stop) = ParseBlock(["elsif", "else", end]);
                        branches.Add((condition, body));
                        var stopName = TagName(stop!.Text);
                        if (stopName == end) return new IfNode(branches);
                        if (stopName == "else")
                        {
                            var (elseBody, _) = ParseBlock([end]);
                            branches.Add((null, elseBody));
                            return new IfNode(branches);
                        }
                        if (name == "unless") throw Error(stop.Line, "'elsif' is not allowed inside 'unless'");
                        condition = ParseCondition(TagArgs(stop.Text), stop.Line);
                    }
                }
                case "for":
                {
                    var parts = args.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
                    if (parts.Length != 3 || parts[1] != "in") throw Error(t.Line, "write {% for item in list %}");
                    var (body, stop) = ParseBlock(["else", "endfor"]);
                    IReadOnlyList<Node> empty = [];
                    if (TagName(stop!.Text) == "else") empty = ParseBlock(["endfor"]).Nodes;
                    var source = new ExprLexer(file, parts[2], t.Line);
                    var collection = ParseExpression(source);
                    source.ExpectEnd();
                    return new ForNode(parts[0], collection, body, empty, t.Line);
                }
                case "assign":
                {
                    var eq = args.IndexOf('=');
                    if (eq <= 0) throw Error(t.Line, "write {% assign name = value %}");
                    return new AssignNode(args[..eq].Trim(), ParseFiltered(args[(eq + 1)..], t.Line));
                }
                case "comment":
                    SkipTo("endcomment", t.Line);
                    return new TextNode("");
                case "raw":
                {
                    var sb = new StringBuilder();
                    while (_i < tokens.Count && !(tokens[_i].Kind == TokenKind.Tag && tokens[_i].Text == "endraw"))
                    {
                        var r = tokens[_i++];
                        sb.Append(r.Kind switch { TokenKind.Output => "{{ " + r.Text + " }}", TokenKind.Tag => "{% " + r.Text + " %}", _ => r.Text });
                    }
                    if (_i++ >= tokens.Count) throw Error(t.Line, "missing {% endraw %}");
                    return new TextNode(sb.ToString());
                }
                default:
                    throw Error(t.Line, $"unknown tag '{name}'");
            }
        }

        private void SkipTo(string end, int line)
        {
            while (_i < tokens.Count)
                if (tokens[_i++] is { Kind: TokenKind.Tag } tag && TagName(tag.Text) == end) return;
            throw Error(line, $"missing {{% {end} %}}");
        }

        private Filtered ParseFiltered(string text, int line)
        {
            var lx = new ExprLexer(file, text, line);
            var value = ParseExpression(lx);
            var filters = new List<FilterCall>();
            while (lx.TryTake("|"))
            {
                var name = lx.TakeIdentifier();
                if (!Filters.All.TryGetValue(name, out var fn)) throw Error(line, $"unknown filter '{name}'; known: {string.Join(", ", Filters.All.Keys.Order())}");
                var args = new List<Expr>();
                if (lx.TryTake(":"))
                    do args.Add(ParseExpression(lx)); while (lx.TryTake(","));
                filters.Add(new FilterCall(name, fn, args));
            }
            lx.ExpectEnd();
            return new Filtered(value, filters);
        }

        private Condition ParseCondition(string text, int line)
        {
            var lx = new ExprLexer(file, text, line);
            var parts = new List<Condition>();
            var ops = new List<string>();
            while (true)
            {
                var left = ParseExpression(lx);
                Condition c = lx.TryTakeComparison() is { } op ? new Comparison(left, op, ParseExpression(lx)) : new Truthy(left);
                parts.Add(c);
                if (lx.TryTake("and")) ops.Add("and");
                else if (lx.TryTake("or")) ops.Add("or");
                else break;
            }
            lx.ExpectEnd();
            // Liquid groups from the right: `a or b and c` is `a or (b and c)`.
            var result = parts[^1];
            for (var k = parts.Count - 2; k >= 0; k--) result = new Logical(parts[k], ops[k], result);
            return result;
        }

        private Expr ParseExpression(ExprLexer lx)
        {
            if (lx.TryTakeString() is { } s) return new Literal(s);
            if (lx.TryTakeNumber() is { } n) return new Literal(n);
            var id = lx.TakeIdentifier();
            return id switch
            {
                "true" => new Literal(true),
                "false" => new Literal(false),
                "nil" or "null" => new Literal(null),
                "blank" => new Literal(Blank.Value),
                "empty" => new Literal(Empty.Value),
                _ => new PathExpr(id),
            };
        }

        private TemplateException Error(int line, string message) => new(file, line, message);
    }

    /// <summary>Splits an expression into strings, numbers, dotted names and operators.</summary>
    private sealed class ExprLexer(string file, string text, int line)
    {
        private int _p;

        private void SkipSpace()
        {
            while (_p < text.Length && char.IsWhiteSpace(text[_p])) _p++;
        }

        public bool TryTake(string word)
        {
            SkipSpace();
            if (string.CompareOrdinal(text, _p, word, 0, word.Length) != 0) return false;
            var end = _p + word.Length;
            if (char.IsLetter(word[0]) && end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_')) return false;
            _p = end;
            return true;
        }

        public string? TryTakeComparison()
        {
            foreach (var op in (string[])["==", "!=", "<>", "<=", ">=", "<", ">", "contains"])
                if (TryTake(op)) return op == "<>" ? "!=" : op;
            return null;
        }

        public string? TryTakeString()
        {
            SkipSpace();
            if (_p >= text.Length || text[_p] is not ('"' or '\'')) return null;
            var quote = text[_p];
            var end = text.IndexOf(quote, _p + 1);
            if (end < 0) throw new TemplateException(file, line, "unterminated string");
            var s = text[(_p + 1)..end];
            _p = end + 1;
            return s;
        }

        public decimal? TryTakeNumber()
        {
            SkipSpace();
            var start = _p;
            if (_p < text.Length && text[_p] == '-') _p++;
            while (_p < text.Length && (char.IsDigit(text[_p]) || text[_p] == '.')) _p++;
            if (decimal.TryParse(text.AsSpan(start, _p - start), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n)) return n;
            _p = start;
            return null;
        }

        public string TakeIdentifier()
        {
            SkipSpace();
            var start = _p;
            while (_p < text.Length && (char.IsLetterOrDigit(text[_p]) || text[_p] is '_' or '.' or '-')) _p++;
            if (_p == start) throw new TemplateException(file, line, _p < text.Length ? $"unexpected '{text[_p]}' in '{text}'" : $"expression expected in '{text}'");
            return text[start.._p];
        }

        public void ExpectEnd()
        {
            SkipSpace();
            if (_p < text.Length) throw new TemplateException(file, line, $"unexpected '{text[_p..]}' in '{text}'");
        }
    }

    // ---- evaluation ----

    private sealed class Context(string file, IReadOnlyDictionary<string, object?> scope, ICollection<string> undefined)
    {
        public Dictionary<string, object?> Locals { get; } = new(StringComparer.Ordinal);
        public string File => file;

        public object? Lookup(string path)
        {
            var segments = path.Split('.');
            object? current;
            if (Locals.TryGetValue(segments[0], out var local)) current = local;
            else if (!scope.TryGetValue(segments[0], out current)) return Undefined(segments[0]);
            for (var k = 1; k < segments.Length; k++)
            {
                var member = segments[k];
                IReadOnlyDictionary<string, object?>? members = current switch
                {
                    TemplateObject o => o.Members,
                    IReadOnlyDictionary<string, object?> d => d,
                    _ => null,
                };
                if (members is not null && members.TryGetValue(member, out var next)) current = next;
                else if (member == "size" && current is string or System.Collections.ICollection) current = (decimal)Size(current);
                else if (current is IReadOnlyList<object?> list && member is "first" or "last") current = list.Count == 0 ? null : member == "first" ? list[0] : list[^1];
                else return Undefined(string.Join('.', segments[..(k + 1)]));
            }
            return current;
        }

        private object? Undefined(string name)
        {
            if (!undefined.Contains(name)) undefined.Add(name);
            return null;
        }
    }

    private abstract record Node
    {
        public abstract void Render(Context ctx, StringBuilder sb);
    }

    private sealed record TextNode(string Text) : Node
    {
        public override void Render(Context ctx, StringBuilder sb) => sb.Append(Text);
    }

    private sealed record OutputNode(Filtered Value, int Line) : Node
    {
        public override void Render(Context ctx, StringBuilder sb) => sb.Append(ToText(Value.Evaluate(ctx, Line)));
    }

    private sealed record AssignNode(string Name, Filtered Value) : Node
    {
        public override void Render(Context ctx, StringBuilder sb) => ctx.Locals[Name] = Value.Evaluate(ctx, 0);
    }

    private sealed record IfNode(IReadOnlyList<(Condition? When, IReadOnlyList<Node> Body)> Branches) : Node
    {
        public override void Render(Context ctx, StringBuilder sb)
        {
            foreach (var (when, body) in Branches)
            {
                if (when is not null && !when.Test(ctx)) continue;
                foreach (var n in body) n.Render(ctx, sb);
                return;
            }
        }
    }

    private sealed record ForNode(string Variable, Expr Source, IReadOnlyList<Node> Body, IReadOnlyList<Node> Empty, int Line) : Node
    {
        public override void Render(Context ctx, StringBuilder sb)
        {
            var items = Source.Evaluate(ctx) switch
            {
                IReadOnlyList<object?> list => list,
                string s when s.Length > 0 => [s],
                _ => [],
            };
            ctx.Locals.TryGetValue(Variable, out var saved);
            foreach (var item in items)
            {
                ctx.Locals[Variable] = item;
                foreach (var n in Body) n.Render(ctx, sb);
            }
            ctx.Locals[Variable] = saved;
            if (items.Count == 0) foreach (var n in Empty) n.Render(ctx, sb);
        }
    }

    private sealed record FilterCall(string Name, Func<object?, object?[], object?> Apply, IReadOnlyList<Expr> Args);

    private sealed record Filtered(Expr Value, IReadOnlyList<FilterCall> Filters)
    {
        public object? Evaluate(Context ctx, int line)
        {
            var v = Value.Evaluate(ctx);
            foreach (var f in Filters)
            {
                try { v = f.Apply(v, f.Args.Select(a => a.Evaluate(ctx)).ToArray()); }
                catch (ArgumentException e) { throw new TemplateException(ctx.File, line, $"filter '{f.Name}': {e.Message}"); }
            }
            return v;
        }
    }

    private abstract record Expr
    {
        public abstract object? Evaluate(Context ctx);
    }

    private sealed record Literal(object? Value) : Expr
    {
        public override object? Evaluate(Context ctx) => Value;
    }

    private sealed record PathExpr(string Path) : Expr
    {
        public override object? Evaluate(Context ctx) => ctx.Lookup(Path);
    }

    private abstract record Condition
    {
        public abstract bool Test(Context ctx);
    }

    private sealed record Truthy(Expr Value) : Condition
    {
        // Liquid: only nil and false are false; an empty string is true (test with `!= blank`).
        public override bool Test(Context ctx) => Value.Evaluate(ctx) is not (null or false);
    }

    private sealed record Not(Condition Inner) : Condition
    {
        public override bool Test(Context ctx) => !Inner.Test(ctx);
    }

    private sealed record Logical(Condition Left, string Op, Condition Right) : Condition
    {
        public override bool Test(Context ctx) => Op == "and" ? Left.Test(ctx) && Right.Test(ctx) : Left.Test(ctx) || Right.Test(ctx);
    }

    private sealed record Comparison(Expr Left, string Op, Expr Right) : Condition
    {
        public override bool Test(Context ctx)
        {
            var l = Left.Evaluate(ctx);
            var r = Right.Evaluate(ctx);
            return Op switch
            {
                "==" => AreEqual(l, r),
                "!=" => !AreEqual(l, r),
                "contains" => l switch
                {
                    string or TemplateObject => ToText(l).Contains(ToText(r), StringComparison.Ordinal),
                    IReadOnlyList<object?> list => list.Any(x => AreEqual(x, r)),
                    _ => false,
                },
                _ => Compare(l, r) is { } c && Op switch { "<" => c < 0, ">" => c > 0, "<=" => c <= 0, _ => c >= 0 },
            };
        }

        private static int? Compare(object? l, object? r) =>
            (AsNumber(l), AsNumber(r)) is (decimal a, decimal b) ? a.CompareTo(b)
            : l is string or TemplateObject && r is string or TemplateObject ? string.CompareOrdinal(ToText(l), ToText(r))
            : null;
    }

    private sealed class Blank
    {
        public static readonly Blank Value = new();
    }

    private sealed class Empty
    {
        public static readonly Empty Value = new();
    }

    private static bool AreEqual(object? l, object? r)
    {
        if (r is Blank or Empty) (l, r) = (r, l);
        return l switch
        {
            Blank => r is null or false || (r is string or TemplateObject && string.IsNullOrWhiteSpace(ToText(r))) || r is System.Collections.ICollection { Count: 0 },
            Empty => (r is string or TemplateObject && ToText(r).Length == 0) || r is System.Collections.ICollection { Count: 0 },
            null => r is null,
            decimal a => AsNumber(r) is decimal b && a == b,
            bool a => r is bool b && a == b,
            string or TemplateObject => r is string or TemplateObject && ToText(l) == ToText(r),
            _ => ReferenceEquals(l, r),
        };
    }

    private static decimal? AsNumber(object? v) => v switch
    {
        decimal d => d,
        int i => i,
        long i => i,
        double d => (decimal)d,
        _ => null,
    };

    internal static int Size(object? v) => v switch
    {
        string s => s.Length,
        TemplateObject o => o.Text.Length,
        System.Collections.ICollection c => c.Count,
        _ => 0,
    };

    internal static string ToText(object? v) => v switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        TemplateObject o => o.Text,
        IReadOnlyList<object?> list => string.Concat(list.Select(ToText)),
        Blank or Empty => "",
        _ => v.ToString() ?? "",
    };
}
