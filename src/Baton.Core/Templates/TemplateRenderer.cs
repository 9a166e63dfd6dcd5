using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using DotLiquid;

namespace Baton.Core.Templates;

/// <summary>Lenient renders whatever it can; Validate also lists every name the model does not define.</summary>
public enum RenderMode { Lenient, Validate }

/// <summary>A rendered template; <see cref="Problems"/> holds "undefined variable X" lines in <see cref="RenderMode.Validate"/>.</summary>
public sealed record RenderedTemplate(string Name, string Text, IReadOnlyList<string> Problems);

/// <summary>
/// Renders a playbook's Liquid templates by their name relative to <c>templates/</c>
/// (<c>slack-handoff.liquid</c>, <c>email/ae-transition.liquid</c>) with DotLiquid. Each file is parsed once and cached.
/// </summary>
/// <remarks>
/// Segment variants: <c>email/csm-welcome.liquid</c> for an SMB deal is looked up as
/// <c>email/csm-welcome.smb.liquid</c> first. The cache never re-reads a file: a changed playbook is a new renderer.
/// Thread-safe.
/// </remarks>
public sealed partial class TemplateRenderer(string templatesDirectory)
{
    private readonly string _root = Path.GetFullPath(templatesDirectory);
    private readonly ConcurrentDictionary<string, Template> _parsed = new(StringComparer.Ordinal);

    public static TemplateRenderer ForPlaybook(string playbookDirectory) => new(Path.Combine(playbookDirectory, "templates"));

    /// <summary>"Mid-Market" → "mid-market", "Strategic Accounts" → "strategic-accounts".</summary>
    public static string SegmentSlug(string segment) => NonWord().Replace(segment.Trim().ToLowerInvariant(), "-").Trim('-');

    [GeneratedRegex(@"[\s\-_]+")]
    private static partial Regex NonWord();

    /// <summary>The segment's own variant of <paramref name="name"/> when the playbook has one, else <paramref name="name"/>.</summary>
    public string Resolve(string name, string? segment)
    {
        if (string.IsNullOrWhiteSpace(segment)) return name;
        var ext = Path.GetExtension(name);
        var variant = $"{name[..^ext.Length]}.{SegmentSlug(segment)}{ext}";
        return File.Exists(FullPath(variant)) ? variant : name;
    }

    public bool Exists(string name) => File.Exists(FullPath(name));

    /// <summary>Renders <paramref name="name"/>, or its variant for the deal's segment.</summary>
    /// <exception cref="TemplateException">The file is missing or is not valid Liquid.</exception>
    public RenderedTemplate Render(string name, HandoffTemplateModel model, RenderMode mode = RenderMode.Lenient)
    {
        var resolved = Resolve(name, model.Deal.Segment);
        return RenderExactly(resolved, model.ToScope(), mode);
    }

    /// <summary>Renders exactly <paramref name="name"/> over any scope, without segment lookup.</summary>
    public RenderedTemplate RenderExactly(string name, IReadOnlyDictionary<string, object?> scope, RenderMode mode = RenderMode.Lenient)
    {
        var template = _parsed.GetOrAdd(name, Load);
        var undefined = new List<string>();
        var text = LiquidEngine.Render(name, template, scope, undefined);
        IReadOnlyList<string> problems = mode == RenderMode.Validate ? undefined.Select(u => $"undefined variable {u}").ToArray() : [];
        return new RenderedTemplate(name, text, problems);
    }

    private Template Load(string name)
    {
        var path = FullPath(name);
        if (!File.Exists(path)) throw new TemplateException(name, 1, $"no template '{name}' in {_root}");
        var text = File.ReadAllText(path, new UTF8Encoding(false, throwOnInvalidBytes: true));
        // One line ending everywhere so a template saved on Windows renders the same e-mail.
        text = text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal);
        return LiquidEngine.Parse(name, text);
    }

    private string FullPath(string name)
    {
        var path = Path.GetFullPath(Path.Combine(_root, name));
        if (Path.IsPathRooted(name) || !path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"'{name}' is not a path inside the templates directory", nameof(name));
        return path;
    }
}
